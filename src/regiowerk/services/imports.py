"""Bulk import of a provider's services from CSV or Excel (all or nothing).

Columns (header row, any order, names case-insensitive; * = required):

    name*            the service's name (unique per provider)
    type*            career_research | assessment | e_portfolio | workshop | training |
                     coaching | vitality | job_search | work_to_work |
                     financial_coaching (the code or the label)
    description      free text
    price            price per participant in euros: 1250 or 1.250,50 (default 0)
    capacity         maximum number of participants (empty: unlimited)
    duration_hours   duration in hours
    session_count    number of sessions
    themes           healthy_vital_work | mobility | good_employership, several
                     separated by "|"
    target_groups    50_plus | occupational_disability | women | low_educated |
                     job_seekers | employees, several separated by "|"
    active_from      first day it can be chosen (YYYY-MM-DD or DD-MM-YYYY)
    active_until     last day it can be chosen
    is_active        yes/no (ja/nee), default yes

Every row is checked first; the report names each bad row and column. Only when all
rows are valid are they written, in one transaction.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from regiowerk.common import imports
from regiowerk.common.imports import Column, ImportReport, ImportSource, ImportSpec
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.services import actions, rules
from regiowerk.services.constants import ServiceType, TargetGroup, Theme
from regiowerk.services.models import Service
from regiowerk.services.permissions import CATALOGUE_ROLES, may_manage_catalogue

# Who an import without a user acts as: the provider's catalogue keeper.
IMPORT_REASON = "import of services"
IMPORT_ROLES = CATALOGUE_ROLES


def _check_period(values: dict[str, Any]) -> None:
    try:
        rules.check_period(values["active_from"], values["active_until"])
    except rules.RuleError as exc:
        raise ValidationError(
            {"active_until": _("The end date lies before the start date.")}
        ) from exc


_DATE = _lazy("YYYY-MM-DD or DD-MM-YYYY")

SERVICE_SPEC = ImportSpec(
    columns=imports.labelled(
        Service,
        [
            Column("name", required=True, parse=imports.text(max_length=200)),
            Column(
                "type",
                required=True,
                parse=imports.choice(ServiceType),
                help_text=imports.one_of(ServiceType),
            ),
            Column("description", default="", parse=imports.text()),
            Column(
                "price",
                default=0,
                parse=imports.amount_in_cents,
                help_text=_lazy("euros per participant, e.g. 1.250,50"),
            ),
            Column(
                "capacity",
                parse=imports.integer(min_value=1, max_value=100_000),
                help_text=_lazy("maximum participants; empty means unlimited"),
            ),
            Column(
                "duration_hours", parse=imports.integer(min_value=0, max_value=10_000)
            ),
            Column(
                "session_count", parse=imports.integer(min_value=0, max_value=1_000)
            ),
            Column(
                "themes",
                default=[],
                parse=imports.multi_choice(Theme),
                help_text=imports.several_of(Theme),
            ),
            Column(
                "target_groups",
                default=[],
                parse=imports.multi_choice(TargetGroup),
                help_text=imports.several_of(TargetGroup),
            ),
            Column("active_from", parse=imports.date_value, help_text=_DATE),
            Column("active_until", parse=imports.date_value, help_text=_DATE),
            Column(
                "is_active",
                default=True,
                parse=imports.boolean,
                help_text=_lazy("yes or no (ja/nee); default yes"),
            ),
        ],
    ),
    check_row=_check_period,
)


def import_services(
    source: ImportSource,
    *,
    provider: Organisation,
    actor: Actor | None = None,
    dry_run: bool = False,
    filename: str | None = None,
) -> ImportReport:
    """Add every service in ``source`` to ``provider``'s catalogue, or none of them.

    ``actor`` (the web upload) must be allowed to keep ``provider``'s catalogue;
    without one (the management command) the import acts as the system for
    ``provider``, and the services have no ``created_by`` user. Returns the report
    (``report.ok``, ``report.errors``, ``report.created``). Raises PermissionDenied
    when the actor may not change this catalogue.
    """
    if actor is None:
        actor = Actor.system(provider, reason=IMPORT_REASON, roles=IMPORT_ROLES)
    if not may_manage_catalogue(actor=actor, provider=provider):
        raise PermissionDenied(
            _("Only administrators and project leaders may import services.")
        )

    def apply(values: dict[str, Any]) -> None:
        data = dict(values)
        data["price_cents"] = data.pop("price")
        actions.create_service(actor=actor, **data)

    return imports.run_import(
        source, SERVICE_SPEC, apply, dry_run=dry_run, filename=filename
    )
