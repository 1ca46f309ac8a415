from django.urls import path

from regiowerk.services.api import views

urlpatterns = [
    # Catalogue
    path("services/", views.ServiceListApi.as_view(), name="api-service-list"),
    path(
        "services/create/", views.ServiceCreateApi.as_view(), name="api-service-create"
    ),
    path(
        "services/<int:service_id>/",
        views.ServiceDetailApi.as_view(),
        name="api-service-detail",
    ),
    path(
        "services/<int:service_id>/update/",
        views.ServiceUpdateApi.as_view(),
        name="api-service-update",
    ),
    path(
        "services/<int:service_id>/participants/",
        views.ServiceParticipantsApi.as_view(),
        name="api-service-participants",
    ),
    # Enrolments
    path("enrolments/", views.EnrolmentListApi.as_view(), name="api-enrolment-list"),
    path(
        "enrolments/create/",
        views.EnrolmentCreateApi.as_view(),
        name="api-enrolment-create",
    ),
    path(
        "enrolments/<int:enrolment_id>/",
        views.EnrolmentDetailApi.as_view(),
        name="api-enrolment-detail",
    ),
    path(
        "enrolments/<int:enrolment_id>/start/",
        views.EnrolmentStartApi.as_view(),
        name="api-enrolment-start",
    ),
    path(
        "enrolments/<int:enrolment_id>/complete/",
        views.EnrolmentCompleteApi.as_view(),
        name="api-enrolment-complete",
    ),
    path(
        "enrolments/<int:enrolment_id>/drop-out/",
        views.EnrolmentDropOutApi.as_view(),
        name="api-enrolment-drop-out",
    ),
    path(
        "enrolments/<int:enrolment_id>/rate/",
        views.EnrolmentRateApi.as_view(),
        name="api-enrolment-rate",
    ),
    path(
        "enrolments/<int:enrolment_id>/attendance/",
        views.EnrolmentAttendanceApi.as_view(),
        name="api-enrolment-attendance",
    ),
    # Events
    path("events/", views.EventListApi.as_view(), name="api-event-list"),
    path("events/create/", views.EventCreateApi.as_view(), name="api-event-create"),
    path(
        "events/<int:event_id>/",
        views.EventDetailApi.as_view(),
        name="api-event-detail",
    ),
    path(
        "events/<int:event_id>/update/",
        views.EventUpdateApi.as_view(),
        name="api-event-update",
    ),
    path(
        "events/<int:event_id>/head-count/",
        views.EventHeadCountApi.as_view(),
        name="api-event-head-count",
    ),
    path(
        "events/<int:event_id>/registrations/",
        views.EventRegistrationListApi.as_view(),
        name="api-event-registration-list",
    ),
    path(
        "events/<int:event_id>/registrations/create/",
        views.EventRegistrationCreateApi.as_view(),
        name="api-event-registration-create",
    ),
    path(
        "event-registrations/<int:registration_id>/attendance/",
        views.EventRegistrationAttendanceApi.as_view(),
        name="api-event-registration-attendance",
    ),
]
