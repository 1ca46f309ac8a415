"""REST API of employers and vacancies: one view per operation; views only translate.

Employers and vacancies are not personal data: every member of a partner organisation
reads them. Registering is for the roles ``employers.permissions`` allows, changing one
for those roles of the organisation that holds it (403 otherwise).
A vacancy update carries the version that was read; a stale one answers 409.
Serializers live in ``employers.api.serializers``.
"""

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import CONFLICT, BaseApi, validated
from regiowerk.employers import actions, queries
from regiowerk.employers.api.serializers import (
    EmployerFilterSerializer,
    EmployerInputSerializer,
    EmployerOutputSerializer,
    EmployerUpdateInputSerializer,
    VacancyCreateInputSerializer,
    VacancyFilterSerializer,
    VacancyOutputSerializer,
    VacancyUpdateInputSerializer,
)
from regiowerk.organisations.web import api_actor


def _update(update: Callable[..., object], data: dict[str, Any], **target: Any) -> None:
    """An update input (the version read, and the fields to change) given to ``update``."""
    changes = dict(data)
    version = changes.pop("version")
    update(expected_version=version, **target, **changes)


# --- Employers -------------------------------------------------------------------------


class EmployerListApi(BaseApi):
    @extend_schema(
        parameters=[EmployerFilterSerializer],
        responses=EmployerOutputSerializer(many=True),
        summary="Active employers, by name/KvK number and sector",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        filters = validated(EmployerFilterSerializer, request.query_params)
        rows = queries.employers(
            search=filters.get("search", ""), sector=filters.get("sector", "")
        ).select_related("region", "account_organisation")
        return self.paginated(rows.order_by("name", "pk"), EmployerOutputSerializer)


class EmployerCreateApi(BaseApi):
    @extend_schema(
        request=EmployerInputSerializer,
        responses={201: EmployerOutputSerializer},
        summary="Register an employer (KvK number: 8 digits, not yet registered)",
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        data = validated(EmployerInputSerializer, request.data)
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
        employer = queries.get_employer(employer_id=employer_id)
        return Response(EmployerOutputSerializer(employer).data)


class EmployerUpdateApi(BaseApi):
    @extend_schema(
        request=EmployerUpdateInputSerializer,
        responses={200: EmployerOutputSerializer, 409: CONFLICT},
        summary="Change an employer (its account organisation only; send the version "
        "you read; 409 when it is stale)",
    )
    def post(self, request: Request, employer_id: int) -> Response:
        actor = api_actor(request)
        employer = queries.employer_to_change(actor=actor, employer_id=employer_id)
        data = validated(EmployerUpdateInputSerializer, request.data)
        _update(actions.update_employer, data, actor=actor, employer=employer)
        return Response(EmployerOutputSerializer(employer).data)


# --- Vacancies -------------------------------------------------------------------------


class VacancyListApi(BaseApi):
    @extend_schema(
        parameters=[VacancyFilterSerializer],
        responses=VacancyOutputSerializer(many=True),
        summary="Vacancies open today, by title, occupation or employer",
    )
    def get(self, request: Request) -> Response:
        api_actor(request)
        filters = validated(VacancyFilterSerializer, request.query_params)
        rows = queries.open_vacancies(
            on=timezone.localdate(), search=filters.get("search", "")
        )
        return self.paginated(
            rows.order_by("-opens_on", "title", "pk"), VacancyOutputSerializer
        )


class VacancyCreateApi(BaseApi):
    @extend_schema(
        request=VacancyCreateInputSerializer,
        responses={201: VacancyOutputSerializer},
        summary="Register a vacancy (link its occupation next: vacancies/{id}/occupation/)",
    )
    def post(self, request: Request) -> Response:
        actor = api_actor(request)
        data = validated(VacancyCreateInputSerializer, request.data)
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
    @extend_schema(
        request=VacancyUpdateInputSerializer,
        responses={200: VacancyOutputSerializer, 409: CONFLICT},
        summary="Change a vacancy (its registering or the employer's account "
        "organisation only; send the version you read; 409 when it is stale)",
    )
    def post(self, request: Request, vacancy_id: int) -> Response:
        actor = api_actor(request)
        vacancy = queries.vacancy_to_change(actor=actor, vacancy_id=vacancy_id)
        data = validated(VacancyUpdateInputSerializer, request.data)
        _update(actions.update_vacancy, data, actor=actor, vacancy=vacancy)
        return Response(
            VacancyOutputSerializer(queries.get_vacancy(vacancy_id=vacancy.pk)).data
        )
