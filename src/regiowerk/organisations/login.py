"""Log-in plumbing: the client address that log-in throttling (django-axes) counts by."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: from ``REGIOWERK_CLIENT_IP_HEADER`` behind a proxy.

    Of a list (``X-Forwarded-For: client, proxy1``) the last address is taken: the one
    the reverse proxy in front of the app added. The addresses before it come from the
    client and can be forged. Without the setting, or without the header, the address of
    the connection (``REMOTE_ADDR``) counts.
    """
    header = settings.REGIOWERK_CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if addresses:
        return addresses[-1]
    return request.META.get("REMOTE_ADDR")
