"""Serializers of the employers API: what each operation accepts and returns.

Input serializers only parse (the actions decide); output serializers never save. A
vacancy's fields come from the one declaration, ``employers.models.VACANCY_FIELDS``.
"""

from typing import Any

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from rest_framework import serializers

from regiowerk.common.api import inline_choice_field
from regiowerk.employers.constants import Sector, SizeClass, VacancySource
from regiowerk.employers.models import (
    VACANCY_FIELDS,
    Editable,
    Employer,
    Vacancy,
    VacancySkill,
)
from regiowerk.employers.rules import KVK_NUMBER_INPUT

VacancySourceField = inline_choice_field(VacancySource)


# --- Employers -------------------------------------------------------------------------


class EmployerOutputSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name")
    account_organisation = serializers.CharField(
        source="account_organisation.name", allow_null=True, default=None
    )

    class Meta:
        model = Employer
        fields = [
            "id",
            "name",
            "kvk_number",
            "sector",
            "size_class",
            "employees",
            "region",
            "postcode",
            "city",
            "account_organisation",
            "is_active",
            "version",
        ]


class EmployerFilterSerializer(serializers.Serializer):
    search = serializers.CharField(required=False, allow_blank=True, max_length=100)
    sector = serializers.ChoiceField(
        choices=Sector.choices, required=False, allow_blank=True
    )


class EmployerInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kvk_number = serializers.CharField(
        max_length=12,
        validators=[
            RegexValidator(KVK_NUMBER_INPUT, _("A KvK number has exactly 8 digits."))
        ],
        help_text="8 digits; spaces and dots are ignored.",
    )
    sector = serializers.ChoiceField(choices=Sector.choices)
    employees = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    size_class = serializers.ChoiceField(
        choices=SizeClass.choices, required=False, allow_blank=True
    )
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)


# --- Vacancies -------------------------------------------------------------------------


class VacancySkillOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = VacancySkill
        fields = ["skill_uri", "skill_label", "is_essential"]


class VacancyOutputSerializer(serializers.ModelSerializer):
    employer = serializers.PrimaryKeyRelatedField(read_only=True)  # type: ignore[var-annotated]
    source = VacancySourceField(read_only=True)  # type: ignore[assignment]
    employer_name = serializers.CharField(source="employer.name")
    skills = VacancySkillOutputSerializer(many=True)

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "version",
            "employer",
            "employer_name",
            "title",
            "description",
            "occupation_uri",
            "occupation_label",
            "occupation_status",
            "hours_min",
            "hours_max",
            "contract_type",
            "physical_load",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "opens_on",
            "closes_on",
            "source",
            "status",
            "skills",
        ]


class VacancyFilterSerializer(serializers.Serializer):
    search = serializers.CharField(required=False, allow_blank=True, max_length=100)


def _api_field(field: Editable) -> serializers.Field:
    """The API's input for one of a record's editable fields."""
    optional: dict[str, Any] = {} if field.required else {"required": False}
    if field.choices is VacancySource:
        return VacancySourceField(**optional)  # documented inline, see above
    if field.choices is not None:
        return serializers.ChoiceField(choices=field.choices.choices, **optional)
    if field.kind in ("text", "long_text"):
        blank: dict[str, Any] = {} if field.required else {"allow_blank": True}
        return serializers.CharField(max_length=field.max_length, **optional, **blank)
    if not field.required:
        optional["allow_null"] = True
    if field.kind == "date":
        return serializers.DateField(**optional)
    limits: dict[str, Any] = {
        "min_value": field.min_value,
        "max_value": field.max_value,
    }
    if field.kind == "integer":
        return serializers.IntegerField(**limits, **optional)
    return serializers.FloatField(**limits, **optional)


# Every field of VACANCY_FIELDS as the declaration says (required or not), then the
# fields a subclass declares. (Comments, not docstrings: drf-spectacular would show a
# docstring in the schema.)
class VacancyFieldsSerializer(serializers.Serializer):
    def get_fields(self) -> dict[str, serializers.Field]:
        declared = super().get_fields()
        return {f.name: _api_field(f) for f in VACANCY_FIELDS} | declared


class VacancyCreateInputSerializer(VacancyFieldsSerializer):
    employer = serializers.PrimaryKeyRelatedField(
        queryset=Employer.objects.filter(is_active=True)
    )


# An update: any of the record's fields, with the version that was read.
class _VersionedUpdate(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for name, field in fields.items():
            field.required = name == "version"
        return fields


class VacancyUpdateInputSerializer(_VersionedUpdate, VacancyFieldsSerializer):
    pass


class EmployerUpdateInputSerializer(_VersionedUpdate, EmployerInputSerializer):
    pass
