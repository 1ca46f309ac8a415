"""Web pages of the catalogue (/catalogus/), enrolments and events (/bijeenkomsten/)."""

from django.urls import path

from regiowerk.services import views

urlpatterns = [
    path("catalogus/", views.service_list, name="service-list"),
    path("catalogus/nieuw/", views.service_create, name="service-create"),
    path("catalogus/importeren/", views.service_import, name="service-import"),
    path("catalogus/<int:service_id>/", views.service_detail, name="service-detail"),
    path(
        "catalogus/<int:service_id>/wijzigen/",
        views.service_update,
        name="service-update",
    ),
    path(
        "catalogus/<int:service_id>/deelnemers/",
        views.service_participants,
        name="service-participants",
    ),
    path("inschrijvingen/nieuw/", views.enrolment_create, name="enrolment-create"),
    path(
        "inschrijvingen/<int:enrolment_id>/",
        views.enrolment_detail,
        name="enrolment-detail",
    ),
    path(
        "inschrijvingen/<int:enrolment_id>/starten/",
        views.enrolment_start,
        name="enrolment-start",
    ),
    path(
        "inschrijvingen/<int:enrolment_id>/aanwezigheid/",
        views.enrolment_attendance,
        name="enrolment-attendance",
    ),
    path(
        "inschrijvingen/<int:enrolment_id>/afronden/",
        views.enrolment_complete,
        name="enrolment-complete",
    ),
    path(
        "inschrijvingen/<int:enrolment_id>/uitval/",
        views.enrolment_drop_out,
        name="enrolment-drop-out",
    ),
    path(
        "inschrijvingen/<int:enrolment_id>/tevredenheid/",
        views.enrolment_satisfaction,
        name="enrolment-satisfaction",
    ),
    path("bijeenkomsten/", views.event_list, name="event-list"),
    path("bijeenkomsten/nieuw/", views.event_create, name="event-create"),
    path("bijeenkomsten/<int:event_id>/", views.event_detail, name="event-detail"),
    path(
        "bijeenkomsten/<int:event_id>/wijzigen/",
        views.event_update,
        name="event-update",
    ),
    path(
        "bijeenkomsten/<int:event_id>/aanmelden/",
        views.event_register,
        name="event-register",
    ),
    path(
        "bijeenkomsten/<int:event_id>/aanwezigheid/",
        views.event_attendance,
        name="event-attendance",
    ),
    path(
        "bijeenkomsten/<int:event_id>/inloop/",
        views.event_head_count,
        name="event-head-count",
    ),
]
