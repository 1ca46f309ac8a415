"""Profiles for matching's tests: persons with occupations and skills linked through
the actions, against the demo taxonomy (the ``demo_taxonomy`` fixture)."""

from collections.abc import Iterable

from regiowerk.employers.models import Employer, Vacancy
from regiowerk.employers.tests.factories import VacancyFactory
from regiowerk.matching import actions
from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.models import Occupation, Skill
from regiowerk.organisations.queries import Actor
from regiowerk.people.models import Person
from regiowerk.people.tests.factories import PersonFactory


def occupation(slug: str) -> Occupation:
    return Occupation.objects.get(uri=uri("occupation", slug))


def skill(slug: str) -> Skill:
    return Skill.objects.get(uri=uri("skill", slug))


def profile_of(
    actor: Actor,
    occupation_slug: str | None = None,
    *,
    skills: Iterable[str] = (),
    source: str = "declared",
    **person_fields: object,
) -> Person:
    """A person of ``actor``'s organisation with ``occupation_slug`` as their current,
    confirmed occupation and ``skills`` (slugs) of ``source``, linked by ``actor``."""
    person = PersonFactory(organisation=actor.organisation, **person_fields)
    if occupation_slug:
        actions.link_occupation(
            actor=actor,
            person=person,
            occupation=occupation(occupation_slug),
            is_current=True,
            confirmed=True,
        )
    if skills:
        actions.set_person_skills(
            actor=actor,
            person=person,
            skills=[skill(slug) for slug in skills],
            source=source,
        )
    return person


def intake_of(actor: Actor, person: Person, **answers: object) -> None:
    """Open a dossier for ``person`` at ``actor``'s organisation and record an intake
    with ``answers`` on 6 January 2026."""
    from datetime import date

    from regiowerk.people import actions as people_actions

    dossier = people_actions.open_dossier(
        actor=actor, person=person, opened_on=date(2026, 1, 5)
    )
    people_actions.record_intake(
        actor=actor,
        dossier=dossier,
        version=dossier.version,
        answers=answers,
        recorded_on=date(2026, 1, 6),
    )


def vacancies_for(
    occupation_slug: str, rows: Iterable[tuple[str, Employer, int, str]]
) -> list[Vacancy]:
    """One vacancy for ``occupation_slug`` per row of (title, employer, hours a week,
    physical load): what an intake's available hours and heavy-work answer filter."""
    return [
        VacancyFactory(
            title=title,
            employer=employer,
            hours_min=hours,
            hours_max=hours,
            physical_load=load,
            occupation_uri=uri("occupation", occupation_slug),
        )
        for title, employer, hours, load in rows
    ]
