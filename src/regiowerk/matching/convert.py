"""ORM rows → skillmatch dataclasses: the one bridge between Django and the engine.

The engine objects built from the database (taxonomy, title index, transition model)
are cached per process and keyed on the newest taxonomy release, so a new import is
picked up by the next request without a restart.
"""

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TypeVar

from regiowerk.employers.models import Vacancy
from regiowerk.matching.constants import SkillSource
from regiowerk.matching.models import (
    Occupation,
    OccupationSkill,
    PersonOccupation,
    PersonSkill,
    SkillBroader,
    TaxonomyRelease,
)
from regiowerk.matching.models import Skill as SkillRow
from regiowerk.people.models import Person
from skillmatch import (
    CandidateProfile,
    Location,
    Taxonomy,
    TransitionModel,
    VacancyProfile,
)
from skillmatch import Occupation as TaxonomyOccupation
from skillmatch import Skill as TaxonomySkill
from skillmatch.titles import TitleNormaliser

T = TypeVar("T")
ID_BATCH = 2000  # ids per IN (...) list: well within every database's parameter limit
_lock = threading.RLock()  # builders nest: titles and transitions need the taxonomy
_cache: dict[tuple[str, int], object] = {}


def _release_key() -> int:
    return (
        TaxonomyRelease.objects.order_by("-pk").values_list("pk", flat=True).first()
        or 0
    )


def _cached(name: str, build: Callable[[], T]) -> T:
    key = (name, _release_key())
    with _lock:
        if key not in _cache:
            for old in [k for k in _cache if k[0] == name]:
                del _cache[old]
            _cache[key] = build()
        return _cache[key]  # type: ignore[return-value]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.splitlines() if line)


def _build_taxonomy() -> Taxonomy:
    occupations = [
        TaxonomyOccupation(
            uri=o.uri,
            label=o.label,
            alt_labels=_lines(o.alt_labels),
            hidden_labels=_lines(o.hidden_labels),
            isco_group=o.isco_group,
            description=o.description,
        )
        for o in Occupation.objects.all()
    ]
    skills = [
        TaxonomySkill(
            uri=s.uri,
            label=s.label,
            skill_type=s.skill_type,
            reuse_level=s.reuse_level,
            alt_labels=_lines(s.alt_labels),
        )
        for s in SkillRow.objects.all()
    ]
    relations = [
        (occ, skill, "essential" if essential else "optional")
        for occ, skill, essential in OccupationSkill.objects.values_list(
            "occupation__uri", "skill__uri", "is_essential"
        ).order_by("pk")
    ]
    broader = list(SkillBroader.objects.values_list("narrower__uri", "broader_uri"))
    return Taxonomy.from_rows(
        occupations=occupations,
        skills=skills,
        relations=relations,
        skill_broader=broader,
    )


def current_taxonomy() -> Taxonomy:
    """The imported taxonomy as an engine object (empty when nothing was imported)."""
    return _cached("taxonomy", _build_taxonomy)


def title_normaliser() -> TitleNormaliser:
    """The job-title index over the imported taxonomy's occupation labels."""
    return _cached("titles", lambda: TitleNormaliser(current_taxonomy()))


def transition_model() -> TransitionModel:
    """The career-transition model over the imported taxonomy."""
    return _cached("transitions", lambda: TransitionModel(current_taxonomy()))


def candidate_profile(person: Person, taxonomy: Taxonomy) -> CandidateProfile:
    """A person's skill profile: occupations held plus declared and assessed skills.

    ``person`` must come from ``people.access`` (this reads their occupations and skills).
    Occupations no longer in the taxonomy are skipped.
    """
    return candidate_profiles([person], taxonomy)[0]


def candidate_profiles(
    persons: Iterable[Person], taxonomy: Taxonomy
) -> list[CandidateProfile]:
    """The profiles of ``persons`` (see :func:`candidate_profile`), in their order.

    A fixed number of queries whatever the number of persons: one per table for each
    :data:`ID_BATCH` of them, so a page ranking thousands of candidates stays cheap.
    """
    persons = list(persons)
    occupations: dict[object, list[str]] = defaultdict(list)
    skills: dict[object, list[tuple[str, str]]] = defaultdict(list)
    for start in range(0, len(persons), ID_BATCH):
        ids = [p.pk for p in persons[start : start + ID_BATCH]]
        for person_id, occupation in (
            PersonOccupation.objects.filter(person_id__in=ids)
            .order_by("pk")
            .values_list("person_id", "occupation__uri")
        ):
            if occupation in taxonomy.occupations:
                occupations[person_id].append(occupation)
        for person_id, skill, source in (
            PersonSkill.objects.filter(person_id__in=ids)
            .order_by("pk")
            .values_list("person_id", "skill__uri", "source")
        ):
            skills[person_id].append((skill, source))
    return [
        CandidateProfile.from_occupations(
            str(person.pk),
            taxonomy=taxonomy,
            occupations=occupations[person.pk],
            declared=[u for u, src in skills[person.pk] if src == SkillSource.DECLARED],
            assessed=[u for u, src in skills[person.pk] if src == SkillSource.ASSESSED],
        )
        for person in persons
    ]


def vacancy_profile(vacancy: Vacancy, taxonomy: Taxonomy) -> VacancyProfile:
    """A vacancy's profile: its occupation's skills plus the skills listed on it.

    Listed skills win: a skill listed as required is required even when the occupation
    has it as optional.
    """
    listed = list(vacancy.skills.all())
    required = {s.skill_uri for s in listed if s.is_essential}
    optional = {s.skill_uri for s in listed if not s.is_essential}
    if vacancy.occupation_uri in taxonomy.occupations:
        required |= set(taxonomy.essential_skills(vacancy.occupation_uri))
        optional |= set(taxonomy.optional_skills(vacancy.occupation_uri))
    location = None
    if vacancy.latitude is not None and vacancy.longitude is not None:
        location = Location(vacancy.latitude, vacancy.longitude)
    return VacancyProfile(
        id=str(vacancy.pk),
        occupation=vacancy.occupation_uri,
        required=frozenset(required),
        optional=frozenset(optional - required),
        location=location,
        hours=float(vacancy.hours_max),
        contract_type=vacancy.contract_type,
    )


def vacancy_profiles(
    vacancies: Iterable[Vacancy], taxonomy: Taxonomy
) -> list[VacancyProfile]:
    """Profiles of several vacancies (prefetch their skills first)."""
    return [vacancy_profile(v, taxonomy) for v in vacancies]
