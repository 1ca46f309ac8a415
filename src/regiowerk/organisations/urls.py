from django.contrib.auth import views as auth_views
from django.urls import path

from regiowerk.organisations import admin_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-wijzigen/",
        views.PasswordChangeView.as_view(),
        name="password-change",
    ),
    path("api-sleutel/", views.api_token, name="api-token"),
    path("inloggen/tweede-stap/", views.otp_verify, name="otp-verify"),
    path("tweestapsverificatie/", views.otp_setup, name="otp-setup"),
    path(
        "organisatie/wisselen/", views.switch_organisation, name="switch-organisation"
    ),
    path("beheer/", admin_views.organisation_admin, name="organisation-admin"),
    path(
        "beheer/regio/", admin_views.region_organisations, name="region-organisations"
    ),
    path("beheer/gebruikers/nieuw/", admin_views.user_create, name="user-create"),
    path("beheer/gebruikers/<int:user_id>/", admin_views.user_admin, name="user-admin"),
    path(
        "beheer/gebruikers/<int:user_id>/rol-toekennen/",
        admin_views.user_grant_role,
        name="user-grant-role",
    ),
    path(
        "beheer/gebruikers/<int:user_id>/rol-intrekken/",
        admin_views.user_revoke_role,
        name="user-revoke-role",
    ),
    path(
        "beheer/gebruikers/<int:user_id>/deactiveren/",
        admin_views.user_deactivate,
        name="user-deactivate",
    ),
]
