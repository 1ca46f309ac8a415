from datetime import date, timedelta

from django.utils import timezone

import pytest

from regiowerk.organisations.constants import Role
from regiowerk.people import queries, worklist
from regiowerk.people.constants import ContactStatus, ContactType, DossierStatus
from regiowerk.people.models import AccessLog
from regiowerk.people.tests.factories import (
    ContactMomentFactory,
    DossierFactory,
    PersonFactory,
    PlanActionFactory,
)

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 12, 2)


def _dossier(actor, **kwargs):
    person = PersonFactory(organisation=actor.organisation)
    return DossierFactory(person=person, opened_by=actor.user, **kwargs)


def test_end_of_week_is_the_coming_sunday():
    assert queries.end_of_week(WEDNESDAY) == date(2026, 12, 6)
    assert queries.end_of_week(date(2026, 12, 6)) == date(2026, 12, 6)
    assert queries.end_of_week(date(2026, 12, 7)) == date(2026, 12, 13)


def test_caseload_holds_the_open_dossiers_the_consultant_is_responsible_for(
    consultant, make_actor
):
    colleague = make_actor(consultant.organisation)
    mine = _dossier(consultant)
    _dossier(colleague)
    handed_to_me = _dossier(colleague, responsible=consultant.user)
    _dossier(consultant, responsible=colleague.user)  # opened, then handed over
    _dossier(
        consultant, status=DossierStatus.CLOSED, closed_on=date(2026, 3, 1)
    )  # closed: no longer a client

    assert set(queries.caseload(actor=consultant)) == {mine, handed_to_me}


def test_caseload_is_empty_for_roles_without_casework(organisation, make_actor):
    analyst = make_actor(organisation, Role.ANALYST)
    DossierFactory(
        person=PersonFactory(organisation=organisation), opened_by=analyst.user
    )

    assert not queries.caseload(actor=analyst).exists()


def test_plan_actions_due_are_the_open_ones_up_to_sunday(consultant):
    dossier = _dossier(consultant)
    overdue = PlanActionFactory(dossier=dossier, due_on=WEDNESDAY - timedelta(days=9))
    sunday = PlanActionFactory(dossier=dossier, due_on=date(2026, 12, 6))
    PlanActionFactory(dossier=dossier, due_on=date(2026, 12, 7))  # next week
    PlanActionFactory(dossier=dossier, due_on=None)
    PlanActionFactory(dossier=dossier, due_on=WEDNESDAY, done_on=WEDNESDAY)

    due = queries.plan_actions_due(actor=consultant, today=WEDNESDAY)

    assert list(due) == [overdue, sunday]


def test_recently_changed_dossiers_count_a_new_contact_moment_as_a_change(
    consultant,
):
    first = _dossier(consultant)
    second = _dossier(consultant)
    ContactMomentFactory(dossier=first)

    changed = list(queries.recently_changed_dossiers(actor=consultant))

    assert changed == [first, second]


def test_caseload_panel_names_the_clients_in_dutch_and_logs_each_read(consultant):
    dossier = _dossier(consultant, opened_on=date(2026, 3, 5))

    panel = worklist.caseload_panel(consultant, WEDNESDAY)

    assert panel is not None
    assert panel.title == "Mijn klanten"
    assert panel.count == 1
    [row] = panel.rows
    assert row.label == dossier.person.full_name
    assert row.detail == "dossier sinds 5 maart 2026"
    assert row.url.endswith(f"#dossier-{dossier.pk}")
    assert AccessLog.objects.filter(
        person=dossier.person, user=consultant.user, what="start page: my clients"
    ).exists()


def test_caseload_panel_runs_a_fixed_number_of_queries(
    consultant, django_assert_num_queries
):
    for _ in range(3):
        _dossier(consultant)
    # count, the rows, the slice's readable persons, the access-log insert
    with django_assert_num_queries(4):
        worklist.caseload_panel(consultant, WEDNESDAY)
    for _ in range(15):
        _dossier(consultant)
    with django_assert_num_queries(4):
        panel = worklist.caseload_panel(consultant, WEDNESDAY)
    assert panel is not None
    assert (panel.count, len(panel.rows)) == (18, worklist.CASELOAD_SHOWN)


