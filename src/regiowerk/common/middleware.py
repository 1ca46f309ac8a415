"""Middleware: the UI language, the headers that keep private responses private, and
a 404 that does not echo the path when DEBUG is on."""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from regiowerk.common.api import not_found


class ChosenLanguageMiddleware:
    """Activate the language from the language-switch cookie, else ``LANGUAGE_CODE``.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a consultant
    with an English browser would get an English UI. Dutch is the norm for Dutch public
    services; English is a choice the user makes in the footer (``set_language``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# Browser features the app never uses, switched off for its pages and anything they embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PrivateResponseMiddleware:
    """A ``Permissions-Policy`` on every response; no caching of a signed-in user's.

    Any page or API response of an authenticated request may show personal data, so no
    browser, proxy or back button keeps a copy (``Cache-Control: no-store``). Static
    files never get here: whitenoise answers them earlier in the middleware chain. Sits
    after the authentication middleware; DRF's token authentication sets
    ``request.user`` during the view, before this sees the response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class QuietNotFoundMiddleware:
    """With DEBUG on (the ``make run`` default), Django answers a 404 with its technical
    page, which repeats the path — a name or a number typed into the address — and lists
    every URL pattern. This answers with the app's own 404 (``handler404``: the page, or
    the API's error format) instead, for a path no URL matches and for a view that
    raises Http404, so the path is not echoed whatever DEBUG says. Without DEBUG, Django
    uses ``handler404`` itself and this does nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEBUG:
            try:
                resolve(request.path_info)
            except Resolver404 as exc:
                return not_found(request, exc)
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return not_found(request, exception)
        return None
