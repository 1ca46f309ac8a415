"""Follow-up programmes (nazorgprogramma's): a named schedule of the organisation that
follows placements. A placement's own schedule comes before its programme's, which
comes before the default; the due list and the reminders follow it, in the same number
of queries; project leaders and labour experts of the organisation keep them, each bad
interval named at its field in Dutch."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

import pytest

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.organisations.constants import Role
from regiowerk.placements import actions, queries, rules
from regiowerk.placements.constants import ScheduleSource
from regiowerk.placements.models import FollowUpProgramme, Placement
from regiowerk.placements.reminders import remind_due_checkins
from regiowerk.placements.tests.factories import days_ago
from regiowerk.placements.tests.test_follow_up import check_in, placement_for

pytestmark = pytest.mark.django_db

SHORT = {"first_days": 7, "months": [1, 2, 3], "every_months": 3, "years": 1}


def errors_of(excinfo):
    return {f: [str(m) for m in ms] for f, ms in excinfo.value.message_dict.items()}


def fresh(placement):
    return Placement.objects.select_related(
        "follow_up_schedule", "follow_up_programme"
    ).get(pk=placement.pk)


@pytest.fixture
def short(expert):
    return actions.create_follow_up_programme(
        actor=expert,
        name="Proefplaatsing — kort",
        description="Vaker contact in de proeftijd",
        **SHORT,
    )


def test_a_placement_follows_its_programme_unless_it_has_its_own_schedule(
    expert, short
):
    # given a placement in the short programme
    placement = placement_for(expert, started_days_ago=10)
    assert queries.schedule_of(fresh(placement)) == rules.DEFAULT_SCHEDULE
    actions.put_in_follow_up_programme(
        actor=expert, placement=placement, programme=short
    )
    # then it follows the programme's schedule
    plan = queries.follow_up_plan(fresh(placement))
    assert plan.schedule == rules.Schedule(7, (1, 2, 3), 3, 1)
    assert (plan.source, plan.programme) == (ScheduleSource.PROGRAMME, short)
    assert queries.schedule_of(fresh(placement)) == plan.schedule
    assert plan.due_dates[0] == placement.starts_on + timedelta(days=7)
    assert plan.due_dates[-1] <= rules.months_after(placement.starts_on, 12)

    # when it gets its own schedule, that comes first; the programme is kept
    actions.set_follow_up_schedule(
        actor=expert, placement=placement, first_days=3, months=[1], every_months=1
    )
    plan = queries.follow_up_plan(fresh(placement))
    assert plan.source == ScheduleSource.OWN and plan.programme == short
    assert plan.schedule == rules.Schedule(3, (1,), 1, 5)
    assert queries.schedule_of(fresh(placement)) == plan.schedule

    # back from its own: the programme's again; out of the programme: the default
    actions.reset_follow_up_schedule(actor=expert, placement=placement)
    assert queries.schedule_of(fresh(placement)) == rules.Schedule(7, (1, 2, 3), 3, 1)
    actions.put_in_follow_up_programme(
        actor=expert, placement=placement, programme=None
    )
    plan = queries.follow_up_plan(fresh(placement))
    assert (plan.source, plan.programme) == (ScheduleSource.DEFAULT, None)
    assert plan.schedule == rules.DEFAULT_SCHEDULE


def test_changing_a_programme_changes_the_schedule_of_its_placements(expert, short):
    placement = placement_for(expert, started_days_ago=10)
    actions.put_in_follow_up_programme(
        actor=expert, placement=placement, programme=short
    )

    changed = actions.update_follow_up_programme(
        actor=expert,
        programme=short,
        changes={"first_days": 5, "months": [2, 4]},
        expected_version=short.version,
    )

    assert changed.version == 2
    assert queries.schedule_of(fresh(placement)) == rules.Schedule(5, (2, 4), 3, 1)
    with pytest.raises(ConcurrentEditError):  # from the version read before
        actions.update_follow_up_programme(
            actor=expert, programme=short, changes={"years": 2}, expected_version=1
        )
    assert FollowUpProgramme.objects.get(pk=short.pk).years == 1


def test_the_due_list_follows_the_programme_in_the_same_number_of_queries(
    expert, short
):
    def count():
        with CaptureQueriesContext(connection) as captured:
            rows = queries.follow_ups(actor=expert, today=timezone.localdate())
        return len(captured.captured_queries), rows

    check_in(expert, placement_for(expert), days=1)
    few, _rows = count()
    other = actions.create_follow_up_programme(actor=expert, name="Banenafspraak")
    for index in range(4):
        placement = placement_for(expert, started_days_ago=10)
        actions.put_in_follow_up_programme(
            actor=expert, placement=placement, programme=(short, other)[index % 2]
        )
    many, rows = count()

    assert few == many == 3  # placements (with their programmes), check-ins, the log
    in_short = [r for r in rows if r.placement.follow_up_programme_id == short.pk]
    # a week after the start, passed: overdue in the short programme only
    assert len(in_short) == 2
    assert all(r.overdue == (r.placement.starts_on + timedelta(7),) for r in in_short)
    in_other = [r for r in rows if r.placement.follow_up_programme_id == other.pk]
    assert all(not r.overdue for r in in_other)


def test_reminders_follow_the_programme(expert, short):
    expert.user.email = "anouk@example.org"
    expert.user.save()
    in_programme = placement_for(expert, started_days_ago=6)  # due tomorrow
    by_default = placement_for(expert, started_days_ago=6)  # due in eight days
    actions.put_in_follow_up_programme(
        actor=expert, placement=in_programme, programme=short
    )

    summary = remind_due_checkins(today=timezone.localdate())

    assert summary.reminded == 1
    assert len(mail.outbox) == 1
    assert in_programme.employer.name in mail.outbox[0].subject
    assert by_default.check_in_reminders.count() == 0
    reminder = in_programme.check_in_reminders.get()
    assert reminder.due_on == in_programme.starts_on + timedelta(days=7)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "  ", "Geef het programma een naam."),
        ("first_days", 0, "Geef een aantal dagen van 1 tot en met 365."),
        ("every_months", 30, "Geef een aantal maanden van 1 tot en met 24."),
        ("years", 11, "Geef een aantal jaren van 1 tot en met 10."),
        (
            "months",
            [3, 1],
            "Geef elke maand één keer, oplopend (bijvoorbeeld 1, 2, 3, 6).",
        ),
        ("months", [1, 24], "Geef maanden binnen de 12 maanden dat de nazorg duurt."),
    ],
)
def test_a_bad_programme_is_refused_with_the_reason_at_its_field(
    expert, field, value, message
):
    given = {"name": "Kort", **SHORT, field: value}

    with pytest.raises(ValidationError) as excinfo:
        actions.create_follow_up_programme(actor=expert, **given)

    assert errors_of(excinfo) == {field: [message]}
    assert not FollowUpProgramme.objects.exists()


def test_a_programme_name_is_unique_in_its_organisation(
    expert, short, partner, make_actor
):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_follow_up_programme(actor=expert, name="Proefplaatsing — kort")
    assert errors_of(excinfo) == {
        "name": ["Uw organisatie heeft al een nazorgprogramma met die naam."]
    }
    other = make_actor(partner, Role.PROJECT_LEADER)  # another organisation may
    actions.create_follow_up_programme(actor=other, name="Proefplaatsing — kort")
    assert FollowUpProgramme.objects.count() == 2


@pytest.mark.parametrize("role", [Role.PROJECT_LEADER, Role.LABOUR_EXPERT])
def test_project_leaders_and_labour_experts_keep_their_organisations_programmes(
    organisation, make_actor, role
):
    keeper = make_actor(organisation, role)
    programme = actions.create_follow_up_programme(actor=keeper, name="Kort")

    actions.update_follow_up_programme(
        actor=keeper,
        programme=programme,
        changes={"name": "Kort en vaak"},
        expected_version=programme.version,
    )

    saved = FollowUpProgramme.objects.get()
    assert (saved.name, saved.organisation, saved.set_by) == (
        "Kort en vaak",
        organisation,
        keeper.user,
    )


@pytest.mark.parametrize(
    "role", [Role.CONSULTANT, Role.ACCOUNT_MANAGER, Role.ANALYST, Role.ADMINISTRATOR]
)
def test_other_roles_keep_no_programmes(organisation, make_actor, short, role):
    actor = make_actor(organisation, role)
    with pytest.raises(PermissionDenied):
        actions.create_follow_up_programme(actor=actor, name="Eigen")
    with pytest.raises(PermissionDenied):
        actions.update_follow_up_programme(
            actor=actor,
            programme=short,
            changes={"years": 2},
            expected_version=short.version,
        )


def test_another_organisation_changes_no_programme_and_uses_none(
    expert, short, partner, make_actor
):
    other = make_actor(partner, Role.LABOUR_EXPERT)
    with pytest.raises(PermissionDenied):
        actions.update_follow_up_programme(
            actor=other,
            programme=short,
            changes={"years": 2},
            expected_version=short.version,
        )
    # its own placement cannot follow a programme of another organisation
    theirs = placement_for(other)
    with pytest.raises(ValidationError) as excinfo:
        actions.put_in_follow_up_programme(
            actor=other, placement=theirs, programme=short
        )
    assert list(errors_of(excinfo)) == ["programme"]
    # nor does it put a placement it does not follow in a programme
    with pytest.raises(PermissionDenied):
        actions.put_in_follow_up_programme(
            actor=other, placement=placement_for(expert), programme=None
        )
    assert fresh(theirs).follow_up_programme is None


def test_an_ended_placement_joins_no_programme(expert, short):
    placement = placement_for(expert, started_days_ago=100)
    actions.end_placement(
        actor=expert,
        placement=placement,
        expected_version=placement.version,
        ends_on=days_ago(5),
        reason="resigned",
    )
    with pytest.raises(ValidationError) as excinfo:
        actions.put_in_follow_up_programme(
            actor=expert, placement=placement, programme=short
        )
    assert excinfo.value.messages == [
        "Deze plaatsing is beëindigd; de nazorg is gestopt."
    ]


def test_putting_a_placement_in_a_programme_keeps_its_version(expert, short):
    placement = placement_for(expert)
    version = placement.version

    actions.put_in_follow_up_programme(
        actor=expert, placement=placement, programme=short
    )

    # a change to the placement from the version read before still saves, and keeps
    # the programme (only the fields changed are written)
    actions.update_placement(
        actor=expert,
        placement=Placement.objects.get(pk=placement.pk),
        changes={"hours_per_week": 16},
        expected_version=version,
    )
    assert fresh(placement).follow_up_programme == short


def test_the_placement_page_says_which_schedule_applies(expert, expert_client, short):
    placement = placement_for(expert, started_days_ago=10)
    url = reverse("placement-detail", args=[placement.pk])
    assert "Standaardschema" in expert_client.get(url).content.decode()

    actions.put_in_follow_up_programme(
        actor=expert, placement=placement, programme=short
    )
    content = expert_client.get(url).content.decode()
    assert "Nazorgprogramma “Proefplaatsing — kort”" in content
    first = placement.starts_on + timedelta(days=7)
    assert date_format(first, "SHORT_DATE_FORMAT") in content  # its due dates

    actions.set_follow_up_schedule(
        actor=expert, placement=placement, months=[1], reason="Werkdruk hoog"
    )
    content = expert_client.get(url).content.decode()
    assert (
        "Eigen schema: Werkdruk hoog (in plaats van nazorgprogramma "
        "“Proefplaatsing — kort”)"
    ) in content
