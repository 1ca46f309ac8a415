"""Bulk import of employers and vacancies from CSV or Excel (all or nothing).

Employers file columns (header row, any order):

    name*          employer name
    kvk_number*    8-digit KvK number (spaces and dots allowed)
    sector*        SBI section letter A–S
    employees      number of employees (derives the size class), or else
    size_class     micro | small | medium | large (one of the two is required)
    postcode, city

Vacancies file columns (``kvk_number``, then the importable fields of
``employers.models.VACANCY_FIELDS``):

    kvk_number*    the employer's KvK number (must be registered, or in the same file)
    title*         the vacancy title as the employer writes it
    description
    hours_min*, hours_max*   hours per week (1–60)
    contract_type* permanent | temporary | on_call | agency | traineeship
    postcode, city
    opens_on*      date (YYYY-MM-DD or DD-MM-YYYY)
    closes_on

Columns marked * are required. Nothing is written unless every row is valid.
"""

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from regiowerk.common import imports
from regiowerk.common.imports import (
    Column,
    ImportReport,
    ImportSource,
    ImportSpec,
    Parser,
)
from regiowerk.employers import actions, queries, rules
from regiowerk.employers.constants import Sector, SizeClass, VacancySource
from regiowerk.employers.models import VACANCY_FIELDS, Editable, Employer, Vacancy
from regiowerk.organisations.queries import Actor


def _kvk(value: str) -> str:
    kvk = rules.normalise_kvk_number(value)
    if not rules.is_valid_kvk_number(kvk):
        raise ValidationError(_("A KvK number has exactly 8 digits."))
    return kvk


EMPLOYER_SPEC = ImportSpec(
    columns=imports.labelled(
        Employer,
        [
            Column("name", required=True, parse=imports.text(max_length=200)),
            Column("kvk_number", required=True, parse=_kvk),
            Column(
                "sector",
                required=True,
                parse=imports.choice(Sector),
                help_text=imports.one_of(Sector),
            ),
            Column("employees", parse=imports.integer(min_value=0)),
            Column(
                "size_class",
                default="",
                parse=imports.choice(SizeClass),
                help_text=imports.one_of(SizeClass),
            ),
            Column("postcode", default="", parse=imports.text(max_length=7)),
            Column("city", default="", parse=imports.text(max_length=100)),
        ],
    )
)


def _column(field: Editable) -> Column:
    """The import column of one of a record's editable fields."""
    parse: Parser
    if field.choices is not None:
        parse = imports.choice(field.choices)
    elif field.kind == "integer":
        parse = imports.integer(min_value=field.min_value, max_value=field.max_value)
    elif field.kind == "date":
        parse = imports.date_value
    else:
        parse = imports.text(max_length=field.max_length)
    return Column(
        field.name,
        required=field.required,
        parse=parse,
        default=field.default,
        help_text=imports.one_of(field.choices) if field.choices is not None else "",
    )


VACANCY_SPEC = ImportSpec(
    columns=imports.labelled(
        Vacancy,
        [
            Column(
                "kvk_number",
                required=True,
                parse=_kvk,
                label=Employer._meta.get_field("kvk_number").verbose_name,
                help_text=_lazy("the employer's KvK number (registered in regiowerk)"),
            ),
            *(_column(field) for field in VACANCY_FIELDS if field.in_import),
        ],
    )
)


class ImportFunction(Protocol):
    def __call__(
        self,
        source: ImportSource,
        *,
        actor: Actor,
        dry_run: bool = False,
        filename: str | None = None,
    ) -> ImportReport: ...


def _importer(
    spec: ImportSpec, register: Callable[[Actor, dict[str, Any]], object], doc: str
) -> ImportFunction:
    """An all-or-nothing import of ``spec``'s rows, each registered by ``register``
    acting as ``actor``; the report names bad rows and fields."""

    def run(
        source: ImportSource,
        *,
        actor: Actor,
        dry_run: bool = False,
        filename: str | None = None,
    ) -> ImportReport:
        return imports.run_import(
            source,
            spec,
            partial(register, actor),
            dry_run=dry_run,
            filename=filename,
        )

    run.__doc__ = doc
    return run


def _register_employer(actor: Actor, values: dict[str, Any]) -> object:
    return actions.register_employer(
        actor=actor, region=actor.organisation.region, **values
    )


def _register_vacancy(actor: Actor, values: dict[str, Any]) -> object:
    employer = queries.employer_with_kvk(kvk_number=values.pop("kvk_number"))
    if employer is None:
        raise ValidationError({"kvk_number": _("No employer with this KvK number.")})
    return actions.create_vacancy(
        actor=actor, employer=employer, source=VacancySource.IMPORT, **values
    )


import_employers = _importer(
    EMPLOYER_SPEC,
    _register_employer,
    "Register every employer in the file, or none.",
)
import_vacancies = _importer(
    VACANCY_SPEC,
    _register_vacancy,
    "Register every vacancy in the file, or none; employers are found by KvK number.",
)
