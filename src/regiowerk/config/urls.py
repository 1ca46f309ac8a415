"""URL map: every app mounted the same way, its web pages from ``<app>/urls.py`` at the
root and its API from ``<app>/api/urls.py`` under /api/v1/; each app's urls.py holds its
full paths. Then the OpenAPI schema and docs, the language switch and the Django admin."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

APPS = [
    "organisations",
    "people",
    "services",
    "employers",
    "matching",
    "placements",
    "monitoring",
]

# Redoc (served from our own static files) injects its styles at run time and searches in
# a web worker made from a blob; the rest of the policy stays (settings.base).
redoc_policy = csp_update(
    {"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"], "img-src": ["data:"]}
)

api_v1: list[URLPattern | URLResolver] = [
    *(path("", include(f"regiowerk.{app}.api.urls")) for app in APPS),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        redoc_policy(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    *(path("", include(f"regiowerk.{app}.urls")) for app in APPS),
]

handler403 = "regiowerk.common.api.forbidden"
handler404 = "regiowerk.common.api.not_found"
handler500 = "regiowerk.common.api.server_failed"
