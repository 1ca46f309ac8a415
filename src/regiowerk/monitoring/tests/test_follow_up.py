"""The outcome of a cohort N months after its last service, per source of the
observation: the 65 % self-reported and 58 % registry of the DWSRA evaluations are two
definitions over the same registrations, each stating its method."""

from datetime import date
from decimal import Decimal

import pytest

from regiowerk.common import facts
from regiowerk.monitoring import actions, queries, reports
from regiowerk.monitoring.constants import IndicatorKind, PartyRole
from regiowerk.monitoring.tests.factories import ActivityFactory, ProjectFactory
from regiowerk.people.constants import LabourStatus, ObservationSource
from regiowerk.people.tests.factories import (
    LabourStatusObservationFactory,
    PersonFactory,
)
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

AT_WORK = {"status": ["employed", "self_employed"]}
Q1 = (date(2025, 1, 1), date(2025, 3, 31))


def at_work_after(months: int, source: str) -> dict:
    return {
        "table": "services.enrolments",
        "measure": "follow_up",
        "date_column": "completed_on",
        "filters": {"status": ["completed"]},
        "follow_up": {
            "table": "people.status_observations",
            "date_column": "observed_on",
            "months": months,
            "filters": {"source": [str(source)]},  # JSON holds plain codes
            "outcome": AT_WORK,
        },
    }


def completed(person, on: date):
    return EnrolmentFactory(
        person=person,
        status=EnrolmentStatus.COMPLETED,
        registered_on=date(2024, 12, 1),
        started_on=date(2024, 12, 2),
        completed_on=on,
    )


def seen(person, on: date, status: str, source=ObservationSource.SELF_REPORT):
    LabourStatusObservationFactory(
        person=person, observed_on=on, status=status, source=source
    )


@pytest.fixture
def cohort():
    """Five participants who completed a service in the first quarter, and what was
    observed of them after (a 3-month window is 91 days)."""
    a, b, c, d, e = (PersonFactory() for _ in range(5))
    completed(a, date(2025, 3, 1))
    seen(a, date(2025, 5, 15), LabourStatus.EMPLOYED)  # 75 days after: at work
    seen(a, date(2025, 5, 31), LabourStatus.JOB_SEEKER, ObservationSource.REGISTRY)
    completed(b, date(2025, 3, 10))
    seen(b, date(2025, 4, 1), LabourStatus.JOB_SEEKER)
    seen(b, date(2025, 6, 1), LabourStatus.EMPLOYED)  # the latest in the window
    seen(b, date(2025, 5, 1), LabourStatus.EMPLOYED, ObservationSource.REGISTRY)
    completed(c, date(2025, 2, 1))
    seen(c, date(2025, 3, 1), LabourStatus.EMPLOYED)
    seen(c, date(2025, 4, 20), LabourStatus.JOB_SEEKER)  # latest: not at work
    completed(d, date(2025, 3, 15))
    seen(d, date(2025, 8, 1), LabourStatus.EMPLOYED)  # 139 days: outside the window
    completed(e, date(2025, 1, 10))
    completed(e, date(2025, 3, 20))  # the clock starts at the last completion
    seen(e, date(2025, 2, 15), LabourStatus.EMPLOYED)  # before it: not a follow-up
    seen(e, date(2025, 3, 20), LabourStatus.EMPLOYED)  # the same day: not after it
    # not in the cohort: an enrolment still running, a completion in the second quarter
    EnrolmentFactory(status=EnrolmentStatus.STARTED, registered_on=date(2025, 2, 1))
    completed(PersonFactory(), date(2025, 4, 2))
    return [a, b, c, d, e]


def figure(definition: dict, period=Q1) -> facts.Figure:
    start, end = period
    return facts.evaluate(
        facts.parse_definition(definition), facts.Scope(), start=start, end=end
    )


def test_self_reported_and_registry_outcomes_are_counted_each_by_their_method(cohort):
    self_reported = figure(at_work_after(3, ObservationSource.SELF_REPORT))
    registry = figure(at_work_after(3, ObservationSource.REGISTRY))

    # a and b at work of a, b, c known; d and e without a self-report in the window
    assert (self_reported.value, self_reported.cohort, self_reported.unknown) == (
        2,
        3,
        2,
    )
    assert self_reported.percentage == 67
    # the registry saw b at work and a not (91 days after: the window's last day)
    assert (registry.value, registry.cohort, registry.unknown) == (1, 2, 3)
    assert registry.percentage == 50


def test_a_longer_window_finds_the_later_observation(cohort):
    five_months = figure(at_work_after(5, ObservationSource.SELF_REPORT))

    # d's observation after 139 days now counts
    assert (five_months.value, five_months.cohort, five_months.unknown) == (3, 4, 1)


def test_periods_each_have_their_own_cohort_in_one_query_per_period(
    cohort, django_assert_num_queries
):
    definition = facts.parse_definition(at_work_after(3, ObservationSource.SELF_REPORT))
    periods = [Q1, (date(2025, 4, 1), date(2025, 6, 30))]

    with django_assert_num_queries(2):
        first, second = facts.evaluate_periods(definition, facts.Scope(), periods)

    assert (first.value, first.cohort) == (2, 3)
    assert (second.value, second.cohort, second.unknown) == (0, 0, 1)
    assert second.percentage is None


