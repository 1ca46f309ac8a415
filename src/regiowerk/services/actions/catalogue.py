"""The service catalogue: each provider keeps its own offer.

The catalogue of an organisation is kept by its administrators and project leaders
(``permissions.may_manage_catalogue``). Commands, imports and the demo region act as
``Actor.system(provider, reason=..., roles=...)``: the same actions and checks, and no
``created_by`` user.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regiowerk.common.changes import apply_changes
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.services import rules
from regiowerk.services.constants import ServiceType, TargetGroup, Theme
from regiowerk.services.models import Service
from regiowerk.services.permissions import may_manage_catalogue

SERVICE_FIELDS = (
    "name",
    "description",
    "type",
    "price_cents",
    "capacity",
    "duration_hours",
    "session_count",
    "themes",
    "target_groups",
    "active_from",
    "active_until",
    "is_active",
)


def _require_catalogue_right(actor: Actor, provider: Organisation) -> None:
    if not may_manage_catalogue(actor=actor, provider=provider):
        raise PermissionDenied(
            _(
                "Only administrators and project leaders of %(provider)s may change "
                "its services."
            )
            % {"provider": provider.name}
        )


def _clean_codes(value: Any, choices: Any, field: str) -> list[str]:
    try:
        return rules.normalise_codes(list(value or []), choices.values)
    except rules.RuleError as exc:
        raise ValidationError(
            {
                field: _("Unknown option; choose from: %(options)s.")
                % {"options": ", ".join(choices.values)}
            }
        ) from exc


def _save_service(service: Service) -> Service:
    service.themes = _clean_codes(service.themes, Theme, "themes")
    service.target_groups = _clean_codes(
        service.target_groups, TargetGroup, "target_groups"
    )
    duplicate = Service.objects.filter(
        provider_id=service.provider_id, name__iexact=service.name.strip()
    ).exclude(pk=service.pk)
    if duplicate.exists():
        raise ValidationError(
            {"name": _("This provider already offers a service with this name.")}
        )
    service.name = service.name.strip()
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def create_service(
    *,
    actor: Actor,
    name: str,
    type: ServiceType | str,
    description: str = "",
    price_cents: int = 0,
    capacity: int | None = None,
    duration_hours: int | None = None,
    session_count: int | None = None,
    themes: list[str] | tuple[str, ...] = (),
    target_groups: list[str] | tuple[str, ...] = (),
    active_from: date | None = None,
    active_until: date | None = None,
    is_active: bool = True,
) -> Service:
    """Add a service to the catalogue of the actor's organisation (which provides it).

    Imports and the demo region call it as ``Actor.system(provider, ...)``; the
    service then has no ``created_by`` user. Raises PermissionDenied (role),
    ValidationError (field and reason).
    """
    _require_catalogue_right(actor, actor.organisation)
    service = Service(
        provider=actor.organisation,
        created_by=actor.user,
        name=name,
        type=type,
        description=description,
        price_cents=price_cents,
        capacity=capacity,
        duration_hours=duration_hours,
        session_count=session_count,
        themes=list(themes or []),
        target_groups=list(target_groups or []),
        active_from=active_from,
        active_until=active_until,
        is_active=is_active,
    )
    return _save_service(service)


@transaction.atomic
def update_service(
    *, actor: Actor, service: Service, changes: Mapping[str, Any]
) -> Service:
    """Change fields of a service (``changes`` keys: SERVICE_FIELDS).

    The capacity cannot drop below the number of active participants. Raises
    PermissionDenied, ValidationError.
    """
    _require_catalogue_right(actor, service.provider)
    service = Service.objects.select_for_update().get(pk=service.pk)
    apply_changes(service, changes, allowed=SERVICE_FIELDS)
    if service.capacity is not None:
        active = service.enrolments.active().count()
        if service.capacity < active:
            raise ValidationError(
                {
                    "capacity": _(
                        "The capacity cannot be lower than the %(count)s participants "
                        "already enrolled."
                    )
                    % {"count": active}
                }
            )
    return _save_service(service)


def deactivate_service(*, actor: Actor, service: Service) -> Service:
    """Take a service out of the catalogue; existing enrolments continue."""
    _require_catalogue_right(actor, service.provider)
    service.is_active = False
    service.save(update_fields=["is_active", "updated_at"])
    return service
