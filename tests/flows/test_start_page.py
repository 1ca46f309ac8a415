"""The start page's worklist per role (organisations.start, filled by the apps)."""

from django.urls import reverse

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import (
    DossierFactory,
    PersonFactory,
    PlanActionFactory,
)

pytestmark = pytest.mark.django_db

PAGE_QUERIES = 19  # with the planned contact moments and the follow-up panels


def _login(client, actor):
    client.force_login(actor.user)
    return client


def _clients(actor, n):
    return [
        DossierFactory(
            person=PersonFactory(organisation=actor.organisation), opened_by=actor.user
        )
        for _ in range(n)
    ]


def test_consultant_sees_their_clients_and_plan_actions_in_dutch(client, consultant):
    [dossier] = _clients(consultant, 1)
    PlanActionFactory(dossier=dossier, description="Cv bijwerken", due_on=None)

    page = _login(client, consultant).get(reverse("home")).content.decode()

    assert "Uw werk" in page
    assert "Mijn klanten" in page
    assert dossier.person.full_name in page
    assert "Acties uit het plan: te laat en deze week" in page
    assert "Recent gewijzigde dossiers" in page
    assert "Personen per arbeidsstatus" not in page
    assert AccessLog.objects.filter(person=dossier.person).exists()


def test_start_page_runs_a_fixed_number_of_queries_for_a_consultant(
    client, consultant, django_assert_num_queries
):
    _login(client, consultant)
    for dossier in _clients(consultant, 2):
        PlanActionFactory(dossier=dossier)
    client.get(reverse("home"))  # warm up the session
    # session, user, memberships (actor), organisations; per people panel its
    # count/rows/readable-persons/access-log queries
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(reverse("home"))
    for dossier in _clients(consultant, 12):
        PlanActionFactory(dossier=dossier)
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse("home"))
    assert response.content.decode().count("te laat sinds") == 10


def test_analyst_sees_overviews_with_small_counts_hidden_and_no_names(
    client, organisation, make_actor
):
    analyst = make_actor(organisation, Role.ANALYST)
    person = PersonFactory(organisation=organisation)

    page = _login(client, analyst).get(reverse("home")).content.decode()

    assert "Personen per arbeidsstatus" in page
    assert "aantallen onder de 5 staan als x" in page
    assert "Mijn klanten" not in page
    assert person.last_name not in page


def test_project_leader_sees_clients_and_the_region_overview(client, project_leader):
    page = _login(client, project_leader).get(reverse("home")).content.decode()

    assert "Mijn klanten" in page
    assert "Personen per arbeidsstatus" in page
    assert "de hele regio" in page


def test_account_manager_sees_employers_and_vacancies_with_counts_only(
    client, organisation, make_actor, demo_taxonomy, django_assert_num_queries
):
    from regiowerk.employers.tests.factories import EmployerFactory, VacancyFactory
    from regiowerk.matching import actions as matching_actions
    from regiowerk.matching.demo_taxonomy import uri
    from regiowerk.matching.models import Occupation

    manager = make_actor(organisation, Role.ACCOUNT_MANAGER)
    employer = EmployerFactory(name="Transport Aa", account_organisation=organisation)
    VacancyFactory(
        employer=employer,
        title="Chauffeur C",
        occupation_uri=uri("occupation", "vrachtwagenchauffeur"),
    )
    person = PersonFactory(organisation=organisation)
    matching_actions.link_occupation(
        actor=make_actor(organisation),
        person=person,
        occupation=Occupation.objects.get(
            uri=uri("occupation", "vrachtwagenchauffeur")
        ),
        is_current=True,
        confirmed=True,
    )
    _login(client, manager)
    client.get(reverse("home"))  # warm up the session and the taxonomy cache

    # session, user, actor, the organisations menu (2); employers 2; vacancies 7
    with django_assert_num_queries(14):
        page = client.get(reverse("home")).content.decode()

    assert "Uw werkgevers" in page
    assert "Transport Aa" in page
    assert "Open vacatures en kandidaten" in page
    assert "1 kandidaat" in page
    assert "Mijn klanten" not in page
    assert person.last_name not in page


def test_labour_expert_sees_their_due_check_ins_riskiest_first_in_fixed_queries(
    client, organisation, make_actor, django_assert_num_queries
):
    from regiowerk.placements.tests.factories import PlacementFactory, days_ago

    expert = make_actor(organisation, Role.LABOUR_EXPERT)

    def placements(n):
        return [
            PlacementFactory(
                person=PersonFactory(organisation=organisation),
                responsible=expert.user,
                starts_on=days_ago(100),  # 2 weeks, 1 and 3 months passed unanswered
            )
            for _ in range(n)
        ]

    first, _second = placements(2)
    PlacementFactory(person=PersonFactory(organisation=organisation))  # not theirs
    _login(client, expert)
    client.get(reverse("home"))  # warm up the session
    # session, user, actor, organisations menu; the people panels; follow-up 3
    # (placements, their check-ins, the access log)
    with django_assert_num_queries(15):
        page = client.get(reverse("home")).content.decode()
    assert "Nazorg: contactmomenten te laat en deze week" in page
    assert first.person.full_name in page
    assert "te laat sinds" in page
    assert reverse("follow-up") in page
    assert AccessLog.objects.filter(
        person=first.person, what="start page: follow-up"
    ).exists()
    placements(12)
    with django_assert_num_queries(15):
        page = client.get(reverse("home")).content.decode()
    assert page.count('href="/plaatsingen/') == 5  # the first five of 14
