"""The demo's follow-up: check-ins on the demo placements, through the placements actions.

Each placement is checked in on along its schedule (``rules.check_in_dates`` of
``queries.schedule_of``: its follow-up programme's, if it is in one), a few
days either side of the due date, with the eight signals (1-5) and an overall status.
Placements that later ended badly drift: their scores fall towards the ending, most in
the signals that fit the reason (health and workload before an ending for health, the
commute before a resignation), the status goes to attention and at risk, and more
check-ins are missed. Attention and at risk bring advice and agreed actions; some
placements have ad-hoc contacts between check-ins. Of the active placements of each
labour expert or job coach a few drift now, so the due list and the early warning show
overdue and at-risk placements with their reasons. Idempotent: nothing is added when
the region's placements have check-ins already.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from regiowerk.organisations.models import Region
from regiowerk.organisations.queries import Actor, get_actor
from regiowerk.placements import actions, queries, rules
from regiowerk.placements.constants import (
    SIGNAL_SCALE,
    ActionOwner,
    CheckInKind,
    CheckInStatus,
    CheckInWith,
    EndingReason,
    Signal,
)
from regiowerk.placements.models import CheckIn, Placement

DEFAULT_SEED = 9
# The signals that fall most before an ending for this reason.
WEAK_SIGNALS = {
    EndingReason.HEALTH: (Signal.HEALTH_ENERGY, Signal.WORKLOAD),
    EndingReason.RESIGNED: (Signal.COMMUTING, Signal.SATISFACTION_WORKER),
    EndingReason.DISMISSED: (Signal.SATISFACTION_EMPLOYER, Signal.RELATION),
    EndingReason.CONTRACT_ENDED: (Signal.SATISFACTION_EMPLOYER, Signal.TRAINING),
    EndingReason.OTHER: (Signal.PRIVATE, Signal.HEALTH_ENERGY),
}
# The endings that come without a decline in the signals.
GOOD_ENDINGS = (
    EndingReason.BETTER_JOB,
    EndingReason.MOVED_ON_INTERNALLY,
    EndingReason.BUSINESS_CLOSED,
)
ADVICE = {
    CheckInStatus.ON_TRACK: (
        "Gaat goed; volgende keer bespreken of meer uren haalbaar zijn.",
        "Werkgever en medewerker tevreden; zo doorgaan.",
        "Loopt goed. Compliment van de leidinggevende doorgegeven.",
    ),
    CheckInStatus.ATTENTION: (
        "Vinger aan de pols: over vier weken opnieuw contact.",
        "Werkdruk besproken met de leidinggevende; taken beter verdelen.",
        "Medewerker twijfelt; samen op een rij gezet wat er beter kan.",
    ),
    CheckInStatus.AT_RISK: (
        "Plaatsing staat onder druk; driegesprek met werkgever gepland.",
        "Uitval dreigt: uren tijdelijk terug en de jobcoach vaker laten komen.",
        "Zorgen bij werkgever én medewerker; een plan van aanpak afgesproken.",
    ),
}
ACTIONS = {
    Signal.WORKLOAD: ("Takenpakket aanpassen en rustiger werkplek zoeken", ActionOwner.EMPLOYER),
    Signal.HEALTH_ENERGY: ("Afspraak met de bedrijfsarts maken", ActionOwner.WORKER),
    Signal.RELATION: ("Driegesprek met leidinggevende plannen", ActionOwner.LABOUR_EXPERT),
    Signal.COMMUTING: ("Reisroute en reiskostenvergoeding uitzoeken", ActionOwner.LABOUR_EXPERT),
    Signal.PRIVATE: ("Doorverwijzen naar schuldhulp of maatschappelijk werk", ActionOwner.LABOUR_EXPERT),
    Signal.TRAINING: ("Korte training op de werkplek regelen", ActionOwner.EMPLOYER),
    Signal.SATISFACTION_WORKER: ("Gesprek over passend werk en ambities", ActionOwner.LABOUR_EXPERT),
    Signal.SATISFACTION_EMPLOYER: ("Verwachtingen over tempo op papier zetten", ActionOwner.EMPLOYER),
}  # fmt: skip
AD_HOC_NOTES = (
    "Werkgever belde: medewerker was een paar dagen ziek, nu weer aan het werk.",
    "Medewerker mailde met een vraag over het rooster; uitgelegd.",
    "Leidinggevende meldde dat het inwerken goed gaat.",
    "Medewerker belde over reiskosten; doorverwezen naar de salarisadministratie.",
    "Werkgever vroeg om een extra gesprek over de werkdruk.",
)


@dataclass
class DemoCheckIns:
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Course:
    """How a placement's follow-up goes: its level at the start (1-5), whether it
    drifts down towards ``drift_to`` (the ending, or soon after today), the signals
    that fall most, and how often a check-in is missed."""

    level: float
    drifts: bool
    drift_to: date
    weak: tuple[str, ...]
    missing: float


def _course(
    rng: random.Random, placement: Placement, today: date, drifting: bool
) -> _Course:
    ending = getattr(placement, "ending", None)
    level = rng.uniform(3.6, 4.6)
    if ending is not None:
        bad = ending.reason not in GOOD_ENDINGS
        weak = WEAK_SIGNALS.get(ending.reason, ())
        return _Course(level, bad, ending.ends_on, weak, 0.25 if bad else 0.08)
    weak = rng.choice(list(WEAK_SIGNALS.values()))
    return _Course(
        level,
        drifting,
        today + timedelta(days=rng.randint(10, 60)),
        weak,
        0.3 if drifting else 0.08,
    )


def _signals(
    rng: random.Random, course: _Course, progress: float
) -> dict[str, int | None]:
    low, high = SIGNAL_SCALE
    level = course.level
    if course.drifts:
        level -= (course.level - 1.8) * progress**1.5
    values: dict[str, int | None] = {}
    for name in Signal.values:
        value = level + rng.gauss(0, 0.5)
        if course.drifts and name in course.weak:
            value -= 1.2 * progress
        values[name] = max(low, min(high, round(value)))
    if rng.random() < 0.3:  # not every signal is asked every time
        values[rng.choice([Signal.TRAINING, Signal.PRIVATE])] = None
    return values


def _status(signals: dict[str, int | None]) -> CheckInStatus:
    given = [v for v in signals.values() if v is not None]
    mean = sum(given) / len(given)
    if mean < 2.6 or sum(1 for v in given if v <= rules.LOW) >= 3:
        return CheckInStatus.AT_RISK
    if mean < 3.4 or min(given) <= 1:
        return CheckInStatus.ATTENTION
    return CheckInStatus.ON_TRACK


def _agreed(
    rng: random.Random, signals: dict[str, int | None], held_on: date
) -> list[dict[str, object]]:
    lowest = sorted(
        (value, name) for name, value in signals.items() if value is not None
    )
    agreed = []
    for _value, name in lowest[: rng.choice((1, 2))]:
        description, owner = ACTIONS[Signal(name)]
        agreed.append(
            {
                "description": description,
                "owner": owner,
                "due_on": held_on + timedelta(days=rng.randint(10, 30)),
            }
        )
    return agreed


def _follow(
    rng: random.Random,
    actor: Actor,
    placement: Placement,
    course: _Course,
    today: date,
    counts: dict[str, int],
) -> None:
    """The check-ins of ``placement`` up to ``today`` (or its ending)."""
    ending = getattr(placement, "ending", None)
    last_day = min(today, ending.ends_on) if ending is not None else today
    due = [
        d
        for d in rules.check_in_dates(
            placement.starts_on, queries.schedule_of(placement), ends_on=last_day
        )
        if d < last_day
    ]
    span = max(1, (course.drift_to - placement.starts_on).days)
    for index, due_on in enumerate(due):
        opens = due[index - 1] if index else placement.starts_on
        closes = due[index + 1] if index + 1 < len(due) else last_day
        progress = min(1.0, (due_on - placement.starts_on).days / span)
        if rng.random() < course.missing * (0.5 + progress):
            counts["missed"] += 1
            continue
        held_on = due_on + timedelta(days=rng.randint(-4, 8))
        if not opens < held_on < closes or held_on > today:
            counts["missed"] += 1  # not held (yet): shows as overdue
            continue
        signals = _signals(rng, course, progress)
        status = _status(signals)
        agreed = (
            _agreed(rng, signals, held_on) if status != CheckInStatus.ON_TRACK else []
        )
        check_in = actions.record_check_in(
            actor=actor,
            placement=placement,
            fields={
                "held_on": held_on,
                "kind": CheckInKind.SCHEDULED,
                "held_with": rng.choice(
                    [CheckInWith.BOTH] * 2 + [CheckInWith.WORKER, CheckInWith.EMPLOYER]
                ),
                **signals,
                "status": status,
                "advice": rng.choice(ADVICE[status]),
            },
            agreed=agreed,
        )
        counts["check-ins"] += 1
        counts["agreed actions"] += len(agreed)
        for action in check_in.actions.all():
            if action.due_on < today and rng.random() < 0.7:
                action.done_on = action.due_on - timedelta(days=rng.randint(0, 5))
                action.save(update_fields=["done_on"])
        ad_hoc_on = held_on + timedelta(days=rng.randint(3, 20))
        chance = 0.35 if course.drifts else 0.1
        if rng.random() < chance and ad_hoc_on < min(closes, today):
            actions.record_check_in(
                actor=actor,
                placement=placement,
                fields={
                    "held_on": ad_hoc_on,
                    "kind": CheckInKind.AD_HOC,
                    "held_with": rng.choice([CheckInWith.EMPLOYER, CheckInWith.WORKER]),
                    "notes": rng.choice(AD_HOC_NOTES),
                },
            )
            counts["ad-hoc contacts"] += 1


def load_demo_check_ins(
    *,
    region: Region | None = None,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoCheckIns:
    """Add check-ins, agreed actions and ad-hoc contacts to the demo placements of
    ``region`` (default: the first region); nothing when they have check-ins."""
    say = progress or (lambda _message: None)
    today = today or timezone.localdate()
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not crypto
    counts = dict.fromkeys(
        ("check-ins", "missed", "agreed actions", "ad-hoc contacts"), 0
    )
    region = region or Region.objects.order_by("pk").first()
    if region is None:
        return DemoCheckIns(counts)
    in_region = {"person__organisation__region": region}
    if CheckIn.objects.filter(
        **{f"placement__{k}": v for k, v in in_region.items()}
    ).exists():
        return DemoCheckIns(counts)
    placements = list(
        Placement.objects.filter(**in_region, responsible__isnull=False)
        .select_related(
            "ending",
            "organisation",
            "responsible",
            "follow_up_schedule",
            "follow_up_programme",
        )
        .order_by("created_at", "starts_on")
    )
    actors: dict[tuple[int, int], Actor] = {}
    active_seen: dict[int, int] = {}
    say("check-ins on the placements")
    with transaction.atomic():
        for placement in placements:
            assert placement.responsible is not None  # noqa: S101 - filtered above
            key = (placement.responsible.pk, placement.organisation_id)
            if key not in actors:
                actors[key] = get_actor(
                    user=placement.responsible,
                    organisation_id=placement.organisation_id,
                )
            drifting = False
            if getattr(placement, "ending", None) is None:
                # of each one's active placements, the 2nd and every 4th drift now
                seen = active_seen.get(key[0], 0)
                active_seen[key[0]] = seen + 1
                drifting = seen % 4 == 1 or rng.random() < 0.1
            course = _course(rng, placement, today, drifting)
            _follow(rng, actors[key], placement, course, today, counts)
    return DemoCheckIns(counts)
