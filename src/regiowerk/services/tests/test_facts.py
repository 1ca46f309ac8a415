"""services.enrolments and services.event_reach, and the evaluator over them."""

import random
from datetime import date, timedelta

from django.utils import timezone

import pytest

from regiowerk.common import facts
from regiowerk.common.facts import Scope, evaluate, parse_definition
from regiowerk.organisations.tests.factories import OrganisationFactory, RegionFactory
from regiowerk.people.tests.factories import PersonFactory
from regiowerk.services.constants import EnrolmentStatus, EventType, ServiceType
from regiowerk.services.tests.factories import (
    EnrolmentFactory,
    EventFactory,
    EventRegistrationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

PSEUDONYM = "a" * 64  # a stand-in pseudonym; no BSN is involved


def definition(**data):
    return parse_definition({"date_column": "registered_on", **data})


def count(table="services.enrolments", scope=None, **data):
    return evaluate(
        definition(table=table, measure="count_subjects", **data),
        scope or Scope(),
    ).value


def test_each_table_yields_exactly_its_published_columns():
    EnrolmentFactory()
    EventFactory()
    for name in ("services.enrolments", "services.event_reach"):
        table = facts.get_table(name)
        (row,) = facts.rows(name, Scope())
        assert list(row) == [c.name for c in table.columns]


def test_a_human_registered_by_two_partners_counts_once_by_bsn_pseudonym():
    # given: the same human (one pseudonym) at two organisations, and two people
    # without a BSN, who count by their person id
    a, b = OrganisationFactory(), OrganisationFactory()
    EnrolmentFactory(person=PersonFactory(organisation=a, bsn_pseudonym=PSEUDONYM))
    EnrolmentFactory(person=PersonFactory(organisation=b, bsn_pseudonym=PSEUDONYM))
    without_bsn = PersonFactory(organisation=a)
    EnrolmentFactory(person=without_bsn)
    EnrolmentFactory(person=without_bsn)  # a second service: still one person
    EnrolmentFactory(person=PersonFactory(organisation=b))
    # then
    assert count() == 3
    assert count(scope=Scope(organisation_ids=frozenset({a.pk}))) == 2
    rows = evaluate(
        definition(table="services.enrolments", measure="count_rows"), Scope()
    )
    assert rows.value == 5


def test_the_scope_narrows_to_a_region_and_to_organisations():
    here, there = (
        RegionFactory(code="hier", name="Hier"),
        RegionFactory(code="daar", name="Daar"),
    )
    ours = OrganisationFactory(region=here)
    EnrolmentFactory(person=PersonFactory(organisation=ours))
    EnrolmentFactory(
        person=PersonFactory(organisation=OrganisationFactory(region=there))
    )
    assert count(scope=Scope(region_id=here.pk)) == 1
    assert count(scope=Scope(region_id=here.pk, organisation_ids=frozenset())) == 0
    assert count() == 2


def test_a_period_counts_rows_dated_inside_it_both_ends_included():
    for day in (date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 1)):
        EnrolmentFactory(registered_on=day)
    figure = evaluate(
        definition(table="services.enrolments", measure="count_rows"),
        Scope(),
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
    )
    assert figure.value == 2


def test_a_row_without_the_date_is_in_no_period():
    EnrolmentFactory(started_on=None)
    EnrolmentFactory(started_on=date(2026, 2, 1), status=EnrolmentStatus.STARTED)
    assert count(date_column="started_on") == 1


def test_filters_on_a_dimension_and_on_a_list_of_codes():
    training = ServiceFactory(
        type=ServiceType.TRAINING, themes=["mobility", "good_employership"]
    )
    coaching = ServiceFactory(type=ServiceType.COACHING, themes=["healthy_vital_work"])
    EnrolmentFactory(service=training)
    EnrolmentFactory(service=coaching)
    EnrolmentFactory(service=coaching)
    assert count(filters={"service_type": ["training"]}) == 1
    assert count(filters={"service_themes": ["good_employership"]}) == 1
    assert count(filters={"service_themes": ["mobility", "healthy_vital_work"]}) == 3
    assert (
        count(filters={"service_type": ["coaching"], "service_themes": ["mobility"]})
        == 0
    )


def test_the_sum_of_prices_is_in_cents():
    EnrolmentFactory(service=ServiceFactory(price_cents=450_00))
    EnrolmentFactory(service=ServiceFactory(price_cents=1_250_50))
    figure = evaluate(
        definition(table="services.enrolments", measure="sum", column="price_cents"),
        Scope(),
    )
    assert figure.value == 1_700_50
    empty = evaluate(
        definition(table="services.enrolments", measure="sum", column="price_cents"),
        Scope(organisation_ids=frozenset()),
    )
    assert empty.value == 0


def test_the_share_of_a_cohort_that_completed():
    for status in (
        EnrolmentStatus.COMPLETED,
        EnrolmentStatus.COMPLETED,
        EnrolmentStatus.STARTED,
    ):
        EnrolmentFactory(status=status)
    figure = evaluate(
        definition(
            table="services.enrolments",
            measure="share",
            outcome={"status": ["completed"]},
        ),
        Scope(),
    )
    assert (figure.value, figure.cohort, figure.percentage) == (2, 3, 67)


