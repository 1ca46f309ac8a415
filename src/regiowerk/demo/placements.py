"""The demo's mediation pipeline and placements, through the placements actions.

Three years of placements of the region's persons — kinds, contracts, support,
wage-cost subsidy — of which some ended (coded reason, factors, the lesson learnt) and
were followed by a re-placement; and today's pipeline on the open vacancies: candidacies
in every stage, some ended (withdrawn, rejected with the employer's reason, declined),
some placed with their placement. Idempotent: nothing is added when the region has
placements already.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from regiowerk.employers.constants import VacancyStatus
from regiowerk.employers.models import Employer, Vacancy
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import Membership, Organisation, Region
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.people.models import Person
from regiowerk.placements import actions
from regiowerk.placements.constants import (
    CandidacyEnding,
    EndingFactor,
    EndingReason,
    PlacementContract,
    PlacementKind,
    Stage,
    Support,
)
from regiowerk.placements.models import Candidacy, Placement

DEFAULT_SEED = 9
LABOUR_EXPERT_PRACTICE = OrganisationType.LABOUR_EXPERT_PRACTICE
HISTORY_DAYS = 3 * 365
LESSONS = {
    EndingReason.CONTRACT_ENDED: "Contract niet verlengd; eerder het gesprek over verlenging voeren.",
    EndingReason.DISMISSED: "Verwachtingen over tempo niet vooraf besproken met de leidinggevende.",
    EndingReason.RESIGNED: "Reistijd bleek te zwaar; bij de volgende plaatsing dichter bij huis zoeken.",
    EndingReason.HEALTH: "Klachten namen toe in drukke weken; minder uren en een jobcoach hadden geholpen.",
    EndingReason.BETTER_JOB: "Doorgegroeid naar een baan met meer uren.",
    EndingReason.MOVED_ON_INTERNALLY: "Intern naar een functie die beter past.",
    EndingReason.BUSINESS_CLOSED: "Vestiging gesloten; werkgever hielp mee met zoeken.",
    EndingReason.OTHER: "Privéomstandigheden; contact gehouden voor een nieuwe start.",
}  # fmt: skip
REJECTIONS = (
    "Te weinig ervaring met de machines",
    "Beschikbaarheid in het weekend ontbreekt",
    "Een andere kandidaat paste beter in het team",
)


@dataclass
class DemoPlacements:
    counts: dict[str, int] = field(default_factory=dict)


def _caseworker(organisation: Organisation) -> Actor | None:
    """The organisation's labour expert (else a consultant) the demo acts as."""
    for role in (Role.LABOUR_EXPERT, Role.CONSULTANT, Role.PROJECT_LEADER):
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


def _fields(rng: random.Random, starts_on: date) -> dict[str, object]:
    kind = rng.choice(
        [PlacementKind.REGULAR] * 5
        + [PlacementKind.TRIAL, PlacementKind.WORK_LEARNING, PlacementKind.INTERNSHIP]
        + [PlacementKind.SECONDMENT, PlacementKind.AGENCY]
    )
    contract = rng.choice(
        [PlacementContract.PERMANENT]
        + [PlacementContract.FIXED_TERM] * 3
        + [PlacementContract.FLEX]
    )
    subsidy = rng.random() < 0.35
    support = sorted(rng.sample(list(Support.values), rng.choice((0, 0, 1, 1, 2))))
    return {
        "kind": kind,
        "contract_type": contract,
        "starts_on": starts_on,
        "contract_ends_on": (
            starts_on + timedelta(days=rng.choice((182, 365)))
            if contract == PlacementContract.FIXED_TERM
            else None
        ),
        "hours_per_week": rng.choice((16, 20, 24, 28, 32, 36)),
        "has_wage_cost_subsidy": subsidy,
        "wage_cost_subsidy_cents": rng.randint(400, 1400) * 100 if subsidy else None,
        "support": support,
        "support_ends_on": (
            starts_on + timedelta(days=rng.choice((90, 180, 365))) if support else None
        ),
        "host_mentor": (
            rng.choice(("Henk Bakker", "Ayşe Demir", "Marloes Smit"))
            if kind == PlacementKind.WORK_LEARNING
            else ""
        ),
    }


def _end(
    rng: random.Random, actor: Actor, placement: Placement, today: date
) -> date | None:
    """End ``placement`` after a plausible time, not after yesterday; its end date."""
    room = (today - placement.starts_on).days - 1
    if room < 20:
        return None
    ends_on = placement.starts_on + timedelta(days=rng.randint(20, min(room, 720)))
    reason = rng.choice(list(EndingReason))
    factors = sorted(rng.sample(list(EndingFactor.values)[:-1], rng.choice((0, 1, 2))))
    actions.end_placement(
        actor=actor,
        placement=placement,
        expected_version=placement.version,
        ends_on=ends_on,
        reason=reason,
        moved_on_to_work=reason
        in (EndingReason.BETTER_JOB, EndingReason.MOVED_ON_INTERNALLY),
        lesson=LESSONS[reason],
        factors=factors,
    )
    return ends_on


