"""Serializers of the people API that several views share: the outputs, and the
person's editable fields as input (``models.PERSON_EDITABLE_FIELDS``).

No output serializer has a BSN field: the API accepts a BSN as write-only input
(:class:`BsnField`) and never returns it, masked or not; only ``has_bsn``.
"""

from typing import Any

from rest_framework import serializers

from regiowerk.people.models import (
    PERSON_EDITABLE_FIELDS,
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


class BsnField(serializers.CharField):
    """Write-only BSN input; never part of a response, never echoed in an error."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            write_only=True,
            allow_blank=True,
            max_length=20,
            trim_whitespace=True,
            **kwargs,
        )


# Input fields are documented by their names, without the model's labels and help texts.
INPUT_KWARGS: dict[str, dict[str, Any]] = {
    name: {"label": None, "help_text": None} for name in PERSON_EDITABLE_FIELDS
}


class PersonFieldsSerializer(serializers.ModelSerializer):
    """The editable person fields (all optional here; create makes some required)."""

    bsn = BsnField()

    class Meta:
        model = Person
        fields = [*PERSON_EDITABLE_FIELDS, "bsn"]
        extra_kwargs = {
            name: {**INPUT_KWARGS[name], "required": False}
            for name in PERSON_EDITABLE_FIELDS
        }


def _with_derived(names: tuple[str, ...], after: dict[str, str]) -> list[str]:
    """``names`` with each derived field placed after the field it belongs with."""
    shown = []
    for name in names:
        shown.append(name)
        if name in after:
            shown.append(after[name])
    return shown


# What a person response shows beyond the editable fields, each after its neighbour.
_DERIVED_AFTER = {
    "last_name": "full_name",
    "birth_date": "birth_year",
    "is_banenafspraak": "is_50_plus",
}


class PersonOutputSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    is_50_plus = serializers.BooleanField(read_only=True)
    has_bsn = serializers.BooleanField(read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "organisation",
            *_with_derived(PERSON_EDITABLE_FIELDS, _DERIVED_AFTER),
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
    recorded_by = serializers.CharField(  # empty once the user is deleted
        source="recorded_by.get_username",
        default=None,
        allow_null=True,
        read_only=True,
    )
    cancelled_by = serializers.CharField(
        source="cancelled_by.get_username",
        default=None,
        allow_null=True,
        read_only=True,
    )

    class Meta:
        model = ContactMoment
        fields = [
            "id",
            "dossier",
            "type",
            "status",
            "occurred_at",
            "notes",
            "recorded_by",
            "cancelled_at",
            "cancelled_by",
            "cancel_reason",
            "version",
        ]


class DossierOutputSerializer(serializers.ModelSerializer):
    responsible = serializers.CharField(
        source="responsible.get_username",
        default=None,
        allow_null=True,  # a dossier whose consultant's account was removed
        read_only=True,
        help_text="The username of the responsible consultant.",
    )

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
            "responsible",
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


# --- The readable data export (people.export) ------------------------------------------------


def _record_fields(parts: serializers.Field[Any, Any, Any, Any]) -> dict[str, Any]:
    # ``fields`` is the name of the output key; a serializer's own ``fields`` attribute
    # would shadow it if declared as a class attribute, hence get_fields.
    return {
        "fields": serializers.DictField(
            child=serializers.CharField(),
            help_text="Dutch field name → readable value (labels, names, dates "
            "written out); empty fields are left out.",
        ),
        "parts": parts,
    }


class _ExportInnerRecordSerializer(serializers.Serializer):
    def get_fields(self) -> dict[str, Any]:
        return _record_fields(
            serializers.ListField(
                child=serializers.DictField(),
                max_length=0,
                help_text="Always empty: records nest one level deep.",
            )
        )


class _ExportInnerPartSerializer(serializers.Serializer):
    title = serializers.CharField()
    records = _ExportInnerRecordSerializer(many=True)


class _ExportRecordSerializer(serializers.Serializer):
    def get_fields(self) -> dict[str, Any]:
        return _record_fields(
            _ExportInnerPartSerializer(
                many=True,
                help_text="What hangs under the record (a dossier's contacts).",
            )
        )


class _ExportPartSerializer(serializers.Serializer):
    title = serializers.CharField()
    records = _ExportRecordSerializer(many=True)


class ReadableExportSerializer(serializers.Serializer):
    """The shape of ``people.export.ReadableExport`` (documentation only)."""

    title = serializers.CharField()
    exported_at = serializers.CharField(help_text="Written out, e.g. 3 december 2026")
    exported_by = serializers.CharField()
    sections = _ExportPartSerializer(many=True)