def test_plan_actions_panel_says_what_is_overdue(consultant):
    dossier = _dossier(consultant)
    PlanActionFactory(
        dossier=dossier, description="Cv bijwerken", due_on=date(2026, 11, 30)
    )
    PlanActionFactory(dossier=dossier, description="Sollicitatie", due_on=WEDNESDAY)

    panel = worklist.plan_actions_panel(consultant, WEDNESDAY)

    assert panel is not None
    assert panel.count == 2
    assert [row.label for row in panel.rows] == ["Cv bijwerken", "Sollicitatie"]
    name = dossier.person.full_name
    assert panel.rows[0].detail == f"{name} · te laat sinds 30 november 2026"
    assert panel.rows[1].detail == f"{name} · vandaag"
    assert panel.note == "1 te laat, 1 deze week."
    assert panel.rows[0].url.endswith(f"#dossier-{dossier.pk}-plan")


def test_panels_for_casework_are_not_for_analysts_or_account_managers(
    organisation, make_actor
):
    for role in (Role.ANALYST, Role.ACCOUNT_MANAGER):
        actor = make_actor(organisation, role)
        assert worklist.caseload_panel(actor, WEDNESDAY) is None
        assert worklist.plan_actions_panel(actor, WEDNESDAY) is None
        assert worklist.recent_dossiers_panel(actor, WEDNESDAY) is None


def test_overview_panel_hides_small_counts(organisation, make_actor):
    analyst = make_actor(organisation, Role.ANALYST)
    for _ in range(6):
        PersonFactory(organisation=organisation)
    PersonFactory(organisation=organisation, labour_status="employed")

    panel = worklist.overview_panel(analyst, WEDNESDAY)

    assert panel is not None
    details = {row.detail for row in panel.rows}
    assert "1" not in details
    assert "x" in details
    assert panel.count == 7


def test_overview_panel_is_not_for_consultants(consultant):
    assert worklist.overview_panel(consultant, WEDNESDAY) is None


def _planned(dossier, at, type=ContactType.COACHING):
    return ContactMomentFactory(
        dossier=dossier, type=type, status=ContactStatus.PLANNED, occurred_at=at
    )


def test_planned_contacts_panel_lists_the_caseloads_planned_moments_in_dutch(
    consultant, make_actor
):
    dossier = _dossier(consultant)
    now = timezone.now()
    soon = _planned(dossier, now + timedelta(days=2), ContactType.PHONE)
    missed = _planned(dossier, now - timedelta(days=1))
    ContactMomentFactory(dossier=dossier, occurred_at=now)  # held: not planned
    _planned(_dossier(make_actor(consultant.organisation)), now)  # not my client

    panel = worklist.planned_contacts_panel(consultant, WEDNESDAY)

    assert panel is not None
    assert panel.title == "Geplande contactmomenten"
    assert panel.count == 2
    name = dossier.person.full_name
    assert [row.label for row in panel.rows] == [
        f"{name} · Coaching",
        f"{name} · Telefoongesprek",
    ]
    assert panel.rows[0].detail.endswith("· nog niet vastgelegd")
    assert panel.rows[1].detail.startswith("gepland op ")
    assert panel.rows[1].url.endswith(f"#dossier-{dossier.pk}-contacts")
    assert {missed.pk, soon.pk} == set(
        queries.planned_contacts(actor=consultant).values_list("pk", flat=True)
    )
    assert AccessLog.objects.filter(
        person=dossier.person, what="start page: planned contact moments"
    ).exists()


def test_planned_contacts_panel_runs_a_fixed_number_of_queries(
    consultant, django_assert_num_queries
):
    later = timezone.now() + timedelta(days=3)
    _planned(_dossier(consultant), later)
    # count, the rows, the slice's readable persons, the access-log insert
    with django_assert_num_queries(4):
        worklist.planned_contacts_panel(consultant, WEDNESDAY)
    for _ in range(12):
        _planned(_dossier(consultant), later)
    with django_assert_num_queries(4):
        panel = worklist.planned_contacts_panel(consultant, WEDNESDAY)
    assert panel is not None
    assert (panel.count, len(panel.rows)) == (13, worklist.PLANNED_SHOWN)
