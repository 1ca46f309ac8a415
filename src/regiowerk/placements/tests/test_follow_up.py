"""Follow-up (nazorg): check-ins with their signals and agreed actions, the schedule
and its override, due and overdue lists with the early warning (fixed queries, the
gate's log), and reminders that are sent once per due check-in."""

import datetime as dt

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.organisations.constants import Role
from regiowerk.people.models import AccessLog
from regiowerk.placements import actions, queries, rules
from regiowerk.placements.constants import CheckInKind, CheckInStatus
from regiowerk.placements.models import CheckInReminder
from regiowerk.placements.reminders import remind_due_checkins
from regiowerk.placements.tests.factories import PlacementFactory, days_ago

pytestmark = pytest.mark.django_db


def errors_of(excinfo):
    return {f: [str(m) for m in ms] for f, ms in excinfo.value.message_dict.items()}


@pytest.fixture
def expert(organisation, make_actor):
    """A labour expert without an e-mail address (the reminders' tests give one)."""
    return make_actor(organisation, Role.LABOUR_EXPERT)


def placement_for(expert, *, started_days_ago=100, **fields):
    return PlacementFactory(
        organisation=expert.organisation,
        person__organisation=expert.organisation,
        responsible=expert.user,
        starts_on=days_ago(started_days_ago),
        **fields,
    )


def check_in(expert, placement, *, days=0, status=CheckInStatus.ON_TRACK, **signals):
    return actions.record_check_in(
        actor=expert,
        placement=placement,
        fields={
            "held_on": days_ago(days),
            "held_with": "both",
            "status": status,
            **signals,
        },
    )


def test_a_check_in_keeps_its_signals_status_and_agreed_actions(expert):
    placement = placement_for(expert)
    recorded = actions.record_check_in(
        actor=expert,
        placement=placement,
        fields={
            "held_on": days_ago(1),
            "held_with": "worker",
            "workload": 2,
            "health_energy": 4,
            "status": CheckInStatus.ATTENTION,
            "advice": "Uren tijdelijk terug naar 24",
        },
        agreed=[
            {
                "description": "Gesprek leidinggevende",
                "owner": "employer",
                "due_on": days_ago(-7),
            }
        ],
    )
    assert recorded.signals == {"workload": 2, "health_energy": 4}
    assert recorded.version == 1
    (agreed,) = recorded.actions.all()
    assert (agreed.owner, agreed.due_on) == ("employer", days_ago(-7))


def test_check_in_errors_name_their_field_in_dutch(expert):
    placement = placement_for(expert)
    with pytest.raises(ValidationError) as excinfo:
        actions.record_check_in(
            actor=expert,
            placement=placement,
            fields={"held_on": days_ago(200), "held_with": "worker", "workload": 7},
        )
    errors = errors_of(excinfo)
    assert errors["held_on"][0].startswith("De datum ligt vóór")
    assert errors["status"] == ["Geef de algemene status van het contactmoment."]
    with pytest.raises(ValidationError) as excinfo:
        check_in(expert, placement, workload=7)
    assert "workload" in errors_of(excinfo)


def test_an_ad_hoc_contact_needs_no_status(expert):
    placement = placement_for(expert)
    contact = actions.record_check_in(
        actor=expert,
        placement=placement,
        fields={"held_on": days_ago(0), "held_with": "employer", "kind": "ad_hoc"},
    )
    assert contact.kind == CheckInKind.AD_HOC and contact.status == ""


def test_editing_a_check_in_refuses_a_stale_version(expert):
    recorded = check_in(expert, placement_for(expert), days=2)
    actions.update_check_in(
        actor=expert,
        check_in=recorded,
        changes={"notes": "Aangevuld"},
        expected_version=1,
    )
    with pytest.raises(ConcurrentEditError):
        actions.update_check_in(
            actor=expert,
            check_in=recorded,
            changes={"notes": "Oud"},
            expected_version=1,
        )


def test_only_the_following_organisation_records_check_ins(expert, partner, make_actor):
    placement = placement_for(expert)
    with pytest.raises(PermissionDenied):
        check_in(make_actor(partner, Role.LABOUR_EXPERT), placement)


def test_a_placement_gets_its_own_schedule_and_back(expert):
    placement = placement_for(expert, started_days_ago=10)
    actions.set_follow_up_schedule(
        actor=expert,
        placement=placement,
        first_days=7,
        months=[1, 2, 3],
        every_months=3,
    )
    placement.refresh_from_db()
    assert queries.schedule_of(placement) == rules.Schedule(7, (1, 2, 3), 3, 5)
    with pytest.raises(ValidationError) as excinfo:
        actions.set_follow_up_schedule(actor=expert, placement=placement, months=[3, 1])
    assert "months" in errors_of(excinfo)
    actions.reset_follow_up_schedule(actor=expert, placement=placement)
    placement = type(placement).objects.get(pk=placement.pk)
    assert queries.schedule_of(placement) == rules.DEFAULT_SCHEDULE


