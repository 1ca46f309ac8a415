from datetime import date

import pytest

from regiowerk.employers.tests.factories import VacancyFactory
from regiowerk.matching import actions, queries
from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.models import Skill
from regiowerk.matching.tests.factories import profile_of
from regiowerk.organisations.constants import Role
from regiowerk.people.access import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.tests.factories import ServiceFactory, make_actor, share_with

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def _vacancy(slug, **kwargs):
    return VacancyFactory(
        title=slug,
        occupation_uri=uri("occupation", slug),
        opens_on=date(2026, 11, 1),
        **kwargs,
    )


def test_free_text_titles_suggest_the_right_demo_occupation(demo_taxonomy):
    suggestions = queries.suggest_occupations(text="chauffeur vrachtwagen", k=3)
    assert suggestions[0].uri == uri("occupation", "vrachtwagenchauffeur")


def test_no_suggestions_without_a_taxonomy(db):
    assert queries.suggest_occupations(text="kok") == []


def test_a_truck_driver_gets_the_truck_driving_vacancy_first_with_reasons(
    demo_taxonomy,
):
    actor = make_actor()
    person = profile_of(actor, "vrachtwagenchauffeur")
    _vacancy("kok")
    best = _vacancy("vrachtwagenchauffeur")
    _vacancy("heftruckchauffeur")

    matches = queries.matched_vacancies(person=person, on=TODAY)

    assert matches[0].vacancy == best
    explanation = matches[0].match.explanation
    assert not explanation.missing_required
    assert "vereiste vaardigheden" in explanation.reason_nl


def test_vacancy_candidates_are_only_persons_the_actor_may_see_and_are_logged(
    demo_taxonomy,
):
    actor = make_actor()
    other = make_actor()
    mine = profile_of(actor, "vrachtwagenchauffeur")
    hidden = profile_of(other, "vrachtwagenchauffeur")
    shared = profile_of(other, "pakketbezorger")
    share_with(shared, actor.organisation)
    vacancy = _vacancy("vrachtwagenchauffeur")

    ranked = queries.ranked_candidates(actor=actor, vacancy=vacancy)

    persons = [c.person for c in ranked]
    assert persons[0] == mine
    assert shared in persons
    assert hidden not in persons
    logged = set(
        AccessLog.objects.filter(user=actor.user).values_list("person_id", flat=True)
    )
    assert logged == {p.pk for p in persons}


def test_transitions_show_gap_skills_and_services_that_teach_them(demo_taxonomy):
    actor = make_actor()
    person = profile_of(actor, "magazijnmedewerker")
    course = ServiceFactory(name="VCA-basiscursus")
    actions.set_service_skills(
        actor=make_actor(course.provider, Role.PROJECT_LEADER),
        service=course,
        skills=[Skill.objects.get(uri=uri("skill", "vca"))],
    )

    options = queries.transitions_for(person=person, k=10)

    forklift = next(
        o for o in options if o.transition.uri == uri("occupation", "heftruckchauffeur")
    )
    assert "basisveiligheid (VCA)" in forklift.gap_labels
    assert "heftruck besturen" in forklift.shared_labels
    assert course in forklift.services
    assert all(
        o.transition.uri != uri("occupation", "magazijnmedewerker") for o in options
    )


def test_transitions_from_declared_skills_when_no_occupation_is_linked(demo_taxonomy):
    actor = make_actor()
    person = PersonFactory(organisation=actor.organisation)
    actions.set_person_skills(
        actor=actor,
        person=person,
        skills=Skill.objects.filter(
            uri__in=[uri("skill", "koken"), uri("skill", "haccp")]
        ),
        source="declared",
    )

    options = queries.transitions_for(person=person, k=3)

    assert options[0].transition.uri == uri("occupation", "kok")


def test_person_without_profile_has_no_transitions(demo_taxonomy):
    assert queries.transitions_for(person=PersonFactory()) == []


def test_erasing_a_person_removes_their_occupations_and_skills(demo_taxonomy):
    from regiowerk.people import actions as people_actions

    actor = make_actor()
    person = profile_of(actor, "kok")
    actions.set_person_skills(
        actor=actor,
        person=person,
        skills=Skill.objects.filter(label__icontains="koken"),
        source="declared",
    )

    people_actions.erase_person(
        actor=make_actor(actor.organisation, Role.PROJECT_LEADER), person=person
    )

    assert not queries.occupations_of(person).exists()
    assert not queries.skills_of(person).exists()
