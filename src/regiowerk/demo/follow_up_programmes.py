"""The demo's follow-up programmes (nazorgprogramma's), through the placements actions.

The organisation that follows the most demo placements gets two named schedules:
"Banenafspraak — nazorg 5 jaar" (more often in the first year, then every six months
for five years) for the active placements of persons in the banenafspraak target
group, and "Proefplaatsing — kort" (weekly at first, then monthly, for a year) for its
active trial placements and internships. It runs after the placements and before their
check-ins, which follow each placement's schedule. Idempotent: nothing is added when
the organisation has follow-up programmes already.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count

from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import Membership, Organisation, Region
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.placements import actions
from regiowerk.placements.constants import PlacementKind
from regiowerk.placements.models import FollowUpProgramme, Placement

BANENAFSPRAAK: dict[str, Any] = {
    "name": "Banenafspraak — nazorg 5 jaar",
    "first_days": 14,
    "months": [1, 2, 3, 6, 9, 12],
    "every_months": 6,
    "years": 5,
    "description": (
        "Voor medewerkers uit het doelgroepregister: het eerste jaar vaker contact, "
        "daarna elk halfjaar, vijf jaar lang."
    ),
}
SHORT: dict[str, Any] = {
    "name": "Proefplaatsing — kort",
    "first_days": 7,
    "months": [1, 2, 3],
    "every_months": 3,
    "years": 1,
    "description": (
        "Proefplaatsingen en stages: na een week, dan maandelijks en daarna elk "
        "kwartaal, een jaar lang."
    ),
}
SHORT_KINDS = (PlacementKind.TRIAL, PlacementKind.INTERNSHIP)


@dataclass(frozen=True)
class DemoFollowUpProgrammes:
    counts: dict[str, int] = field(default_factory=dict)


def _keeper(organisation: Organisation) -> Actor | None:
    """The organisation's labour expert (else a project leader) the demo acts as."""
    for role in (Role.LABOUR_EXPERT, Role.PROJECT_LEADER):
        membership = (
            Membership.objects.filter(
                organisation=organisation, role=role, user__is_active=True
            )
            .order_by("user__username")
            .first()
        )
        if membership is not None:
            return get_actor(user=membership.user, organisation_id=organisation.pk)
    return None


def load_demo_follow_up_programmes(
    *, region: Region | None = None
) -> DemoFollowUpProgrammes:
    """Add the two demo programmes to the organisation of ``region`` (default: the
    first region) that follows the most placements, and put its matching active
    placements in them; nothing when it has programmes or no labour expert."""
    counts = {"follow-up programmes": 0, "placements in a programme": 0}
    region = region or Region.objects.order_by("pk").first()
    busiest = (
        Organisation.objects.filter(region=region)
        .annotate(followed=Count("placements"))
        .filter(followed__gt=0)
        .order_by("-followed", "pk")
    )
    for organisation in busiest:
        actor = _keeper(organisation)
        if actor is not None:
            break
    else:
        return DemoFollowUpProgrammes(counts)
    if FollowUpProgramme.objects.filter(organisation=organisation).exists():
        return DemoFollowUpProgrammes(counts)
    active = Placement.objects.filter(
        organisation=organisation, ending__isnull=True
    ).select_related("person", "organisation")
    with transaction.atomic():
        long, short = (
            actions.create_follow_up_programme(actor=actor, **spec)
            for spec in (BANENAFSPRAAK, SHORT)
        )
        counts["follow-up programmes"] = 2
        for placement in active.order_by("starts_on", "pk"):
            if placement.kind in SHORT_KINDS:
                programme = short
            elif placement.person.is_banenafspraak:
                programme = long
            else:
                continue
            actions.put_in_follow_up_programme(
                actor=actor, placement=placement, programme=programme
            )
            counts["placements in a programme"] += 1
    return DemoFollowUpProgrammes(counts)
