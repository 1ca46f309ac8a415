"""The demo programme: after the demo region it counts the region's own registrations,
its programme manager approves the waiting change, its auditor reads without changing,
and loading it twice changes nothing."""

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from regiowerk.demo import builder
from regiowerk.demo.matching import load_demo_matching
from regiowerk.demo.placements import load_demo_placements
from regiowerk.demo.programme import (
    PROGRAMME_CODE,
    demo_project_period,
    load_demo_programme,
)
from regiowerk.monitoring import queries
from regiowerk.monitoring.constants import IndicatorKind, TargetChangeStatus
from regiowerk.monitoring.declarable import project_declarable
from regiowerk.monitoring.models import Indicator, Programme, TargetChange
from regiowerk.monitoring.reports import project_monitor
from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import User
from regiowerk.placements.constants import Stage
from regiowerk.placements.models import Candidacy, Placement, PlacementEnding
from regiowerk.placements.tests.factories import (
    CandidacyFactory,
    PlacementFactory,
    days_ago,
)
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.models import Enrolment

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """A small demo region with its placements and programme, once for the module;
    rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        region = builder.build_demo_region(person_count=60).region
        load_demo_matching(region=region)
        load_demo_placements(region=region)  # as load_demo_region does
        yield load_demo_programme(region=region)
        transaction.set_rollback(True)


def _log_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_programme_has_two_projects_with_every_kind_of_indicator(demo):
    assert demo.funder_organisation.name == "O&O-fonds Techniek Noord"
    assert sorted(demo.projects.values_list("code", flat=True)) == [
        "DEMO-01",
        "DEMO-02",
    ]
    kinds = set(
        Indicator.objects.filter(activity__project__programme=demo).values_list(
            "kind", flat=True
        )
    )
    assert kinds == set(IndicatorKind.values)
    # the subsidy rule of the programme: 50 % of the direct costs
    first = demo.projects.get(code="DEMO-01")
    assert first.max_subsidy_cents == 120_000_00


def test_a_computed_indicator_counts_the_demo_registrations(demo):
    project = demo.projects.get(code="DEMO-01")
    organisations = set(project.parties.values_list("organisation_id", flat=True))
    starts_on, ends_on = demo_project_period(timezone.localdate())
    expected = Enrolment.objects.filter(
        enrolling_organisation_id__in=organisations,
        status=EnrolmentStatus.COMPLETED,
        completed_on__range=(starts_on, ends_on),
    ).count()

    report = project_monitor(
        project, period_index=None, today=timezone.localdate(), with_trail=True
    )

    line = next(i for i in report.indicators if i.name == "Afgeronde trajecten")
    assert expected > 0
    assert line.realised == expected
    assert {i.kind for i in report.indicators} == set(IndicatorKind.values)


PLACEMENT_INDICATORS = (
    "Voordrachten bij werkgevers",
    "Plaatsingen",
    "Duurzame plaatsingen (na 6 maanden nog aan het werk)",
)


def _placement_lines(project):
    report = project_monitor(
        project, period_index=None, today=timezone.localdate(), with_trail=True
    )
    return {i.name: i for i in report.indicators if i.name in PLACEMENT_INDICATORS}


def test_the_placement_indicators_count_nominations_placements_and_durable_ones(demo):
    """Counted through placements' fact tables for the project's parties: the demo's
    own placements and pipeline, plus a candidacy nominated, a placement still at work after 8 months,
    one that ended after 3 and one only 2 months old (not yet durable)."""
    project = demo.projects.get(code="DEMO-01")
    organisations = set(project.parties.values_list("organisation_id", flat=True))
    starts_on, ends_on = demo_project_period(timezone.localdate())
    in_period = {"starts_on__range": (starts_on, ends_on)}
    before = _placement_lines(project)
    assert set(before) == set(PLACEMENT_INDICATORS)
    assert [before[n].current for n in PLACEMENT_INDICATORS] == [50, 45, 25]
    placed = Placement.objects.filter(organisation_id__in=organisations, **in_period)
    durable_before = sum(
        1
        for p in placed.select_related("ending")
        if (getattr(p, "ending", None) is None and p.starts_on <= days_ago(182))
        or (getattr(p, "ending", None) and (p.ending.ends_on - p.starts_on).days >= 182)
    )
    assert before["Plaatsingen"].realised == placed.count() > 0  # the demo's own
    assert before["Voordrachten bij werkgevers"].realised > 0
    assert before[PLACEMENT_INDICATORS[2]].realised == durable_before

    party = project.parties.get(organisation__name="Re-integratiebureau De Brug")
    org = party.organisation
    CandidacyFactory(
        organisation=org, person__organisation=org, stage=Stage.NOMINATED
    )  # nominated 30 days ago
    CandidacyFactory(organisation=org, person__organisation=org)  # only recruited
    for days in (240, 60):
        PlacementFactory(
            organisation=org, person__organisation=org, starts_on=days_ago(days)
        )
    ended = PlacementFactory(
        organisation=org, person__organisation=org, starts_on=days_ago(200)
    )
    PlacementEnding.objects.create(
        placement=ended, ends_on=days_ago(110), reason="health"
    )
    after = _placement_lines(project)

    nominated = Candidacy.objects.filter(
        organisation_id__in=organisations,
        steps__stage=Stage.NOMINATED,
        steps__on__range=(starts_on, ends_on),
    )
    assert after["Voordrachten bij werkgevers"].realised == nominated.count()
    assert after["Voordrachten bij werkgevers"].realised == (
        before["Voordrachten bij werkgevers"].realised + 1
    )
    assert after["Plaatsingen"].realised == before["Plaatsingen"].realised + 3
    assert after[PLACEMENT_INDICATORS[2]].realised == durable_before + 1


def test_the_programme_manager_sees_both_projects_and_approves_the_waiting_change(
    demo,
):
    client = _log_in("programmamanager")
    waiting = TargetChange.objects.get(
        target__indicator__activity__project__programme=demo,
        status=TargetChangeStatus.PENDING,
    )
    project = waiting.target.indicator.activity.project

    home = client.get(reverse("home")).content.decode()
    overview = client.get(reverse("programme-overview")).content.decode()
    page = client.get(reverse("project-monitor", args=[project.pk])).content.decode()
    response = client.post(
        reverse("target-change-decide", args=[project.pk, waiting.pk]),
        {"decision": "approve"},
    )

    assert f'href="{reverse("programme-overview")}"' in home  # the menu leads there
    assert "DEMO-01" in overview and "DEMO-02" in overview
    assert "Aanwezigen met aanmelding" in page
    assert response.status_code == 302
    waiting.refresh_from_db()
    waiting.target.refresh_from_db()
    assert waiting.status == TargetChangeStatus.APPROVED
    assert waiting.target.current_value == 120


def test_the_auditor_reads_the_trail_but_enters_nothing(demo):
    client = _log_in("auditor")
    project = demo.projects.get(code="DEMO-01")
    manual = Indicator.objects.get(activity__project=project, kind=IndicatorKind.MANUAL)

    page = client.get(
        reverse("indicator-detail", args=[project.pk, manual.pk])
    ).content.decode()
    response = client.post(
        reverse("manual-value-enter", args=[project.pk, manual.pk]),
        {"value": "99", "evidence_note": "geprobeerd"},
    )

    assert "Gespreksverslagen" in page  # the evidence and who entered it
    assert "Kuipers" in page
    assert response.status_code in (400, 403)
    manual.refresh_from_db()
    assert manual.realised_value == 18


def test_loading_the_programme_twice_changes_nothing(demo):
    indicators = Indicator.objects.count()

    again = load_demo_programme(region=demo.projects.first().region)

    assert again == demo
    assert Programme.objects.filter(code=PROGRAMME_CODE).count() == 1
    assert Indicator.objects.count() == indicators


def test_the_new_roles_are_among_the_printed_logins(demo):
    logins = {login.username: login.role for login in builder.demo_logins()}

    assert logins["programmamanager"] == str(Role.PROGRAMME_MANAGER.label)
    assert logins["auditor"] == str(Role.AUDITOR.label)


def test_the_projects_have_costs_against_an_uneven_plan(demo):
    project = demo.projects.get(code="DEMO-01")
    client = _log_in("projectleider")
    monitor = project_monitor(
        project, period_index=None, today=timezone.localdate(), with_trail=True
    )
    costs = monitor.costs
    planned = [p.point.planned_cents for p in costs.periods]
    assert len(set(planned)) > 1  # not an even spread
    assert sum(planned) <= project.direct_costs_cents
    participants, staff, material, overhead = costs.by_category
    assert participants > 0  # the prices of the demo's started enrolments
    assert staff > 0 and material == 4_250_00
    assert overhead == staff * 15 // 100  # the programme's rule: 15 % of staff costs
    assert costs.per_participant_cents and costs.co_financing
    html = client.get(
        reverse("project-monitor", kwargs={"project_id": project.pk})
    ).content.decode()
    assert "Kosten en begroting" in html and "Werkgevers in de techniek" in html


def test_the_demo_programme_has_rules_and_declarable_participants(demo):
    result = project_declarable(demo.projects.get(code="DEMO-01"))

    assert demo.eligibility_rules.count() == 2
    assert result.served > 0
    assert 0 < result.declarable < result.served  # some count, and the rest has reasons


def test_most_past_period_reports_are_submitted_and_only_the_latest_of_one_is_late(
    demo,
):
    today = timezone.localdate()
    projects = list(demo.projects.order_by("code"))
    due = queries.due_reports(projects, today=today)

    assert len(due) >= 4  # the demo project runs from about fifteen months back
    unsubmitted = [(d.project.code, d.period.start) for d in due if not d.is_submitted]
    latest_of_first = max(d.period.start for d in due if d.project.code == "DEMO-01")
    assert unsubmitted == [("DEMO-01", latest_of_first)]
    assert all(
        d.report.submitted_by.username in {"projectleider", "opleidingsadviseur"}
        for d in due
        if d.is_submitted
    )
    late = queries.overdue_reports(projects, today=today)
    assert [(d.project.code, d.period.start) for d in late] == unsubmitted or (
        late == []  # the latest period ended too recently to be due yet
    )
