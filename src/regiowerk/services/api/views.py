"""REST API of the services app: one view per operation; views only translate.

Persons are reached through people.access: a person or enrolment the actor may not
read answers 404 with the same message whether it exists or not.
"""

from typing import Any

from django.utils import timezone

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import BaseApi, validated
from regiowerk.organisations.web import api_actor
from regiowerk.people.access import access_person, log_access
from regiowerk.people.constants import AccessPurpose
from regiowerk.services import actions, queries
from regiowerk.services.api.serializers import (
    AttendanceOutputSerializer,
    EnrolmentOutputSerializer,
    EventOutputSerializer,
    RegistrationOutputSerializer,
    ServiceOutputSerializer,
)
from regiowerk.services.constants import EventType, ServiceType, TargetGroup, Theme
from regiowerk.services.models import Service

PURPOSE = AccessPurpose.SERVICE_DELIVERY


# --- Services ------------------------------------------------------------------------------


class ServiceInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    type = serializers.ChoiceField(choices=ServiceType.choices)
    description = serializers.CharField(required=False, allow_blank=True)
    price_cents = serializers.IntegerField(min_value=0, required=False)
    capacity = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    duration_hours = serializers.IntegerField(
        min_value=0, required=False, allow_null=True
    )
    session_count = serializers.IntegerField(
        min_value=0, required=False, allow_null=True
    )
    themes = serializers.ListField(
        child=serializers.ChoiceField(choices=Theme.choices), required=False
    )
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False
    )
    active_from = serializers.DateField(required=False, allow_null=True)
    active_until = serializers.DateField(required=False, allow_null=True)


class ServiceListApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        search = serializers.CharField(required=False, allow_blank=True)
        type = serializers.ChoiceField(choices=ServiceType.choices, required=False)
        theme = serializers.ChoiceField(choices=Theme.choices, required=False)
        target_group = serializers.ChoiceField(
            choices=TargetGroup.choices, required=False
        )
        provider = serializers.IntegerField(required=False)
        active_on = serializers.DateField(required=False)

    @extend_schema(
        parameters=[FilterSerializer], responses=ServiceOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        filters = validated(self.FilterSerializer, request.query_params)
        return self.paginated(queries.catalogue(**filters), ServiceOutputSerializer)


class ServiceCreateApi(BaseApi):
    @extend_schema(
        request=ServiceInputSerializer, responses={201: ServiceOutputSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        service = actions.create_service(
            actor=actor, **validated(ServiceInputSerializer, request.data)
        )
        return Response(
            ServiceOutputSerializer(queries.get_service(service_id=service.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ServiceDetailApi(BaseApi):
    @extend_schema(responses=ServiceOutputSerializer)
    def get(self, request: Request, service_id: int) -> Response:
        api_actor(request)
        service = queries.get_service(service_id=service_id)
        return Response(ServiceOutputSerializer(service).data)


class ServiceUpdateApi(BaseApi):
    class InputSerializer(ServiceInputSerializer):
        name = serializers.CharField(max_length=200, required=False)
        type = serializers.ChoiceField(choices=ServiceType.choices, required=False)
        is_active = serializers.BooleanField(required=False)

    @extend_schema(request=InputSerializer, responses=ServiceOutputSerializer)
    def post(self, request: Request, service_id: int) -> Response:
        actor = api_actor(request)
        service = Service.objects.select_related("provider").get(pk=service_id)
        changes = validated(self.InputSerializer, request.data)
        actions.update_service(actor=actor, service=service, changes=changes)
        service = queries.get_service(service_id=service_id)
        return Response(ServiceOutputSerializer(service).data)


class ServiceParticipantsApi(BaseApi):
    class OutputSerializer(serializers.Serializer):
        enrolment_id = serializers.IntegerField(source="id")
        person_id = serializers.UUIDField()
        person_name = serializers.CharField(source="person.full_name")
        status = serializers.CharField()

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request: Request, service_id: int) -> Response:
        actor = api_actor(request)
        service = Service.objects.get(pk=service_id)
        enrolments = list(queries.participants_of_service(actor=actor, service=service))
        log_access(
            actor=actor,
            persons=[e.person for e in enrolments],
            purpose=PURPOSE,
            what="service participants",
        )
        return Response(self.OutputSerializer(enrolments, many=True).data)


# --- Enrolments ----------------------------------------------------------------------------


class EnrolmentListApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        person = serializers.UUIDField(help_text="The person whose enrolments to list.")

    @extend_schema(
        parameters=[FilterSerializer], responses=EnrolmentOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        person_id = validated(self.FilterSerializer, request.query_params)["person"]
        person = access_person(
            actor=actor, person_id=person_id, purpose=PURPOSE, what="enrolments"
        )
        enrolments = queries.enrolments_of_person(actor=actor, person=person)
        return Response(EnrolmentOutputSerializer(enrolments, many=True).data)


class EnrolmentCreateApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        person_id = serializers.UUIDField()
        service_id = serializers.IntegerField()

    @extend_schema(request=InputSerializer, responses={201: EnrolmentOutputSerializer})
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        data = validated(self.InputSerializer, request.data)
        person = access_person(
            actor=actor, person_id=data["person_id"], purpose=PURPOSE, what="enrol"
        )
        try:
            service = Service.objects.get(pk=data["service_id"])
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


class _EnrolmentChangeApi(BaseApi):
    """Shared shape of the status changes: load through access, act, return."""

    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(
            help_text="The version you loaded; a stale version answers 409."
        )

    def change(self, actor: Any, enrolment: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def post(self, request: Request, enrolment_id: int) -> Response:
        actor = api_actor(request)
        data = validated(self.InputSerializer, request.data)
        enrolment = queries.access_enrolment(
            actor=actor, enrolment_id=enrolment_id, what="enrolment change"
        )
        enrolment = self.change(actor, enrolment, data)
        return Response(EnrolmentOutputSerializer(enrolment).data)


class EnrolmentStartApi(_EnrolmentChangeApi):
    class InputSerializer(_EnrolmentChangeApi.InputSerializer):
        started_on = serializers.DateField(required=False)

    def change(self, actor: Any, enrolment: Any, data: dict[str, Any]) -> Any:
        return actions.start_enrolment(
            actor=actor,
            enrolment=enrolment,
            started_on=data.get("started_on"),
            expected_version=data["version"],
        )

    @extend_schema(request=InputSerializer, responses=EnrolmentOutputSerializer)
    def post(self, request: Request, enrolment_id: int) -> Response:
        return super().post(request, enrolment_id)


class EnrolmentCompleteApi(_EnrolmentChangeApi):
    class InputSerializer(_EnrolmentChangeApi.InputSerializer):
        evidence = serializers.CharField(max_length=200)
        completed_on = serializers.DateField(required=False)

    def change(self, actor: Any, enrolment: Any, data: dict[str, Any]) -> Any:
        return actions.complete_enrolment(
            actor=actor,
            enrolment=enrolment,
            evidence=data["evidence"],
            completed_on=data.get("completed_on"),
            expected_version=data["version"],
        )

    @extend_schema(request=InputSerializer, responses=EnrolmentOutputSerializer)
    def post(self, request: Request, enrolment_id: int) -> Response:
        return super().post(request, enrolment_id)


class EnrolmentDropOutApi(_EnrolmentChangeApi):
    class InputSerializer(_EnrolmentChangeApi.InputSerializer):
        drop_out_reason = serializers.CharField()
        dropped_out_on = serializers.DateField(required=False)

    def change(self, actor: Any, enrolment: Any, data: dict[str, Any]) -> Any:
        return actions.drop_out(
            actor=actor,
            enrolment=enrolment,
            reason=data["drop_out_reason"],
            dropped_out_on=data.get("dropped_out_on"),
            expected_version=data["version"],
        )

    @extend_schema(request=InputSerializer, responses=EnrolmentOutputSerializer)
    def post(self, request: Request, enrolment_id: int) -> Response:
        return super().post(request, enrolment_id)


class EnrolmentRateApi(_EnrolmentChangeApi):
    class InputSerializer(_EnrolmentChangeApi.InputSerializer):
        satisfaction_score = serializers.IntegerField(min_value=1, max_value=10)

    def change(self, actor: Any, enrolment: Any, data: dict[str, Any]) -> Any:
        return actions.rate_enrolment(
            actor=actor,
            enrolment=enrolment,
            score=data["satisfaction_score"],
            expected_version=data["version"],
        )

    @extend_schema(request=InputSerializer, responses=EnrolmentOutputSerializer)
    def post(self, request: Request, enrolment_id: int) -> Response:
        return super().post(request, enrolment_id)


class EnrolmentAttendanceApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        session_on = serializers.DateField()
        is_present = serializers.BooleanField()

    @extend_schema(responses=AttendanceOutputSerializer(many=True))
    def get(self, request: Request, enrolment_id: int) -> Response:
        actor = api_actor(request)
        enrolment = queries.access_enrolment(
            actor=actor, enrolment_id=enrolment_id, what="attendance"
        )
        attendances = queries.attendances_of(enrolment=enrolment)
        return Response(AttendanceOutputSerializer(attendances, many=True).data)

    @extend_schema(request=InputSerializer, responses={201: AttendanceOutputSerializer})
    def post(self, request: Request, enrolment_id: int) -> Response:
        actor = api_actor(request)
        data = validated(self.InputSerializer, request.data)
        enrolment = queries.access_enrolment(
            actor=actor, enrolment_id=enrolment_id, what="attendance"
        )
        attendance = actions.record_attendance(actor=actor, enrolment=enrolment, **data)
        return Response(
            AttendanceOutputSerializer(attendance).data, status=status.HTTP_201_CREATED
        )


# --- Events --------------------------------------------------------------------------------


class EventInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    type = serializers.ChoiceField(choices=EventType.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    capacity = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    is_learning_network_meeting = serializers.BooleanField(required=False)
    network_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True
    )


class EventListApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        when = serializers.ChoiceField(
            choices=[("upcoming", "upcoming"), ("past", "past")], required=False
        )
        type = serializers.ChoiceField(choices=EventType.choices, required=False)
        organiser = serializers.IntegerField(required=False)
        network_name = serializers.CharField(required=False)

    @extend_schema(
        parameters=[FilterSerializer], responses=EventOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        filters = validated(self.FilterSerializer, request.query_params)
        when = filters.pop("when", None)
        found = queries.events(**filters)
        now = timezone.now()
        if when == "upcoming":
            found = found.filter(ends_at__gte=now)
        elif when == "past":
            found = found.filter(ends_at__lt=now).order_by("-starts_at", "pk")
        return self.paginated(found, EventOutputSerializer)


class EventCreateApi(BaseApi):
    @extend_schema(request=EventInputSerializer, responses={201: EventOutputSerializer})
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        event = actions.create_event(
            actor=actor, **validated(EventInputSerializer, request.data)
        )
        return Response(
            EventOutputSerializer(queries.get_event(event_id=event.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class EventDetailApi(BaseApi):
    @extend_schema(responses=EventOutputSerializer)
    def get(self, request: Request, event_id: int) -> Response:
        api_actor(request)
        return Response(
            EventOutputSerializer(queries.get_event(event_id=event_id)).data
        )


class EventUpdateApi(BaseApi):
    class InputSerializer(EventInputSerializer):
        title = serializers.CharField(max_length=200, required=False)
        type = serializers.ChoiceField(choices=EventType.choices, required=False)
        starts_at = serializers.DateTimeField(required=False)
        ends_at = serializers.DateTimeField(required=False)
        place = serializers.CharField(max_length=200, required=False)

    @extend_schema(request=InputSerializer, responses=EventOutputSerializer)
    def post(self, request: Request, event_id: int) -> Response:
        actor = api_actor(request)
        event = queries.get_event(event_id=event_id)
        changes = validated(self.InputSerializer, request.data)
        actions.update_event(actor=actor, event=event, changes=changes)
        return Response(
            EventOutputSerializer(queries.get_event(event_id=event_id)).data
        )


class EventHeadCountApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        anonymous_head_count = serializers.IntegerField(min_value=0)

    @extend_schema(request=InputSerializer, responses=EventOutputSerializer)
    def post(self, request: Request, event_id: int) -> Response:
        actor = api_actor(request)
        event = queries.get_event(event_id=event_id)
        count = validated(self.InputSerializer, request.data)["anonymous_head_count"]
        actions.set_anonymous_head_count(actor=actor, event=event, count=count)
        return Response(
            EventOutputSerializer(queries.get_event(event_id=event_id)).data
        )


class EventRegistrationListApi(BaseApi):
    class OutputSerializer(RegistrationOutputSerializer):
        person_name = serializers.CharField(source="person.full_name")

    @extend_schema(responses=OutputSerializer(many=True))
    def get(self, request: Request, event_id: int) -> Response:
        actor = api_actor(request)
        event = queries.get_event(event_id=event_id)
        registrations = list(queries.registrations_of_event(actor=actor, event=event))
        log_access(
            actor=actor,
            persons=[r.person for r in registrations if r.person is not None],
            purpose=PURPOSE,
            what="event registrations",
        )
        return Response(self.OutputSerializer(registrations, many=True).data)


class EventRegistrationCreateApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        person_id = serializers.UUIDField()

    @extend_schema(
        request=InputSerializer, responses={201: RegistrationOutputSerializer}
    )
    def post(self, request: Request, event_id: int) -> Response:
        actor = api_actor(request)
        event = queries.get_event(event_id=event_id)
        person_id = validated(self.InputSerializer, request.data)["person_id"]
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
    class InputSerializer(serializers.Serializer):
        has_attended = serializers.BooleanField()

    @extend_schema(request=InputSerializer, responses=RegistrationOutputSerializer)
    def post(self, request: Request, registration_id: int) -> Response:
        actor = api_actor(request)
        registration = queries.get_registration(
            actor=actor, registration_id=registration_id
        )
        has_attended = validated(self.InputSerializer, request.data)["has_attended"]
        registration = actions.record_event_attendance(
            actor=actor, registration=registration, has_attended=has_attended
        )
        return Response(RegistrationOutputSerializer(registration).data)