def _history(
    rng: random.Random,
    persons: list[Person],
    employers: list[Employer],
    today: date,
    counts: dict[str, int],
) -> None:
    """Placements over the last three years; about half ended, a third of those
    followed by a re-placement."""
    for person in persons:
        actor = _caseworker(person.organisation)
        if actor is None:
            continue
        starts_on = today - timedelta(days=rng.randint(30, HISTORY_DAYS))
        while starts_on < today:
            placement = actions.create_placement(
                actor=actor,
                person=person,
                employer=rng.choice(employers),
                fields=_fields(rng, starts_on),
            )
            counts["placements"] += 1
            if rng.random() >= 0.5:
                break
            ended = _end(rng, actor, placement, today)
            if ended is None:
                break
            counts["endings"] += 1
            if rng.random() >= 0.4:
                break
            starts_on = ended + timedelta(days=rng.randint(14, 120))
            counts["re-placements"] += int(starts_on < today)


def _pipeline(
    rng: random.Random,
    persons: list[Person],
    vacancies: list[Vacancy],
    today: date,
    counts: dict[str, int],
) -> None:
    """Candidacies on today's open vacancies, each taken to a random stage; some
    ended, the placed ones with their placement."""
    stages = list(Stage)
    for index, person in enumerate(persons):
        actor = _caseworker(person.organisation)
        if actor is None or not vacancies:
            continue
        vacancy = vacancies[index % len(vacancies)]
        on = today - timedelta(days=rng.randint(15, 60))
        candidacy = actions.start_candidacy(
            actor=actor,
            person=person,
            vacancy=vacancy,
            source=rng.choice(("matching", "matching", "by_hand")),
            on=on,
        )
        counts["candidacies"] += 1
        target = stages[index % len(stages)]
        for stage in stages[1 : stages.index(target) + 1]:
            if rng.random() < 0.25 and stage in (Stage.SELECTED, Stage.TRIAL):
                continue  # skipped: a direct nomination, a placement without a trial
            on = min(today, on + timedelta(days=rng.randint(1, 7)))
            candidacy = actions.move_candidacy(
                actor=actor,
                candidacy=candidacy,
                stage=stage,
                on=on,
                expected_version=candidacy.version,
            )
        if candidacy.stage == Stage.PLACED:
            actions.create_placement(
                actor=actor,
                candidacy=candidacy,
                fields=_fields(rng, candidacy.stage_on),
            )
            counts["placements"] += 1
        elif index % 3 == 0:
            ending = rng.choice(list(CandidacyEnding))
            actions.end_candidacy(
                actor=actor,
                candidacy=candidacy,
                ending=ending,
                on=min(today, on + timedelta(days=rng.randint(1, 5))),
                reason=rng.choice(REJECTIONS)
                if ending == CandidacyEnding.REJECTED
                else "",
                expected_version=candidacy.version,
            )
            counts["ended candidacies"] += 1


def load_demo_placements(
    *,
    region: Region | None = None,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoPlacements:
    """Add the demo's placements and pipeline to ``region`` (default: the first
    region); nothing when it has placements or candidacies already."""
    say = progress or (lambda _message: None)
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not crypto
    counts = dict.fromkeys(
        (
            "placements",
            "endings",
            "re-placements",
            "candidacies",
            "ended candidacies",
        ),
        0,
    )
    region = region or Region.objects.order_by("pk").first()
    if region is None:
        return DemoPlacements(counts)
    in_region = {"person__organisation__region": region}
    if (
        Placement.objects.filter(**in_region).exists()
        or Candidacy.objects.filter(**in_region).exists()
    ):
        return DemoPlacements(counts)
    persons = list(
        Person.objects.filter(organisation__region=region, is_anonymised=False)
        .select_related("organisation")
        .order_by("created_at", "pk")
    )
    employers = list(Employer.objects.filter(region=region, is_active=True))
    vacancies = list(
        Vacancy.objects.filter(employer__region=region, status=VacancyStatus.OPEN)
        .select_related("employer")
        .order_by("pk")
    )
    if not persons or not employers:
        return DemoPlacements(counts)
    rng.shuffle(persons)
    # The labour-expert practice's persons first: it follows placements up, so its
    # labour expert (the demo login) has a due list of their own.
    persons.sort(key=lambda p: p.organisation.type != LABOUR_EXPERT_PRACTICE)
    placed, pipeline = persons[: len(persons) // 5], persons[len(persons) // 5 :]
    with transaction.atomic():
        say("placements of the last three years")
        _history(rng, placed[:120], employers, today, counts)
        say("the pipeline on the open vacancies")
        _pipeline(rng, pipeline[:36], vacancies, today, counts)
    return DemoPlacements(counts)
