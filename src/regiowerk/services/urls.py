"""Web pages of the catalogue (/catalogus/), enrolments and events (/bijeenkomsten/).
Paths are Dutch, names English; the pages of one record are grouped under its path."""

from django.urls import include, path

from regiowerk.services import views

one_service = [
    path("", views.service_detail, name="service-detail"),
    path("wijzigen/", views.service_update, name="service-update"),
    path("deelnemers/", views.service_participants, name="service-participants"),
]

one_enrolment = [
    path("", views.enrolment_detail, name="enrolment-detail"),
    path("starten/", views.enrolment_start, name="enrolment-start"),
    path("aanwezigheid/", views.enrolment_attendance, name="enrolment-attendance"),
    path("afronden/", views.enrolment_complete, name="enrolment-complete"),
    path("uitval/", views.enrolment_drop_out, name="enrolment-drop-out"),
    path("tevredenheid/", views.enrolment_satisfaction, name="enrolment-satisfaction"),
]

one_event = [
    path("", views.event_detail, name="event-detail"),
    path("wijzigen/", views.event_update, name="event-update"),
    path("aanmelden/", views.event_register, name="event-register"),
    path("aanwezigheid/", views.event_attendance, name="event-attendance"),
    path("inloop/", views.event_head_count, name="event-head-count"),
]

urlpatterns = [
    path("catalogus/", views.service_list, name="service-list"),
    path("catalogus/nieuw/", views.service_create, name="service-create"),
    path("catalogus/importeren/", views.service_import, name="service-import"),
    path("catalogus/<int:service_id>/", include(one_service)),
    path("inschrijvingen/nieuw/", views.enrolment_create, name="enrolment-create"),
    path("inschrijvingen/<int:enrolment_id>/", include(one_enrolment)),
    path("bijeenkomsten/", views.event_list, name="event-list"),
    path("bijeenkomsten/nieuw/", views.event_create, name="event-create"),
    path("bijeenkomsten/<int:event_id>/", include(one_event)),
]
