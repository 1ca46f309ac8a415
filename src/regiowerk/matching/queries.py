"""Reads for matching: title suggestions, matched vacancies, candidates, transitions.

Persons passed in must come from ``people.access`` (the caller checked the right to
read them); candidate lists are limited to the persons the actor may see and every
person shown is logged.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from regiowerk.employers.constants import PhysicalLoad
from regiowerk.employers.models import Vacancy
from regiowerk.employers.permissions import may_see_unnamed_candidates
from regiowerk.employers.queries import open_vacancies
from regiowerk.matching import convert
from regiowerk.matching.models import (
    Occupation,
    PersonOccupation,
    PersonSkill,
    ServiceSkill,
    Skill,
    TaxonomyRelease,
)
from regiowerk.organisations.models import Region
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import (
    AccessDenied,
    access_person,
    accessible_persons,
    log_access,
    may_change_person,
    persons_for_counts,
    read_records,
)
from regiowerk.people.constants import AccessPurpose
from regiowerk.people.models import Person
from regiowerk.people.queries import dossiers_of
from regiowerk.services.models import Service
from skillmatch import (
    CandidateIndex,
    Filters,
    Match,
    Transition,
    rank_candidates,
    rank_vacancies,
)
from skillmatch.titles import TitleMatch

UNNAMED_SALT = "regiowerk.matching.unnamed-candidate"
# how many unnamed candidates are ranked, listed and checked again when one is put
# forward: a token listed is found again as long as its person still ranks among them
UNNAMED_CANDIDATES = 20

MAX_CANDIDATES = (
    5000  # persons considered per vacancy (newest first); see docs/architecture.md
)


@dataclass(frozen=True)
class VacancyMatch:
    """A vacancy with the engine's match (score and explanation)."""

    vacancy: Vacancy
    match: Match


@dataclass(frozen=True)
class CandidateMatch:
    """A person the actor may see, with the engine's match for a vacancy."""

    person: Person
    match: Match


@dataclass(frozen=True)
class TransitionOption:
    """An occupation within reach, with the catalogue services that teach its gap skills."""

    transition: Transition
    gap_labels: list[str]
    shared_labels: list[str]
    services: list[Service]


def current_release() -> TaxonomyRelease | None:
    """The taxonomy release in use (the newest import), or None before any import."""
    return TaxonomyRelease.objects.order_by("-pk").first()


def suggest_occupations(*, text: str, k: int = 5) -> list[TitleMatch]:
    """Occupations whose names fit free text such as "chauffeur" or "verzorgende IG"."""
    if not text.strip() or not Occupation.objects.exists():
        return []
    return convert.title_normaliser().normalise(text, k=k)


def search_skills(*, text: str, limit: int = 30) -> list[Skill]:
    """Skills whose label or alternative labels contain every word of ``text``.

    Labels that start with the text come first, then shorter labels.
    """
    words = text.split()
    if not words:
        return []
    rows = Skill.objects.all()
    for word in words:
        rows = rows.filter(Q(label__icontains=word) | Q(alt_labels__icontains=word))
    found = list(rows.order_by("label")[: limit * 4])
    needle = text.strip().lower()
    found.sort(key=lambda s: (not s.label.lower().startswith(needle), len(s.label)))
    return found[:limit]


def skills_by_uri(*, uris: list[str]) -> dict[str, Skill]:
    """The taxonomy skills with these URIs (unknown URIs are left out)."""
    return {s.uri: s for s in Skill.objects.filter(uri__in=uris)}


def find_occupation(*, uri: str) -> Occupation | None:
    """The taxonomy occupation with this URI, or None when it is not in the taxonomy."""
    return Occupation.objects.filter(uri=uri).first()


def skills_taught(service: Service) -> list[Skill]:
    """The skills a catalogue service teaches, by label."""
    return list(
        Skill.objects.filter(pk__in=service.skill_links.values("skill_id")).order_by(
            "label"
        )
    )


@dataclass(frozen=True)
class ProfileSkill:
    """One skill of a person's profile, with how sure the profile is of it."""

    uri: str
    label: str
    weight: float


