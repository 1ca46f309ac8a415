"""Output serializers of the people API (shared by several views).

No serializer here has a BSN field: the API accepts a BSN as write-only input (see the
views' input serializers) and never returns it, masked or not; only ``has_bsn``.
"""

from rest_framework import serializers

from regiowerk.people.models import (
    Consent,
    ContactMoment,
    Dossier,
    LabourStatusObservation,
    Person,
    PlanAction,
)


class PersonListOutputSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    is_50_plus = serializers.BooleanField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "organisation",
            "full_name",
            "birth_date",
            "city",
            "labour_status",
            "is_50_plus",
            "is_anonymised",
        ]


class PersonOutputSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    is_50_plus = serializers.BooleanField(read_only=True)
    has_bsn = serializers.BooleanField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "organisation",
            "first_name",
            "name_prefix",
            "last_name",
            "full_name",
            "birth_date",
            "birth_year",
            "gender",
            "email",
            "phone",
            "postcode",
            "city",
            "region",
            "education_level",
            "labour_status",
            "labour_status_since",
            "has_occupational_disability",
            "is_banenafspraak",
            "is_50_plus",
            "current_occupation",
            "previous_occupations",
            "has_bsn",
            "has_duplicate_elsewhere",
            "is_anonymised",
            "version",
            "created_at",
            "updated_at",
        ]


class PlanActionOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanAction
        fields = ["id", "dossier", "description", "due_on", "responsible", "done_on"]


class ContactMomentOutputSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(
        source="recorded_by.get_username", default=None, read_only=True
    )

    class Meta:
        model = ContactMoment
        fields = ["id", "dossier", "type", "occurred_at", "notes", "recorded_by"]


class DossierOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dossier
        fields = [
            "id",
            "person",
            "organisation",
            "status",
            "opened_on",
            "closed_on",
            "closing_reason",
            "intake",
            "intake_recorded_on",
            "goals",
            "version",
        ]


class DossierDetailOutputSerializer(DossierOutputSerializer):
    plan_actions = PlanActionOutputSerializer(many=True, read_only=True)
    contact_moments = ContactMomentOutputSerializer(many=True, read_only=True)

    class Meta(DossierOutputSerializer.Meta):
        fields = [
            *DossierOutputSerializer.Meta.fields,
            "plan_actions",
            "contact_moments",
        ]


class ConsentOutputSerializer(serializers.ModelSerializer):
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Consent
        fields = [
            "id",
            "person",
            "purpose",
            "partner",
            "given_on",
            "withdrawn_on",
            "is_active",
        ]


class LabourStatusOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = LabourStatusObservation
        fields = ["id", "person", "observed_on", "status", "contract_type", "source"]
