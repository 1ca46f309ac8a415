"""Serializers of the services API: what each operation accepts and returns.

Input serializers only parse (the actions decide); output serializers never save.
"""

from rest_framework import serializers

from regiowerk.services import rules
from regiowerk.services.constants import EventType, ServiceType, TargetGroup, Theme
from regiowerk.services.queries import PAST, UPCOMING, places_left

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


class ServiceUpdateInputSerializer(ServiceInputSerializer):
    name = serializers.CharField(max_length=200, required=False)
    type = serializers.ChoiceField(choices=ServiceType.choices, required=False)
    is_active = serializers.BooleanField(required=False)


class ServiceFilterSerializer(serializers.Serializer):
    search = serializers.CharField(required=False, allow_blank=True)
    type = serializers.ChoiceField(choices=ServiceType.choices, required=False)
    theme = serializers.ChoiceField(choices=Theme.choices, required=False)
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    provider = serializers.IntegerField(required=False)
    active_on = serializers.DateField(required=False)


class ParticipantOutputSerializer(serializers.Serializer):
    enrolment_id = serializers.IntegerField(source="id")
    person_id = serializers.UUIDField()
    person_name = serializers.CharField(source="person.full_name")
    status = serializers.CharField()


# --- Enrolments ----------------------------------------------------------------------------


class EnrolmentFilterSerializer(serializers.Serializer):
    person = serializers.UUIDField(help_text="The person whose enrolments to list.")


class EnrolmentCreateInputSerializer(serializers.Serializer):
    person_id = serializers.UUIDField()
    service_id = serializers.IntegerField()


class EnrolmentChangeInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        help_text="The version you loaded; a stale version answers 409."
    )


class EnrolmentStartInputSerializer(EnrolmentChangeInputSerializer):
    started_on = serializers.DateField(required=False)


class EnrolmentCompleteInputSerializer(EnrolmentChangeInputSerializer):
    evidence = serializers.CharField(max_length=200)
    completed_on = serializers.DateField(required=False)


class EnrolmentDropOutInputSerializer(EnrolmentChangeInputSerializer):
    drop_out_reason = serializers.CharField()
    dropped_out_on = serializers.DateField(required=False)


class EnrolmentRateInputSerializer(EnrolmentChangeInputSerializer):
    satisfaction_score = serializers.IntegerField(min_value=1, max_value=10)


class AttendanceInputSerializer(serializers.Serializer):
    session_on = serializers.DateField()
    is_present = serializers.BooleanField()


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


class EventUpdateInputSerializer(EventInputSerializer):
    title = serializers.CharField(max_length=200, required=False)
    type = serializers.ChoiceField(choices=EventType.choices, required=False)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField(required=False)
    place = serializers.CharField(max_length=200, required=False)


class EventFilterSerializer(serializers.Serializer):
    when = serializers.ChoiceField(
        choices=[(UPCOMING, UPCOMING), (PAST, PAST)], required=False
    )
    type = serializers.ChoiceField(choices=EventType.choices, required=False)
    organiser = serializers.IntegerField(required=False)
    network_name = serializers.CharField(required=False)


class HeadCountInputSerializer(serializers.Serializer):
    anonymous_head_count = serializers.IntegerField(
        min_value=0, max_value=rules.HEAD_COUNT_MAX
    )


class RegistrationCreateInputSerializer(serializers.Serializer):
    person_id = serializers.UUIDField()


class RegistrationAttendanceInputSerializer(serializers.Serializer):
    has_attended = serializers.BooleanField()


# --- Output shared by several operations --------------------------------------------------


class ProviderOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ServiceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    type = serializers.CharField()
    type_display = serializers.CharField(source="get_type_display")
    provider = ProviderOutputSerializer()
    price_cents = serializers.IntegerField()
    capacity = serializers.IntegerField(allow_null=True)
    places_left = serializers.SerializerMethodField()
    duration_hours = serializers.IntegerField(allow_null=True)
    session_count = serializers.IntegerField(allow_null=True)
    themes = serializers.ListField(child=serializers.ChoiceField(choices=Theme.choices))
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices)
    )
    active_from = serializers.DateField(allow_null=True)
    active_until = serializers.DateField(allow_null=True)
    is_active = serializers.BooleanField()

    def get_places_left(self, service: object) -> int | None:
        return places_left(service=service)  # type: ignore[arg-type]


class EnrolmentServiceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    provider = ProviderOutputSerializer()


class EnrolmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person_id = serializers.UUIDField()
    service = EnrolmentServiceOutputSerializer()
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    registered_on = serializers.DateField()
    started_on = serializers.DateField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    dropped_out_on = serializers.DateField(allow_null=True)
    drop_out_reason = serializers.CharField()
    completion_evidence = serializers.CharField()
    satisfaction_score = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField()


class AttendanceOutputSerializer(serializers.Serializer):
    session_on = serializers.DateField()
    is_present = serializers.BooleanField()


class EventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    type = serializers.CharField()
    type_display = serializers.CharField(source="get_type_display")
    organiser = ProviderOutputSerializer()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    place = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    is_learning_network_meeting = serializers.BooleanField()
    network_name = serializers.CharField()
    anonymous_head_count = serializers.IntegerField()
    registered_count = serializers.IntegerField()
    attended_count = serializers.IntegerField()
    reach = serializers.IntegerField(
        help_text="Attended registrations plus the anonymous head count."
    )


class RegistrationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event_id = serializers.IntegerField()
    person_id = serializers.UUIDField(allow_null=True)
    has_attended = serializers.BooleanField()


class NamedRegistrationOutputSerializer(RegistrationOutputSerializer):
    person_name = serializers.CharField(source="person.full_name")
