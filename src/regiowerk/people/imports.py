"""Bulk import of persons from CSV or Excel (.xlsx): all rows or none.

Columns (header row, any order, names case-insensitive; * = required):

    first_name*                  given name
    name_prefix                  tussenvoegsel, e.g. "van der"
    last_name*                   family name
    labour_status*               employed | at_risk_of_dismissal | ww_benefit |
                                 social_assistance | job_seeker | flex_worker |
                                 self_employed (the code or the label)
    labour_status_since          date the status began (YYYY-MM-DD or DD-MM-YYYY)
    birth_date                   YYYY-MM-DD or DD-MM-YYYY
    gender                       female | male | other | unknown
    email, phone                 contact details
    postcode                     Dutch postcode, e.g. 8011 AB
    city                         place of residence
    education_level              basisonderwijs | vmbo | mbo_1 | mbo_2_4 | havo_vwo |
                                 hbo | wo | unknown
    has_occupational_disability  yes/no (ja/nee)
    is_banenafspraak             yes/no (ja/nee)
    current_occupation           free text
    previous_occupations         free text
    bsn                          optional; 9 digits passing the 11-check (spaces and
                                 dots allowed; an 8-digit BSN gets its leading zero)
    bsn_reporting_consent        yes/no: the person consented to BSN-based reporting;
                                 only then is the BSN kept (encrypted). Needs a bsn.

Every row is checked first; the report names each bad row and column, never repeating
a cell's value (a column may hold a BSN). A BSN already registered in the organisation,
also twice in one file, is an error. Only when all rows are valid are they written, in
one transaction, each through actions.register_person.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from regiowerk.common import imports
from regiowerk.common.imports import Column, ImportReport, ImportSource, ImportSpec
from regiowerk.organisations.queries import Actor
from regiowerk.people import actions, rules
from regiowerk.people.access import may_register_persons
from regiowerk.people.constants import (
    EducationLevel,
    Gender,
    LabourStatus,
    ObservationSource,
)


def bsn_value(value: str) -> str:
    """A BSN cell: normalised and checked; the reason never repeats the digits."""
    bsn = rules.normalise_bsn(value)
    if not rules.is_valid_bsn(bsn):
        raise ValidationError(
            _("Not a valid BSN: it must have 9 digits and pass the 11-check.")
        )
    return bsn


def _check_row(values: dict[str, Any]) -> None:
    if values["bsn_reporting_consent"] and not values["bsn"]:
        raise ValidationError(
            {"bsn": _("Enter the BSN to record consent for BSN-based reporting.")}
        )


def _one_of(choices: Any) -> Any:
    return format_lazy(_lazy("one of: {}"), ", ".join(choices.values))


PERSON_IMPORT_SPEC = ImportSpec(
    columns=[
        Column("first_name", required=True, parse=imports.text(max_length=100)),
        Column("name_prefix", default="", parse=imports.text(max_length=20)),
        Column("last_name", required=True, parse=imports.text(max_length=100)),
        Column(
            "labour_status",
            required=True,
            parse=imports.choice(LabourStatus),
            help_text=_one_of(LabourStatus),
        ),
        Column("labour_status_since", parse=imports.date_value),
        Column("birth_date", parse=imports.date_value),
        Column(
            "gender",
            default=Gender.UNKNOWN,
            parse=imports.choice(Gender),
            help_text=_one_of(Gender),
        ),
        Column("email", default="", parse=imports.text(max_length=254)),
        Column("phone", default="", parse=imports.text(max_length=30)),
        Column("postcode", default="", parse=imports.text(max_length=10)),
        Column("city", default="", parse=imports.text(max_length=100)),
        Column(
            "education_level",
            default=EducationLevel.UNKNOWN,
            parse=imports.choice(EducationLevel),
            help_text=_one_of(EducationLevel),
        ),
        Column("has_occupational_disability", default=False, parse=imports.boolean),
        Column("is_banenafspraak", default=False, parse=imports.boolean),
        Column("current_occupation", default="", parse=imports.text(max_length=200)),
        Column("previous_occupations", default="", parse=imports.text()),
        Column(
            "bsn",
            default="",
            parse=bsn_value,
            help_text=_lazy("optional; 9 digits passing the 11-check"),
        ),
        Column(
            "bsn_reporting_consent",
            default=False,
            parse=imports.boolean,
            help_text=_lazy("yes/no; only then is the BSN kept (encrypted)"),
        ),
    ],
    check_row=_check_row,
)


def import_persons(
    source: ImportSource,
    *,
    actor: Actor,
    dry_run: bool = False,
    filename: str | None = None,
) -> ImportReport:
    """Register every person in ``source`` for the actor's organisation, or none.

    ``actor`` needs a casework role (PermissionDenied otherwise); the management command
    passes ``Actor.system(organisation, ...)``, so its records have no ``created_by``
    user. Returns the report: ``ok``, ``errors`` (row, column, reason), ``created``.
    """
    if not may_register_persons(actor):
        raise PermissionDenied(_("Only casework roles import persons."))

    def apply(values: dict[str, Any]) -> None:
        actions.register_person(
            actor=actor, status_source=ObservationSource.REGISTRY, **values
        )

    return imports.run_import(
        source, PERSON_IMPORT_SPEC, apply, dry_run=dry_run, filename=filename
    )
