"""REST API of employers and vacancies: one view per operation; views only translate.

Employers and vacancies are not personal data: every member of a partner organisation
reads them. Registering is for the roles ``employers.permissions`` allows, changing one
for those roles of the organisation that holds it (403 otherwise).
A vacancy update carries the version that was read; a stale one answers 409.
Serializers live in ``employers.api.serializers``.
"""

from typing import Any

from django.utils import timezone

from regiowerk.common.api import BaseApi
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
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import change_api, create_api, page_api, read_api


def _employer(actor: Actor, pk: int, write: bool = False) -> Employer:
    if write:
        return queries.employer_to_change(actor=actor, employer_id=pk)
    return queries.get_employer(employer_id=pk)


def _vacancy(actor: Actor, pk: int, write: bool = False) -> Vacancy:
    if write:
        return queries.vacancy_to_change(actor=actor, vacancy_id=pk)
    return queries.get_vacancy(vacancy_id=pk)


def _update_employer(actor: Actor, employer: Employer, data: dict[str, Any]) -> Any:
    version = data.pop("version")
    actions.update_employer(
        actor=actor, employer=employer, expected_version=version, **data
    )
    return employer


def _update_vacancy(actor: Actor, vacancy: Vacancy, data: dict[str, Any]) -> Any:
    version = data.pop("version")
    return actions.update_vacancy(
        actor=actor, vacancy=vacancy, expected_version=version, **data
    )


# --- Employers -------------------------------------------------------------------------


class EmployerListApi(BaseApi):
    get = page_api(
        EmployerFilterSerializer,
        lambda actor, filters: (
            queries.employers(
                search=filters.get("search", ""), sector=filters.get("sector", "")
            )
            .select_related("region", "account_organisation")
            .order_by("name", "pk")
        ),
        EmployerOutputSerializer,
        summary="Active employers, by name/KvK number and sector",
    )


class EmployerCreateApi(BaseApi):
    post = create_api(
        EmployerInputSerializer,
        lambda actor, data: actions.register_employer(
            actor=actor, region=actor.organisation.region, **data
        ),
        EmployerOutputSerializer,
        summary="Register an employer (KvK number: 8 digits, not yet registered)",
    )


class EmployerDetailApi(BaseApi):
    get = read_api(_employer, EmployerOutputSerializer)


class EmployerUpdateApi(BaseApi):
    post = change_api(
        _employer,
        _update_employer,
        EmployerOutputSerializer,
        input=EmployerUpdateInputSerializer,
        versioned=True,
        summary="Change an employer (its account organisation only; send the version "
        "you read; 409 when it is stale)",
    )


# --- Vacancies -------------------------------------------------------------------------


class VacancyListApi(BaseApi):
    get = page_api(
        VacancyFilterSerializer,
        lambda actor, filters: queries.open_vacancies(
            on=timezone.localdate(), search=filters.get("search", "")
        ).order_by("-opens_on", "title", "pk"),
        VacancyOutputSerializer,
        summary="Vacancies open today, by title, occupation or employer",
    )


class VacancyCreateApi(BaseApi):
    post = create_api(
        VacancyCreateInputSerializer,
        lambda actor, data: actions.create_vacancy(actor=actor, **data),
        VacancyOutputSerializer,
        show=_vacancy,
        summary="Register a vacancy (link its occupation next: vacancies/{id}/occupation/)",
    )


class VacancyDetailApi(BaseApi):
    get = read_api(_vacancy, VacancyOutputSerializer)


class VacancyUpdateApi(BaseApi):
    post = change_api(
        _vacancy,
        _update_vacancy,
        VacancyOutputSerializer,
        input=VacancyUpdateInputSerializer,
        versioned=True,
        show=_vacancy,
        summary="Change a vacancy (its registering or the employer's account "
        "organisation only; send the version you read; 409 when it is stale)",
    )
