"""REST API of employers and vacancies: one view per operation; views only translate.

Employers and vacancies are not personal data: every member of a partner organisation
reads them. Writing is for the roles ``employers.actions`` allows (403 otherwise). A
vacancy update carries the version that was read; a stale one answers 409.
"""

from typing import Any

from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import CONFLICT, BaseApi, Pagination, validated
from regiowerk.employers import actions, queries
from regiowerk.employers.constants import (
    ContractType,
    Sector,
    SizeClass,
    VacancySource,
)
from regiowerk.employers.models import Employer, Vacancy, VacancySkill
from regiowerk.employers.rules import KVK_NUMBER_INPUT
from regiowerk.organisations.web import api_actor


@extend_schema_field(
    {"type": "string", "description": "One of: " + ", ".join(VacancySource.values)}
)
class VacancySourceField(serializers.ChoiceField):
    """Documented inline: a separate enum component would collide with other
    apps' ``source`` fields in the schema."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=VacancySource.choices, **kwargs)


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
        ]


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


class VacancyFieldsSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    hours_min = serializers.IntegerField(min_value=1, max_value=60)
    hours_max = serializers.IntegerField(min_value=1, max_value=60)
    contract_type = serializers.ChoiceField(choices=ContractType.choices)
    postcode = serializers.CharField(max_length=7, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    latitude = serializers.FloatField(
        required=False, allow_null=True, min_value=-90, max_value=90
    )
    longitude = serializers.FloatField(
        required=False, allow_null=True, min_value=-180, max_value=180
    )
    opens_on = serializers.DateField()
    closes_on = serializers.DateField(required=False, allow_null=True)
    source = VacancySourceField(required=False)  # type: ignore[assignment]


# --- Employers -------------------------------------------------------------------------


class EmployerListApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        search = serializers.CharField(required=False, allow_blank=True, max_length=100)
        sector = serializers.ChoiceField(
            choices=Sector.choices, required=False, allow_blank=True
        )

    @extend_schema(
        parameters=[FilterSerializer],
        responses=EmployerOutputSerializer(many=True),
        summary="Active employers, by name/KvK number and sector",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        filters = validated(self.FilterSerializer, request.query_params)
        rows = queries.employers(
            search=filters.get("search", ""), sector=filters.get("sector", "")
        ).select_related("region", "account_organisation")
        paginator = Pagination()
        page = paginator.paginate_queryset(rows.order_by("name", "pk"), request, self)
        return paginator.get_paginated_response(
            EmployerOutputSerializer(page, many=True).data
        )


class EmployerCreateApi(BaseApi):
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        kvk_number = serializers.CharField(
            max_length=12,
            validators=[
                RegexValidator(
                    KVK_NUMBER_INPUT, _("A KvK number has exactly 8 digits.")
                )
            ],
            help_text="8 digits; spaces and dots are ignored.",
        )
        sector = serializers.ChoiceField(choices=Sector.choices)
        employees = serializers.IntegerField(
            min_value=0, required=False, allow_null=True
        )
        size_class = serializers.ChoiceField(
            choices=SizeClass.choices, required=False, allow_blank=True
        )
        postcode = serializers.CharField(max_length=7, required=False, allow_blank=True)
        city = serializers.CharField(max_length=100, required=False, allow_blank=True)

    @extend_schema(
        request=InputSerializer,
        responses={201: EmployerOutputSerializer},
        summary="Register an employer (KvK number: 8 digits, not yet registered)",
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        data = validated(self.InputSerializer, request.data)
        employer = actions.register_employer(
            actor=actor, region=actor.organisation.region, **data
        )
        return Response(
            EmployerOutputSerializer(employer).data, status=status.HTTP_201_CREATED
        )


class EmployerDetailApi(BaseApi):
    @extend_schema(responses=EmployerOutputSerializer)
    def get(self, request: Request, employer_id: int) -> Response:
        api_actor(request)
        employer = Employer.objects.select_related(
            "region", "account_organisation"
        ).get(pk=employer_id)
        return Response(EmployerOutputSerializer(employer).data)


# --- Vacancies -------------------------------------------------------------------------


class VacancyListApi(BaseApi):
    class FilterSerializer(serializers.Serializer):
        search = serializers.CharField(required=False, allow_blank=True, max_length=100)

    @extend_schema(
        parameters=[FilterSerializer],
        responses=VacancyOutputSerializer(many=True),
        summary="Vacancies open today, by title, occupation or employer",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        filters = validated(self.FilterSerializer, request.query_params)
        rows = queries.open_vacancies(
            on=timezone.localdate(), search=filters.get("search", "")
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(
            rows.order_by("-opens_on", "title", "pk"), request, self
        )
        return paginator.get_paginated_response(
            VacancyOutputSerializer(page, many=True).data
        )


class VacancyCreateApi(BaseApi):
    class InputSerializer(VacancyFieldsSerializer):
        employer = serializers.PrimaryKeyRelatedField(
            queryset=Employer.objects.filter(is_active=True)
        )

    @extend_schema(
        request=InputSerializer,
        responses={201: VacancyOutputSerializer},
        summary="Register a vacancy (link its occupation next: vacancies/{id}/occupation/)",
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        data = validated(self.InputSerializer, request.data)
        vacancy = actions.create_vacancy(actor=actor, **data)
        return Response(
            VacancyOutputSerializer(queries.get_vacancy(vacancy_id=vacancy.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class VacancyDetailApi(BaseApi):
    @extend_schema(responses=VacancyOutputSerializer)
    def get(self, request: Request, vacancy_id: int) -> Response:
        api_actor(request)
        vacancy = queries.get_vacancy(vacancy_id=vacancy_id)
        return Response(VacancyOutputSerializer(vacancy).data)


class VacancyUpdateApi(BaseApi):
    class InputSerializer(VacancyFieldsSerializer):
        version = serializers.IntegerField(min_value=1)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for name, field in self.fields.items():
                if name != "version":
                    field.required = False

    @extend_schema(
        request=InputSerializer,
        responses={200: VacancyOutputSerializer, 409: CONFLICT},
        summary="Change a vacancy (send the version you read; 409 when it is stale)",
    )
    def post(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = queries.get_vacancy(vacancy_id=vacancy_id)
        data = validated(self.InputSerializer, request.data)
        version = data.pop("version")
        actions.update_vacancy(
            actor=actor, vacancy=vacancy, expected_version=version, **data
        )
        return Response(
            VacancyOutputSerializer(queries.get_vacancy(vacancy_id=vacancy.pk)).data
        )
