"""The fact tables the employers app publishes (see ``common.facts``).

``employers.vacancies``: one row per vacancy, by the organisation that registered it;
its subject is the employer, so "employers with a vacancy" counts each employer once.
"""

from django.db.models import CharField, F, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.facts import Column, ColumnKind, FactTable
from regiowerk.employers.constants import (
    ContractType,
    Sector,
    SizeClass,
    VacancySource,
    VacancyStatus,
)
from regiowerk.employers.models import Vacancy


def vacancy_rows() -> QuerySet:
    return Vacancy.objects.annotate(
        subject=Cast("employer_id", output_field=CharField()),
        employer_sector=F("employer__sector"),
        employer_size_class=F("employer__size_class"),
    )


VACANCIES = FactTable(
    name="employers.vacancies",
    title=_("vacancies"),
    description=(
        "One row per vacancy, by the registering organisation; the subject is the "
        "employer, with its SBI sector and size class."
    ),
    columns=(
        Column(facts.SUBJECT, ColumnKind.SUBJECT, _("employer")),
        facts.dimension("employer_sector", _("sector"), Sector),
        facts.dimension("employer_size_class", _("size"), SizeClass),
        facts.dimension("contract_type", _("contract type"), ContractType),
        facts.dimension("source", _("source"), VacancySource),
        facts.dimension("status", _("status"), VacancyStatus),
        Column("opens_on", ColumnKind.DATE, _("opens on")),
        Column("closes_on", ColumnKind.DATE, _("closes on")),
    ),
    query=vacancy_rows,
    organisation="organisation",
    subject_kind="employer",
)


def register_tables() -> None:
    facts.register(VACANCIES)
