"""URL map: web UI per app, /api/v1/ (each app's api/urls.py), OpenAPI schema and docs."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

# Redoc (served from our own static files) injects its styles at run time and searches in
# a web worker made from a blob; the rest of the policy stays (settings.base).
redoc_policy = csp_update(
    {"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"], "img-src": ["data:"]}
)

api_v1: list[URLPattern | URLResolver] = [
    path("", include("regiowerk.organisations.api.urls")),
    path("", include("regiowerk.people.api.urls")),
    path("", include("regiowerk.services.api.urls")),
    path("", include("regiowerk.employers.api.urls")),
    path("", include("regiowerk.matching.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        redoc_policy(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("personen/", include("regiowerk.people.urls")),
    path("", include("regiowerk.organisations.urls")),
    path("", include("regiowerk.services.urls")),
    path("", include("regiowerk.employers.urls")),
    path("", include("regiowerk.matching.urls")),
]