def skill_profile(*, person: Person) -> list[ProfileSkill]:
    """The person's whole skill profile (from occupations, declared and assessed).

    Strongest first. ``person`` must come from ``people.access``.
    """
    taxonomy = convert.current_taxonomy()
    profile = convert.candidate_profile(person, taxonomy)
    rows = [
        ProfileSkill(uri, taxonomy.label(uri), weight)
        for uri, weight in profile.skills.items()
    ]
    rows.sort(key=lambda r: (-r.weight, r.label.lower()))
    return rows


def access_profile(
    *, actor: Actor, person_id: uuid.UUID | str, what: str, write: bool = False
) -> Person:
    """The person whose profile ``actor`` reads (``write``: changes), through the gate
    and logged; AccessDenied, the same for an unknown and a forbidden id. Changing is
    for whoever :func:`~regiowerk.people.access.may_change_person`."""
    person = access_person(
        actor=actor,
        person_id=person_id,
        purpose=AccessPurpose.CASEWORK,
        what=what,
        write=write,
    )
    if write and not may_change_person(actor=actor, person=person):
        raise AccessDenied
    return person


def read_occupations(
    *, actor: Actor, person: Person, what: str
) -> list[PersonOccupation]:
    """The occupations on ``person``'s profile as a page or the API shows them (current
    first); the read is logged."""
    return read_records(
        occupations_of(person), actor=actor, purpose=AccessPurpose.CASEWORK, what=what
    )


def read_skills(*, actor: Actor, person: Person, what: str) -> list[PersonSkill]:
    """The declared and assessed skills on ``person``'s profile as a page or the API
    shows them; the read is logged."""
    return read_records(
        skills_of(person), actor=actor, purpose=AccessPurpose.CASEWORK, what=what
    )


def occupations_of(person: Person) -> QuerySet[PersonOccupation]:
    """The occupations on a person's profile, current first."""
    return (
        PersonOccupation.objects.filter(person=person)
        .select_related("occupation")
        .order_by("-is_current", "occupation__label")
    )


def skills_of(person: Person) -> QuerySet[PersonSkill]:
    """Declared and assessed skills on a person's profile."""
    return (
        PersonSkill.objects.filter(person=person)
        .select_related("skill")
        .order_by("skill__label")
    )


def matched_vacancies(
    *,
    person: Person,
    on: date,
    k: int = 20,
    filters: Filters | None = None,
    avoid_heavy_work: bool = False,
    region_id: int | None = None,
) -> list[VacancyMatch]:
    """Open vacancies ranked for ``person``, each with its explanation; without
    physically heavy work when ``avoid_heavy_work`` (a vacancy whose load is not
    stated stays in), of employers in ``region_id`` when given."""
    taxonomy = convert.current_taxonomy()
    rows = open_vacancies(on=on)
    if avoid_heavy_work:
        rows = rows.exclude(physical_load=PhysicalLoad.HEAVY)
    if region_id is not None:
        rows = rows.filter(employer__region_id=region_id)
    vacancies = {str(v.pk): v for v in rows}
    if not vacancies:
        return []
    candidate = convert.candidate_profile(person, taxonomy)
    profiles = convert.vacancy_profiles(vacancies.values(), taxonomy)
    matches = rank_vacancies(candidate, profiles, taxonomy, k=k, filters=filters)
    return [VacancyMatch(vacancies[m.vacancy_id], m) for m in matches]


@dataclass(frozen=True)
class IntakeLimits:
    """What a person's intake says about the work they can take, as the starting
    filters of their matched vacancies: hours available per week, no physically heavy
    work, and the region they live in (from the person)."""

    recorded_on: date | None
    hours_available: int | None
    avoids_heavy_work: bool
    region: Region | None