def test_event_reach_adds_named_attendees_and_walk_ins():
    # given: two regional events, one national; attendance marked on registrations
    held = timezone.now() - timedelta(days=3)
    first = EventFactory(
        type=EventType.REGIONAL, starts_at=held, ends_at=held, anonymous_head_count=12
    )
    EventRegistrationFactory(event=first, has_attended=True)
    EventRegistrationFactory(event=first, has_attended=True)
    EventRegistrationFactory(event=first, has_attended=False)
    EventFactory(type=EventType.REGIONAL, anonymous_head_count=5)
    EventFactory(type=EventType.NATIONAL, anonymous_head_count=100)
    regional = {"event_type": ["regional"]}

    def total(**data):
        return evaluate(
            parse_definition(
                {
                    "table": "services.event_reach",
                    "date_column": "held_on",
                    "filters": regional,
                    **data,
                }
            ),
            Scope(),
        ).value

    # then
    assert total(measure="count_rows") == 2
    assert total(measure="sum", column="named_attendees") == 2
    assert total(measure="sum", column="anonymous_head_count") == 17


@pytest.mark.parametrize("participants", [5, 50])
def test_an_indicator_costs_one_query_whatever_the_number_of_participants(
    participants, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    service = ServiceFactory(provider=organisation)
    for _ in range(participants):
        EnrolmentFactory(
            person=PersonFactory(organisation=organisation),
            service=service,
            status=EnrolmentStatus.COMPLETED,
        )
    scope = Scope(organisation_ids=frozenset({organisation.pk}))
    definitions = [
        definition(table="services.enrolments", measure=measure, **extra)
        for measure, extra in (
            ("count_subjects", {}),
            ("count_rows", {}),
            ("sum", {"column": "price_cents"}),
            ("share", {"outcome": {"status": ["completed"]}}),
        )
    ]
    with django_assert_max_num_queries(len(definitions)):
        figures = [evaluate(d, scope) for d in definitions]
    assert [f.value for f in figures] == [
        participants,
        participants,
        participants * 450_00,
        participants,
    ]


DEFINITIONS = [
    {"measure": "count_subjects"},
    {"measure": "count_rows", "date_column": "completed_on"},
    {"measure": "sum", "column": "price_cents"},
    {"measure": "share", "outcome": {"status": ["completed"]}},
    {"measure": "count_subjects", "filters": {"service_target_groups": ["50_plus"]}},
]


@pytest.fixture
def registry():
    """Enrolments of four organisations over two years, some of one human at two
    organisations, at varied prices, statuses and target groups."""
    rng = random.Random(9)
    organisations = OrganisationFactory.create_batch(4)
    services = [
        ServiceFactory(
            price_cents=rng.choice([0, 100_00, 450_00]), target_groups=groups
        )
        for groups in ([], ["50_plus"], ["50_plus", "youth"]) * 2
    ]
    shared = PersonFactory(organisation=organisations[0], bsn_pseudonym=PSEUDONYM)
    persons = [
        shared,
        PersonFactory(organisation=organisations[1], bsn_pseudonym=PSEUDONYM),
    ]
    persons += [
        PersonFactory(organisation=rng.choice(organisations)) for _ in range(12)
    ]
    pairs = [(p, s) for p in persons for s in services]
    for person, service in rng.sample(pairs, 50):
        registered_on = date(2025, 1, 1) + timedelta(days=rng.randrange(730))
        completed = rng.random() < 0.5
        EnrolmentFactory(
            person=person,
            enrolling_organisation=rng.choice([person.organisation, *organisations]),
            service=service,
            registered_on=registered_on,
            status=EnrolmentStatus.COMPLETED if completed else EnrolmentStatus.STARTED,
            completed_on=registered_on + timedelta(days=30) if completed else None,
        )
    return [o.pk for o in organisations]


def test_many_questions_at_once_give_what_each_gives_counted_by_hand(
    registry, django_assert_max_num_queries
):
    # the rows, with their organisation, to count by hand in Python
    table = facts.get_table("services.enrolments")
    rows = list(
        table.scoped(Scope()).values(
            *(c.name for c in table.columns), "enrolling_organisation_id"
        )
    )

    def by_hand(question):
        d, scope = question.definition, question.scope
        counted = [
            r
            for r in rows
            if r[d.date_column] is not None
            and question.start <= r[d.date_column] <= question.end
            and r["enrolling_organisation_id"] in scope.organisation_ids
            and all(
                any(f'"{v}"' in str(r[k]).replace("'", '"') for v in values)
                if k == "service_target_groups"
                else r[k] in values
                for k, values in d.filters.items()
            )
        ]
        subjects = {r["subject"] for r in counted}
        if d.measure is facts.Measure.SHARE:
            met = {r["subject"] for r in counted if r["status"] in d.outcome["status"]}
            return facts.Figure(value=len(met), cohort=len(subjects))
        if d.measure is facts.Measure.COUNT_SUBJECTS:
            return facts.Figure(value=len(subjects))
        if d.measure is facts.Measure.COUNT_ROWS:
            return facts.Figure(value=len(counted))
        return facts.Figure(value=sum(r[d.column] for r in counted))

    # questions: every definition, over overlapping scopes and periods
    rng = random.Random(2026)
    questions = []
    for data in DEFINITIONS:
        for _ in range(6):
            start = date(2025, 1, 1) + timedelta(days=rng.randrange(600))
            questions.append(
                facts.Question(
                    definition(table="services.enrolments", **data),
                    Scope(
                        organisation_ids=frozenset(
                            rng.sample(registry, rng.randint(1, 4))
                        )
                    ),
                    start=start,
                    end=start + timedelta(days=rng.randrange(1, 400)),
                )
            )
    # when: all at once, one query (one table, one region)
    with django_assert_max_num_queries(1):
        figures = facts.evaluate_all(questions)
    # then: each as counted by hand, and as asked alone
    assert figures == [by_hand(q) for q in questions]
    assert any(f.value for f in figures)  # the registry is not empty
    alone = [
        evaluate(q.definition, q.scope, start=q.start, end=q.end)
        for q in questions[::5]
    ]
    assert alone == figures[::5]
