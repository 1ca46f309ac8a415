"""Import persons for one organisation from a CSV/Excel file: all rows or none."""

from regiowerk.common.imports import ImportReport
from regiowerk.organisations.commands import SystemImportCommand
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.people.imports import PERSON_IMPORT_SPEC, import_persons


class Command(SystemImportCommand):
    help = (
        "Register persons for an organisation from .csv or .xlsx; all or nothing. "
        "Errors name the row and column, never a cell's value."
    )
    spec = PERSON_IMPORT_SPEC
    organisation_help = "id of the organisation that registers (holds) the persons"
    roles = frozenset({Role.CONSULTANT})

    def import_as(self, file: str, *, actor: Actor, dry_run: bool) -> ImportReport:
        return import_persons(file, actor=actor, dry_run=dry_run)
