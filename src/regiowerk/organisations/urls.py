"""Log-in, the start page, the acting organisation and the administration pages
(/beheer/). Paths are Dutch, names English."""

from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path

from regiowerk.organisations import admin_views, views

one_user = [
    path("", admin_views.user_admin, name="user-admin"),
    path("rol-toekennen/", admin_views.user_grant_role, name="user-grant-role"),
    path("rol-intrekken/", admin_views.user_revoke_role, name="user-revoke-role"),
    path("deactiveren/", admin_views.user_deactivate, name="user-deactivate"),
]

# /beheer/: for administrators of the organisation (admin_views)
administration: list[URLPattern | URLResolver] = [
    path("", admin_views.organisation_admin, name="organisation-admin"),
    path("regio/", admin_views.region_organisations, name="region-organisations"),
    path("gebruikers/nieuw/", admin_views.user_create, name="user-create"),
    path("gebruikers/<int:user_id>/", include(one_user)),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-wijzigen/",
        views.PasswordChangeView.as_view(),
        name="password-change",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.PasswordSetView.as_view(),
        name="password-set",
    ),
    path("api-sleutel/", views.api_token, name="api-token"),
    path("inloggen/tweede-stap/", views.otp_verify, name="otp-verify"),
    path("tweestapsverificatie/", views.otp_setup, name="otp-setup"),
    path(
        "organisatie/wisselen/", views.switch_organisation, name="switch-organisation"
    ),
    path("beheer/", include(administration)),
]