def intake_limits(*, person: Person) -> IntakeLimits:
    """The limits of ``person``'s newest recorded intake (``person`` must come from
    ``people.access``: this reads their dossiers); none when no intake is recorded."""
    dossier = (
        dossiers_of(person=person).filter(intake_recorded_on__isnull=False).first()
    )
    answers = dossier.intake if dossier is not None else {}
    hours = answers.get("available_hours_per_week")
    return IntakeLimits(
        recorded_on=dossier.intake_recorded_on if dossier is not None else None,
        hours_available=hours if isinstance(hours, int) and hours > 0 else None,
        avoids_heavy_work=answers.get("avoids_heavy_work") is True,
        region=person.region,
    )


def vacancy_filters(
    *,
    hours_min: int | None = None,
    hours_max: int | None = None,
    contract_types: Iterable[str] = (),
) -> Filters | None:
    """The engine's filters for matched vacancies: hours per week (an open end is 0 or
    60) and contract types; None when nothing is filtered."""
    hours = None
    if hours_min is not None or hours_max is not None:
        hours = (
            float(hours_min or 0),
            float(hours_max if hours_max is not None else 60),
        )
    types = frozenset(contract_types) or None
    if hours is None and types is None:
        return None
    return Filters(hours=hours, contract_types=types)


