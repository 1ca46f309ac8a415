"""Output serializers shared by several services API views (they never save models)."""

from rest_framework import serializers

from regiowerk.services.constants import TargetGroup, Theme
from regiowerk.services.queries import places_left


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
