"""REST API of the services app: one view per operation; views only translate.

Persons are reached through people.access: a person or enrolment the actor may not
read answers 404 with the same message whether it exists or not. Serializers live in
``services.api.serializers``.
"""

from collections.abc import Callable

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import BaseApi, validated
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import (
    api_actor,
    change_api,
    create_api,
    page_api,
    read_api,
)
from regiowerk.people.access import access_person
from regiowerk.people.constants import AccessPurpose
from regiowerk.services import actions, queries
from regiowerk.services.api.serializers import (
    AttendanceInputSerializer,
    AttendanceOutputSerializer,
    EnrolmentCompleteInputSerializer,
    EnrolmentCreateInputSerializer,
    EnrolmentDropOutInputSerializer,
    EnrolmentFilterSerializer,
    EnrolmentOutputSerializer,
    EnrolmentRateInputSerializer,
    EnrolmentStartInputSerializer,
    EventFilterSerializer,
    EventInputSerializer,
    EventOutputSerializer,
    EventUpdateInputSerializer,
    HeadCountInputSerializer,
    NamedRegistrationOutputSerializer,
    ParticipantOutputSerializer,
    RegistrationAttendanceInputSerializer,
    RegistrationCreateInputSerializer,
    RegistrationOutputSerializer,
    ServiceFilterSerializer,
    ServiceInputSerializer,
    ServiceOutputSerializer,
    ServiceUpdateInputSerializer,
)
from regiowerk.services.models import Enrolment, Event, Service

PURPOSE = AccessPurpose.SERVICE_DELIVERY


# --- Services ------------------------------------------------------------------------------


def _service(actor: Actor, pk: int, write: bool = False) -> Service:
    return queries.get_service(service_id=pk)


class ServiceListApi(BaseApi):
    get = page_api(
        ServiceFilterSerializer,
        lambda actor, filters: queries.catalogue(**filters),
        ServiceOutputSerializer,
    )


class ServiceCreateApi(BaseApi):
    post = create_api(
        ServiceInputSerializer,
        lambda actor, data: actions.create_service(actor=actor, **data),
        ServiceOutputSerializer,
        show=_service,
    )


class ServiceDetailApi(BaseApi):
    get = read_api(_service, ServiceOutputSerializer)


class ServiceUpdateApi(BaseApi):
    post = change_api(
        _service,
        lambda actor, service, changes: actions.update_service(
            actor=actor, service=service, changes=changes
        ),
        ServiceOutputSerializer,
        input=ServiceUpdateInputSerializer,
        show=_service,
    )


class ServiceParticipantsApi(BaseApi):
    get = read_api(
        _service,
        ParticipantOutputSerializer,
        rows=lambda actor, service: queries.read_participants(
            actor=actor, service=service
        ),
    )


# --- Enrolments ----------------------------------------------------------------------------