def open_vacancy_counts(*, on: date) -> dict[str, int]:
    """Open vacancies per occupation URI on ``on``: the region's demand."""
    rows = (
        open_vacancies(on=on)
        .exclude(occupation_uri="")
        .values_list("occupation_uri")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def _ranked(
    pool: QuerySet[Person], *, vacancy: Vacancy, k: int
) -> list[CandidateMatch]:
    """The persons of ``pool`` with an occupation, ranked for ``vacancy`` (not logged)."""
    taxonomy = convert.current_taxonomy()
    persons = {
        str(p.pk): p
        # A semi-join, not a join + DISTINCT: the database sorts the persons only, not
        # every (person, occupation) row with all person columns (bench/bench_load.py).
        for p in pool.filter(
            is_anonymised=False,
            pk__in=PersonOccupation.objects.values("person_id"),
        ).order_by("-created_at")[:MAX_CANDIDATES]
    }
    if not persons:
        return []
    candidates = convert.candidate_profiles(persons.values(), taxonomy)
    matches = rank_candidates(
        convert.vacancy_profile(vacancy, taxonomy), candidates, taxonomy, k=k
    )
    return [CandidateMatch(persons[m.candidate_id], m) for m in matches]


def ranked_candidates(
    *, actor: Actor, vacancy: Vacancy, k: int = 20
) -> list[CandidateMatch]:
    """The persons the actor may see, ranked for ``vacancy``; the shown ones are logged."""
    shown = _ranked(
        accessible_persons(actor=actor, purpose=AccessPurpose.CASEWORK),
        vacancy=vacancy,
        k=k,
    )
    log_access(
        actor=actor,
        persons=[c.person for c in shown],
        purpose=AccessPurpose.CASEWORK,
        what="matching: candidates for a vacancy",
    )
    return shown


# --- Unnamed candidates (an account manager who may not read persons) ---------------------


@dataclass(frozen=True)
class UnnamedCandidate:
    """A ranked candidate shown without who it is: ``token`` stands for the person on
    this vacancy for this organisation and reveals nothing about them (an HMAC, not an
    id or a signed id); ``match`` holds the score and the skills overlap only."""

    token: str
    match: Match


def _token(*, actor: Actor, vacancy: Vacancy, person: Person) -> str:
    value = f"{vacancy.pk}:{actor.organisation.pk}:{person.pk}"
    return salted_hmac(UNNAMED_SALT, value, algorithm="sha256").hexdigest()[:40]


def _unnamed_pool(actor: Actor) -> QuerySet[Person]:
    """The persons the actor's organisation works with (people.persons_for_counts):
    never shown, so not logged."""
    return persons_for_counts(actor=actor)


def unnamed_candidates(
    *, actor: Actor, vacancy: Vacancy, k: int = UNNAMED_CANDIDATES
) -> list[UnnamedCandidate]:
    """The persons the actor's organisation works with, ranked for ``vacancy``, each as
    an opaque token with its match (for an account manager of the vacancy, who may put
    one forward without learning who it is). Nothing is logged: no person is shown.
    Empty for anyone else (:func:`may_see_unnamed_candidates`)."""
    if not may_see_unnamed_candidates(actor=actor, vacancy=vacancy):
        return []
    return [
        UnnamedCandidate(_token(actor=actor, vacancy=vacancy, person=c.person), c.match)
        for c in _ranked(_unnamed_pool(actor), vacancy=vacancy, k=k)
    ]


def unnamed_candidate(
    *, actor: Actor, vacancy: Vacancy, token: str, k: int = UNNAMED_CANDIDATES
) -> Person:
    """The person behind ``token`` if :func:`unnamed_candidates` lists them for
    ``vacancy`` now (ranked again: a stale or forged token, another vacancy's or
    another organisation's, finds nobody). For starting a candidacy only: never show
    the result to the actor. AccessDenied when the actor may not see the vacancy's
    unnamed candidates, ValidationError when nobody matches."""
    if not may_see_unnamed_candidates(actor=actor, vacancy=vacancy):
        raise AccessDenied
    for c in _ranked(_unnamed_pool(actor), vacancy=vacancy, k=k):
        if constant_time_compare(
            _token(actor=actor, vacancy=vacancy, person=c.person), str(token)
        ):
            return c.person
    raise ValidationError(
        {
            "candidate": _(
                "This candidate is no longer among the vacancy's suitable candidates."
            )
        }
    )


def transitions_for(*, person: Person, k: int = 10) -> list[TransitionOption]:
    """Occupations within reach of ``person``, each with gap skills and services that help.

    Starts from the person's current occupation when one is linked (title, ISCO group
    and skills all count), otherwise from their whole skill profile.
    """
    taxonomy = convert.current_taxonomy()
    model = convert.transition_model()
    current = occupations_of(person).filter(is_current=True).first()
    held = set(occupations_of(person).values_list("occupation__uri", flat=True))
    if current is not None and current.occupation.uri in taxonomy.occupations:
        options = model.transitions(current.occupation.uri, k=k, exclude=held)
    else:
        profile = convert.candidate_profile(person, taxonomy)
        if not profile.skills:
            return []
        options = model.transitions(profile, k=k, exclude=held)
    gap_uris = {uri for t in options for uri in t.gap}
    teaching: dict[str, list[Service]] = {}
    for link in ServiceSkill.objects.filter(
        skill__uri__in=gap_uris, service__is_active=True
    ).select_related("service", "skill"):
        teaching.setdefault(link.skill.uri, []).append(link.service)
    label = dict(Skill.objects.filter(uri__in=gap_uris).values_list("uri", "label"))
    result = []
    for t in options:
        services = {s.pk: s for uri in t.gap for s in teaching.get(uri, [])}
        result.append(
            TransitionOption(
                transition=t,
                gap_labels=[label.get(u) or taxonomy.label(u) for u in t.gap],
                shared_labels=[taxonomy.label(u) for u in t.shared],
                services=sorted(services.values(), key=lambda s: s.name),
            )
        )
    return result


def candidate_counts(
    *, actor: Actor, vacancies: list[Vacancy], cap: int
) -> dict[int, int]:
    """How many candidates the matching finds for each of ``vacancies`` (at most
    ``cap`` each) among the persons the actor's organisation works with: counts only,
    no person is shown or logged (an account manager's start page). A fixed number of
    queries: the persons once, their profiles once, one index for every vacancy."""
    if not vacancies:
        return {}
    taxonomy = convert.current_taxonomy()
    persons = list(
        persons_for_counts(actor=actor)
        .filter(occupation_links__isnull=False)
        .distinct()
        .order_by("-created_at")[:MAX_CANDIDATES]
    )
    if not persons:
        return {vacancy.pk: 0 for vacancy in vacancies}
    index = CandidateIndex(
        convert.candidate_profiles(persons, taxonomy), taxonomy=taxonomy
    )
    return {
        vacancy.pk: len(
            rank_candidates(convert.vacancy_profile(vacancy, taxonomy), index, k=cap)
        )
        for vacancy in vacancies
    }
