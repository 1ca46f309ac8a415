"""Bulk import of persons from CSV or Excel (.xlsx): all rows or none.

Columns (header row, any order, names case-insensitive): the person's editable fields
(``models.PERSON_EDITABLE_FIELDS`` but the region, which is the organisation's), the
name and labour status first; required where the model requires a value; dates as
YYYY-MM-DD or DD-MM-YYYY, yes/no as yes/no or ja/nee, a choice by its code or label.
Then ``bsn`` (optional; 9 digits passing the 11-check, spaces and dots allowed, an
8-digit BSN gets its leading zero) and ``bsn_reporting_consent`` (yes/no: only then is
the BSN kept, encrypted; needs a bsn). The import page and the command's --help list
every column with its explanation.

Every row is checked first; the report names each bad row and column, never repeating
a cell's value (a column may hold a BSN). A BSN already registered in the organisation,
also twice in one file, is an error. Only when all rows are valid are they written, in
one transaction, each through actions.register_person.
"""

from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import TextChoices
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
from regiowerk.organisations.queries import Actor
from regiowerk.people import actions, rules
from regiowerk.people.access import may_register_persons
from regiowerk.people.constants import (
    EducationLevel,
    Gender,
    LabourStatus,
    ObservationSource,
)
from regiowerk.people.models import PERSON_EDITABLE_FIELDS, Person


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


# Choice fields: the import accepts a code or a label of these.
_CHOICES: dict[str, type[TextChoices]] = {
    "gender": Gender,
    "education_level": EducationLevel,
    "labour_status": LabourStatus,
}
# A registry's export starts with these; the other columns follow in form order.
_FIRST_COLUMNS = (
    "first_name",
    "name_prefix",
    "last_name",
    "labour_status",
    "labour_status_since",
)


def _person_column(name: str) -> Column:
    """The import column of one editable person field, parsed as its model field."""
    field = cast(models.Field, Person._meta.get_field(name))
    required = not field.blank and not field.has_default()
    default = None if required else field.get_default()
    if name in _CHOICES:
        choices = _CHOICES[name]
        return Column(
            name,
            required=required,
            default=default,
            parse=imports.choice(choices),
            help_text=imports.one_of(choices),
            label=field.verbose_name,
        )
    parse: Parser
    help_text: Any = ""
    if isinstance(field, models.DateField):
        parse, help_text = imports.date_value, _lazy("YYYY-MM-DD or DD-MM-YYYY")
    elif isinstance(field, models.BooleanField):
        parse, help_text = imports.boolean, _lazy("yes or no (ja/nee)")
    elif isinstance(field, models.EmailField):
        parse = imports.email
    else:
        parse = imports.text(max_length=field.max_length)
    return Column(
        name,
        required=required,
        default=default,
        parse=parse,
        help_text=help_text,
        label=field.verbose_name,
    )


def _import_position(name: str) -> int:
    return _FIRST_COLUMNS.index(name) if name in _FIRST_COLUMNS else len(_FIRST_COLUMNS)


def _person_columns() -> list[Column]:
    names = [name for name in PERSON_EDITABLE_FIELDS if name != "region"]
    names.sort(key=_import_position)
    return [_person_column(name) for name in names]


PERSON_IMPORT_SPEC = ImportSpec(
    columns=[
        *_person_columns(),
        Column(
            "bsn",
            default="",
            parse=bsn_value,
            help_text=_lazy("optional; 9 digits passing the 11-check"),
            label=_lazy("BSN"),
        ),
        Column(
            "bsn_reporting_consent",
            default=False,
            parse=imports.boolean,
            help_text=_lazy("yes/no; only then is the BSN kept (encrypted)"),
            label=_lazy("consent to BSN-based reporting"),
        ),
        Column(
            "register_anyway",
            default=False,
            parse=imports.boolean,
            help_text=_lazy(
                "yes/no; yes only when a person already registered under the same "
                "name and date of birth is someone else"
            ),
            label=_lazy("register anyway"),
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
