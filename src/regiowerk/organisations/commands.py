"""Import commands that act as the system for one organisation, named by its id."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError

from regiowerk.common.commands import ImportCommand
from regiowerk.common.imports import ImportReport
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor


class SystemImportCommand(ImportCommand):
    """``import_x FILE --organisation ID [--dry-run]``, acting as
    ``Actor.system(organisation, reason=reason, roles=roles)``: the trusted
    operator, whose rights are checked like a user's with ``roles``.
    """

    organisation_option = "organisation"  # the option's name: --organisation
    organisation_help = "id of the organisation to import for"
    roles: frozenset[str] = frozenset()
    reason = ""  # why the system acts; the command's name when empty

    def add_import_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            f"--{self.organisation_option}",
            type=int,
            required=True,
            help=self.organisation_help,
        )

    def import_file(self, file: str, *, dry_run: bool, **options: Any) -> ImportReport:
        try:
            organisation = Organisation.objects.get(
                pk=options[self.organisation_option]
            )
        except Organisation.DoesNotExist as exc:
            raise CommandError("There is no organisation with that id.") from exc
        reason = self.reason or type(self).__module__.rpartition(".")[2]
        actor = Actor.system(organisation, reason=reason, roles=self.roles)
        return self.import_as(file, actor=actor, dry_run=dry_run)

    def import_as(self, file: str, *, actor: Actor, dry_run: bool) -> ImportReport:
        """Import ``file`` as ``actor`` and return the report."""
        raise NotImplementedError
