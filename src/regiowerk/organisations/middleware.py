"""Hold a session at the second log-in step until it is done (organisations.two_factor)."""

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from regiowerk.organisations import two_factor

# Pages a session may use before its second step: the steps themselves, leaving, the
# language switch. Anything else (pages, API, Django's admin) waits.
OPEN_URL_NAMES = frozenset({"otp-setup", "otp-verify", "logout", "set_language"})
STEP_URL_NAMES = {"verify": "otp-verify", "setup": "otp-setup"}


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware (``request.user.is_verified``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = two_factor.pending_step(request) if hasattr(request, "session") else None
        if step is None or not request.user.is_authenticated or self._is_open(request):
            return self.get_response(request)
        # OTPMiddleware adds is_verified() to the user
        if request.user.is_verified():  # type: ignore[attr-defined]
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Finish the two-step log-in in the browser first.")},
                status=403,
            )
        return redirect_to_login(
            request.get_full_path(), reverse(STEP_URL_NAMES[step]), "next"
        )

    @staticmethod
    def _is_open(request: HttpRequest) -> bool:
        try:
            return resolve(request.path_info).url_name in OPEN_URL_NAMES
        except Resolver404:
            return False
