from regiowerk.common.api import api_path
from regiowerk.services.api import views

EVENT = "events/<int:event_id>/"

urlpatterns = [
    # Catalogue
    api_path("services/", views.ServiceListApi),
    api_path("services/create/", views.ServiceCreateApi),
    api_path("services/<int:service_id>/", views.ServiceDetailApi),
    api_path("services/<int:service_id>/update/", views.ServiceUpdateApi),
    api_path("services/<int:service_id>/participants/", views.ServiceParticipantsApi),
    # Enrolments
    api_path("enrolments/", views.EnrolmentListApi),
    api_path("enrolments/create/", views.EnrolmentCreateApi),
    api_path("enrolments/<int:enrolment_id>/", views.EnrolmentDetailApi),
    api_path("enrolments/<int:enrolment_id>/start/", views.EnrolmentStartApi),
    api_path("enrolments/<int:enrolment_id>/complete/", views.EnrolmentCompleteApi),
    api_path("enrolments/<int:enrolment_id>/drop-out/", views.EnrolmentDropOutApi),
    api_path("enrolments/<int:enrolment_id>/rate/", views.EnrolmentRateApi),
    api_path("enrolments/<int:enrolment_id>/attendance/", views.EnrolmentAttendanceApi),
    # Events
    api_path("events/", views.EventListApi),
    api_path("events/create/", views.EventCreateApi),
    api_path(EVENT, views.EventDetailApi),
    api_path(f"{EVENT}update/", views.EventUpdateApi),
    api_path(f"{EVENT}head-count/", views.EventHeadCountApi),
    api_path(f"{EVENT}registrations/", views.EventRegistrationListApi),
    api_path(f"{EVENT}registrations/create/", views.EventRegistrationCreateApi),
    api_path(
        "event-registrations/<int:registration_id>/attendance/",
        views.EventRegistrationAttendanceApi,
    ),
]