def test_the_follow_up_list_shows_overdue_due_and_at_risk_first(expert):
    today = timezone.localdate()
    calm = placement_for(expert, started_days_ago=20)  # due after 14 days: held
    check_in(expert, calm, days=3)
    overdue = placement_for(expert, started_days_ago=100)  # 14 days, 1 and 3 months
    risky = placement_for(expert, started_days_ago=40)
    check_in(expert, risky, days=25, workload=4)
    check_in(
        expert, risky, days=1, status=CheckInStatus.AT_RISK, workload=1, relation=2
    )
    placement_for(expert, started_days_ago=400).delete()  # gone: not listed

    rows = queries.follow_ups(actor=expert, today=today)
    by_pk = {row.placement.pk: row for row in rows}
    assert [r.placement.pk for r in rows] == [risky.pk, overdue.pk, calm.pk]  # by score
    assert by_pk[risky.pk].risk.level == rules.Level.AT_RISK
    factors = {c.factor for c in by_pk[risky.pk].risk.contributions}
    assert {rules.Factor.LAST_STATUS_AT_RISK, rules.Factor.LOW_SIGNAL} <= factors
    assert len(by_pk[overdue.pk].overdue) == 3
    assert by_pk[overdue.pk].is_due(today)
    assert by_pk[calm.pk].overdue == ()  # held after its 14 days: answered
    assert by_pk[calm.pk].next_due == rules.months_after(calm.starts_on, 1)


def test_the_follow_up_list_runs_a_fixed_number_of_queries_and_logs_the_persons(expert):
    def count():
        with CaptureQueriesContext(connection) as captured:
            rows = queries.follow_ups(actor=expert, today=timezone.localdate())
        return len(captured.captured_queries), rows

    check_in(expert, placement_for(expert), days=1)
    few, _rows = count()
    for _ in range(4):
        check_in(expert, placement_for(expert), days=1)
    many, rows = count()
    assert few == many == 3  # placements, their check-ins, the access log
    logged = AccessLog.objects.filter(what="placements: follow-up")
    assert {log.person_id for log in logged} >= {r.placement.person_id for r in rows}


def test_mine_and_the_team(expert, organisation, make_actor):
    colleague = make_actor(organisation, Role.LABOUR_EXPERT)
    mine, theirs = placement_for(expert), placement_for(colleague)
    today = timezone.localdate()
    assert [r.placement for r in queries.follow_ups(actor=expert, today=today)] == [
        mine
    ]
    team = queries.follow_ups(actor=expert, today=today, mine=False)
    assert {r.placement for r in team} == {mine, theirs}
    auditor = make_actor(organisation, Role.AUDITOR)
    assert queries.follow_ups(actor=auditor, today=today, mine=False) == []


def test_reminders_are_sent_once_per_due_check_in(expert):
    expert.user.email = "expert@example.nl"
    expert.user.save()
    due = placement_for(expert, started_days_ago=10)  # due in 4 days
    placement_for(expert, started_days_ago=1)  # due in 13 days: not yet
    no_address = placement_for(expert, started_days_ago=10)
    no_address.responsible = None
    no_address.save()
    today = timezone.localdate()

    first = remind_due_checkins(today=today, site_url="https://regiowerk.example.nl")
    assert (first.reminded, first.without_recipients) == (1, 1)
    (message,) = mail.outbox
    assert message.to == ["expert@example.nl"]
    assert f"https://regiowerk.example.nl/plaatsingen/{due.pk}/" in message.body
    assert due.person.last_name not in message.body + message.subject
    again = remind_due_checkins(today=today)
    assert again.reminded == 0 and len(mail.outbox) == 1
    assert CheckInReminder.objects.get().due_on == due.starts_on + dt.timedelta(days=14)
    # the next due date gets its own reminder
    later = remind_due_checkins(today=rules.months_after(due.starts_on, 1))
    assert later.reminded == 1 and len(mail.outbox) == 2


def test_the_command_reports_what_it_sent(expert, capsys):
    placement_for(expert, started_days_ago=10)
    call_command("remind_due_checkins")  # the expert has no e-mail address
    out = capsys.readouterr().out
    assert "0 contactmomenten herinnerd." in out
    assert "1 contactmoment heeft niemand verantwoordelijk met een e-mailadres" in out
