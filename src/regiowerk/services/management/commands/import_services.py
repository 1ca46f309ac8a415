"""Import a provider's services from a CSV/Excel file: all rows or none."""

from regiowerk.common.imports import ImportReport
from regiowerk.organisations.commands import SystemImportCommand
from regiowerk.organisations.queries import Actor
from regiowerk.services.imports import (
    IMPORT_REASON,
    IMPORT_ROLES,
    SERVICE_SPEC,
    import_services,
)


class Command(SystemImportCommand):
    help = "Import services into a provider's catalogue from .csv or .xlsx; all or nothing."
    spec = SERVICE_SPEC
    organisation_option = "provider"
    organisation_help = "id of the organisation that provides the services"
    roles = frozenset(IMPORT_ROLES)
    reason = IMPORT_REASON

    def import_as(self, file: str, *, actor: Actor, dry_run: bool) -> ImportReport:
        return import_services(
            file, provider=actor.organisation, actor=actor, dry_run=dry_run
        )
