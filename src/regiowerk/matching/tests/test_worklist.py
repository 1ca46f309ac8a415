from datetime import date

import pytest

from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
from regiowerk.matching import actions, queries, worklist
from regiowerk.matching.demo_taxonomy import uri
from regiowerk.matching.models import Occupation
from regiowerk.organisations.constants import Role
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.tests.factories import share_with

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def _person_with(organisation, consultant, slug):
    person = PersonFactory(organisation=organisation)
    actions.link_occupation(
        actor=consultant,
        person=person,
        occupation=Occupation.objects.get(uri=uri("occupation", slug)),
        is_current=True,
        confirmed=True,
    )
    return person


def _vacancy(organisation, slug, **kwargs):
    return VacancyFactory(
        employer=EmployerFactory(account_organisation=organisation),
        title=slug,
        occupation_uri=uri("occupation", slug),
        opens_on=date(2026, 11, 1),
        **kwargs,
    )


def test_candidate_counts_cover_held_and_shared_persons_and_log_nobody(
    demo_taxonomy, organisation, partner, make_actor
):
    manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    consultant = make_actor(organisation)
    partner_consultant = make_actor(partner)
    _person_with(organisation, consultant, "vrachtwagenchauffeur")
    shared = _person_with(partner, partner_consultant, "vrachtwagenchauffeur")
    share_with(shared, organisation)
    _person_with(partner, partner_consultant, "vrachtwagenchauffeur")  # not shared
    vacancy = _vacancy(organisation, "vrachtwagenchauffeur")

    counts = queries.candidate_counts(actor=manager, vacancies=[vacancy], cap=20)

    assert counts == {vacancy.pk: 2}
    assert not AccessLog.objects.filter(user=manager.user).exists()


def test_vacancies_panel_shows_counts_in_dutch_and_no_names(
    demo_taxonomy, organisation, make_actor
):
    manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    consultant = make_actor(organisation)
    person = _person_with(organisation, consultant, "vrachtwagenchauffeur")
    vacancy = _vacancy(organisation, "vrachtwagenchauffeur")
    VacancyFactory(opens_on=date(2026, 11, 1))  # another organisation's employer

    panel = worklist.vacancies_panel(manager, TODAY)

    assert panel is not None
    assert panel.title == "Open vacatures en kandidaten"
    assert panel.count == 1
    [row] = panel.rows
    assert row.label == f"vrachtwagenchauffeur — {vacancy.employer.name}"
    assert row.detail == "open sinds 1 november 2026 · 1 kandidaat"
    assert person.last_name not in f"{row.label} {row.detail} {panel.note}"


def test_vacancies_panel_runs_a_fixed_number_of_queries(
    demo_taxonomy, organisation, make_actor, django_assert_num_queries
):
    manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    consultant = make_actor(organisation)
    _person_with(organisation, consultant, "vrachtwagenchauffeur")
    _vacancy(organisation, "vrachtwagenchauffeur")
    worklist.vacancies_panel(manager, TODAY)  # the taxonomy cache is filled
    # count, vacancies (+ skills), the taxonomy's release, persons, occupations, skills
    with django_assert_num_queries(7):
        worklist.vacancies_panel(manager, TODAY)
    for _ in range(12):
        _vacancy(organisation, "kok")
        _person_with(organisation, consultant, "kok")
    with django_assert_num_queries(7):
        panel = worklist.vacancies_panel(manager, TODAY)
    assert panel is not None
    assert (panel.count, len(panel.rows)) == (13, worklist.VACANCIES_SHOWN)


def test_vacancies_panel_is_for_account_managers_only(demo_taxonomy, consultant):
    assert worklist.vacancies_panel(consultant, TODAY) is None


def test_many_candidates_are_shown_as_twenty_or_more():
    assert worklist._candidates(25) == "20 of meer kandidaten"
    assert worklist._candidates(0) == "0 kandidaten"