class EnrolmentListApi(BaseApi):
    @extend_schema(
        parameters=[EnrolmentFilterSerializer],
        responses=EnrolmentOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        person_id = validated(EnrolmentFilterSerializer, request.query_params)["person"]
        person = access_person(
            actor=actor, person_id=person_id, purpose=PURPOSE, what="enrolments"
        )
        enrolments = queries.enrolments_of_person(actor=actor, person=person)
        return Response(EnrolmentOutputSerializer(enrolments, many=True).data)


class EnrolmentCreateApi(BaseApi):
    @extend_schema(
        request=EnrolmentCreateInputSerializer,
        responses={201: EnrolmentOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        data = validated(EnrolmentCreateInputSerializer, request.data)
        person = access_person(
            actor=actor, person_id=data["person_id"], purpose=PURPOSE, what="enrol"
        )
        try:
            service = queries.get_service(service_id=data["service_id"])
        except Service.DoesNotExist:
            raise serializers.ValidationError(
                {"service_id": "There is no service with this id."}
            ) from None
        enrolment = actions.enrol_person(actor=actor, person=person, service=service)
        return Response(
            EnrolmentOutputSerializer(enrolment).data, status=status.HTTP_201_CREATED
        )


class EnrolmentDetailApi(BaseApi):
    @extend_schema(responses=EnrolmentOutputSerializer)
    def get(self, request: Request, enrolment_id: int) -> Response:
        actor = api_actor(request)
        enrolment = queries.access_enrolment(actor=actor, enrolment_id=enrolment_id)
        return Response(EnrolmentOutputSerializer(enrolment).data)


def _enrolment_change_api(
    input_serializer: type[serializers.Serializer], change: Callable[..., Enrolment]
) -> type[BaseApi]:
    """The endpoint of one status change: parse, load through the gate, act, return.
    ``EnrolmentStartInputSerializer`` makes ``EnrolmentStartApi``."""

    @extend_schema(request=input_serializer, responses=EnrolmentOutputSerializer)
    def post(self: BaseApi, request: Request, enrolment_id: int) -> Response:
        actor = api_actor(request)
        data = validated(input_serializer, request.data)
        enrolment = queries.access_enrolment(
            actor=actor, enrolment_id=enrolment_id, what="enrolment change"
        )
        changed = actions.apply_enrolment_change(
            change, actor=actor, enrolment=enrolment, data=data
        )
        return Response(EnrolmentOutputSerializer(changed).data)

    name = input_serializer.__name__.replace("InputSerializer", "Api")
    return type(name, (BaseApi,), {"post": post, "__module__": __name__})


EnrolmentStartApi, EnrolmentCompleteApi, EnrolmentDropOutApi, EnrolmentRateApi = (
    _enrolment_change_api(input_serializer, change)
    for input_serializer, change in (
        (EnrolmentStartInputSerializer, actions.start_enrolment),
        (EnrolmentCompleteInputSerializer, actions.complete_enrolment),
        (EnrolmentDropOutInputSerializer, actions.drop_out),
        (EnrolmentRateInputSerializer, actions.rate_enrolment),
    )
)


class EnrolmentAttendanceApi(BaseApi):
    @extend_schema(responses=AttendanceOutputSerializer(many=True))
    def get(self, request: Request, enrolment_id: int) -> Response:
        actor = api_actor(request)
        enrolment = queries.access_enrolment(
            actor=actor, enrolment_id=enrolment_id, what="attendance"
        )
        attendances = queries.attendances_of(enrolment=enrolment)
        return Response(AttendanceOutputSerializer(attendances, many=True).data)

    @extend_schema(
        request=AttendanceInputSerializer, responses={201: AttendanceOutputSerializer}
    )
    def post(self, request: Request, enrolment_id: int) -> Response:
        actor = api_actor(request)
        data = validated(AttendanceInputSerializer, request.data)
        enrolment = queries.access_enrolment(
            actor=actor, enrolment_id=enrolment_id, what="attendance"
        )
        attendance = actions.record_attendance(actor=actor, enrolment=enrolment, **data)
        return Response(
            AttendanceOutputSerializer(attendance).data, status=status.HTTP_201_CREATED
        )


# --- Events --------------------------------------------------------------------------------


def _event(actor: Actor, pk: int, write: bool = False) -> Event:
    return queries.get_event(event_id=pk)


class EventListApi(BaseApi):
    get = page_api(
        EventFilterSerializer,
        lambda actor, filters: queries.events(**filters),
        EventOutputSerializer,
    )


class EventCreateApi(BaseApi):
    post = create_api(
        EventInputSerializer,
        lambda actor, data: actions.create_event(actor=actor, **data),
        EventOutputSerializer,
        show=_event,
    )


class EventDetailApi(BaseApi):
    get = read_api(_event, EventOutputSerializer)


class EventUpdateApi(BaseApi):
    post = change_api(
        _event,
        lambda actor, event, changes: actions.update_event(
            actor=actor, event=event, changes=changes
        ),
        EventOutputSerializer,
        input=EventUpdateInputSerializer,
        show=_event,
    )


class EventHeadCountApi(BaseApi):
    post = change_api(
        _event,
        lambda actor, event, data: actions.set_anonymous_head_count(
            actor=actor, event=event, count=data["anonymous_head_count"]
        ),
        EventOutputSerializer,
        input=HeadCountInputSerializer,
        show=_event,
    )


class EventRegistrationListApi(BaseApi):
    get = read_api(
        _event,
        NamedRegistrationOutputSerializer,
        rows=lambda actor, event: queries.read_registrations(actor=actor, event=event),
    )


class EventRegistrationCreateApi(BaseApi):
    @extend_schema(
        request=RegistrationCreateInputSerializer,
        responses={201: RegistrationOutputSerializer},
    )
    def post(self, request: Request, event_id: int) -> Response:
        actor = api_actor(request)
        event = queries.get_event(event_id=event_id)
        person_id = validated(RegistrationCreateInputSerializer, request.data)[
            "person_id"
        ]
        person = access_person(
            actor=actor, person_id=person_id, purpose=PURPOSE, what="event registration"
        )
        registration = actions.register_for_event(
            actor=actor, event=event, person=person
        )
        return Response(
            RegistrationOutputSerializer(registration).data,
            status=status.HTTP_201_CREATED,
        )


class EventRegistrationAttendanceApi(BaseApi):
    @extend_schema(
        request=RegistrationAttendanceInputSerializer,
        responses=RegistrationOutputSerializer,
    )
    def post(self, request: Request, registration_id: int) -> Response:
        actor = api_actor(request)
        registration = queries.get_registration(
            actor=actor, registration_id=registration_id
        )
        has_attended = validated(RegistrationAttendanceInputSerializer, request.data)[
            "has_attended"
        ]
        registration = actions.record_event_attendance(
            actor=actor, registration=registration, has_attended=has_attended
        )
        return Response(RegistrationOutputSerializer(registration).data)