def test_the_same_human_registered_by_two_partners_is_followed_across_them():
    # the enrolment at one partner, the observation of the same BSN at another
    enrolled = PersonFactory(bsn_pseudonym="f" * 64)
    observed = PersonFactory(bsn_pseudonym="f" * 64)
    completed(enrolled, date(2025, 3, 1))
    seen(observed, date(2025, 4, 1), LabourStatus.EMPLOYED)

    result = figure(at_work_after(3, ObservationSource.SELF_REPORT))

    assert (result.value, result.cohort) == (1, 1)


@pytest.mark.parametrize(
    ("follow_up", "message"),
    [
        (None, "Een vervolgmeting heeft follow_up nodig"),
        ({"table": "niets"}, "Onbekende feitentabel niets"),
        (
            {
                "table": "people.status_observations",
                "date_column": "observed_on",
                "months": 0,
                "outcome": AT_WORK,
            },
            "months moet een geheel getal van 1 tot 60 zijn.",
        ),
        (
            {
                "table": "people.status_observations",
                "date_column": "observed_on",
                "months": True,
                "outcome": AT_WORK,
            },
            "months moet een geheel getal van 1 tot 60 zijn.",
        ),
        (
            {
                "table": "people.status_observations",
                "date_column": "registered_on",
                "months": 3,
                "outcome": AT_WORK,
            },
            "heeft geen datumkolom registered_on",
        ),
        (
            {
                "table": "people.status_observations",
                "date_column": "observed_on",
                "months": 3,
            },
            "Een vervolgmeting heeft een uitkomst nodig",
        ),
        (
            {
                "table": "people.status_observations",
                "date_column": "observed_on",
                "months": 3,
                "outcome": {"status": ["rich"]},
            },
            "Onbekende waarde voor status: rich",
        ),
    ],
)
def test_a_wrong_follow_up_is_refused_in_dutch_naming_the_problem(follow_up, message):
    definition = {**at_work_after(3, ObservationSource.SELF_REPORT)}
    definition["follow_up"] = follow_up

    with pytest.raises(facts.ValidationError) as refused:
        facts.parse_definition(definition)

    assert any(message in m for m in refused.value.message_dict["follow_up"])


def test_only_a_follow_up_has_a_follow_up():
    definition = {
        "table": "services.enrolments",
        "measure": "count_rows",
        "date_column": "completed_on",
        "follow_up": at_work_after(3, ObservationSource.SELF_REPORT)["follow_up"],
    }

    with pytest.raises(facts.ValidationError) as refused:
        facts.parse_definition(definition)

    assert refused.value.message_dict["follow_up"] == [
        "Alleen een vervolgmeting heeft follow_up."
    ]


def test_a_follow_up_round_trips_through_json():
    definition = facts.parse_definition(at_work_after(3, ObservationSource.REGISTRY))

    assert facts.parse_definition(definition.to_json()) == definition
    assert definition.is_share
    assert definition.follow_up is not None and definition.follow_up.days == 91


def test_a_project_shows_both_outcomes_side_by_side_each_stating_its_method(cohort):
    # given: a project over 2025 with the outcome measured two ways, one activity
    activity = ActivityFactory(
        project=ProjectFactory(starts_on=date(2025, 1, 1), ends_on=date(2025, 3, 31))
    )
    lines = {}
    for position, (name, source) in enumerate(
        (
            ("Aan het werk (zelf gemeld)", ObservationSource.SELF_REPORT),
            ("Aan het werk (registratie)", ObservationSource.REGISTRY),
        )
    ):
        lines[name] = actions.add_indicator(
            activity=activity,
            name=name,
            unit="%",
            kind=IndicatorKind.COMPUTED,
            position=position,
            definition=at_work_after(3, source),
            target=Decimal(60),
        )
    project = activity.project
    for organisation in {person.organisation for person in cohort}:  # they take part
        actions.add_party(
            project=project,
            name=organisation.name,
            role=PartyRole.PARTNER,
            organisation_id=organisation.pk,
        )

    # then: each realised share, and how it was counted
    values = queries.realised_values([(i, project) for i in lines.values()])
    realised = {n: values[i.pk] for n, i in lines.items()}
    assert realised == {
        "Aan het werk (zelf gemeld)": 67,
        "Aan het werk (registratie)": 50,
    }
    how = reports.describe(
        facts.parse_definition(lines["Aan het werk (registratie)"].definition)
    )
    assert "aandeel van de personen, bij een vervolgmeting" in how
    assert "tot 3 maanden na de laatste rij" in how
    assert "bron = Registratie (bronbestand)" in how, how


def test_the_subjects_behind_a_follow_up_are_those_it_counts_each_with_its_outcome(
    cohort,
):
    definition = facts.parse_definition(at_work_after(3, ObservationSource.SELF_REPORT))
    start, end = Q1

    counted = facts.counted_subjects(definition, facts.Scope(), start=start, end=end)

    # the subject key of a person without a BSN pseudonym is their id, as text
    letter = {p.pk.hex: n for n, p in zip("abcde", cohort, strict=True)}
    by_person = {letter[c.subject.replace("-", "")]: c.outcome for c in counted}
    assert by_person == {"a": True, "b": True, "c": False, "d": None, "e": None}
    shown = figure(at_work_after(3, ObservationSource.SELF_REPORT))
    assert sum(c.outcome is True for c in counted) == shown.value
    assert sum(c.outcome is not None for c in counted) == shown.cohort
