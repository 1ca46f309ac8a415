"""Two-factor log-in (TOTP, django-otp): who needs it, and the authenticator's set-up.

After the password, a user with a confirmed authenticator device enters its 6-digit code
(``otp-verify``); an administrator without one sets one up first (``otp-setup``) when
``REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS`` is on (the production default; the
development settings turn it off for the demo). Until then ``TwoFactorMiddleware`` lets
the user reach only those pages, the log-out and the language switch.

What a session still needs is decided once, when the user logs in (``note_login``, on
Django's ``user_logged_in``), and kept in the session, so pages pay no extra query.
"""

import base64
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User

SESSION_KEY = "regiowerk_second_factor"  # "verify" or "setup" while the step is open
Step = Literal["verify", "setup"]


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def must_use_two_factor(user: User) -> bool:
    """Administrators (and Django staff) when the setting requires it."""
    if not settings.REGIOWERK_TWO_FACTOR_FOR_ADMINISTRATORS:
        return False
    return (
        user.is_staff
        or user.is_superuser
        or user.memberships.filter(role=Role.ADMINISTRATOR).exists()
    )


def step_after_password(user: User) -> Step | None:
    if confirmed_device(user) is not None:
        return "verify"
    if must_use_two_factor(user):
        return "setup"
    return None


def note_login(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """``user_logged_in``: remember the second step this session still needs."""
    step = step_after_password(user)
    if step is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = step


def pending_step(request: HttpRequest) -> Step | None:
    step: Step | None = request.session.get(SESSION_KEY)
    return step


def complete(request: HttpRequest, device: TOTPDevice) -> None:
    """The code was right: this session is verified with ``device``."""
    otp_login(request, device)
    request.session.pop(SESSION_KEY, None)


def secret_of(device: TOTPDevice) -> str:
    """The key as the authenticator apps take it by hand: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The device's ``otpauth://`` link as an inline SVG QR code (made here, no network)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5,
        dark="#000",
        light="#fff",
        title=_("QR code for the authenticator app"),
    )
    return mark_safe(svg)  # noqa: S308  (segno's own markup; the title is ours)
