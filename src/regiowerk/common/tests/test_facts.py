"""The facts registry and definitions: checked against the published columns.

A small fake table stands in for the domain apps' tables (which are tested in their own
apps, where their models may be imported); evaluation needs no database here.
"""

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from regiowerk.common import facts
from regiowerk.common.facts import (
    Column,
    ColumnKind,
    Definition,
    FactTable,
    Figure,
    Measure,
    parse_definition,
)


def _no_rows() -> None:
    raise AssertionError("parsing a definition must not query")


TABLE = FactTable(
    name="test.visits",
    title="visits",
    description="a fake table",
    columns=(
        Column(facts.SUBJECT, ColumnKind.SUBJECT, "person"),
        Column("kind", ColumnKind.DIMENSION, "kind", ("talk", "walk")),
        Column("is_first", ColumnKind.DIMENSION, "first", (True, False)),
        Column("visited_on", ColumnKind.DATE, "visited on"),
        Column("cost_cents", ColumnKind.AMOUNT, "cost"),
    ),
    query=_no_rows,  # type: ignore[arg-type]
    organisation="organisation",
)

NO_SUBJECT = FactTable(
    name="test.rooms",
    title="rooms",
    description="a table without a subject",
    columns=(Column("opened_on", ColumnKind.DATE, "opened on"),),
    query=_no_rows,  # type: ignore[arg-type]
    organisation="organisation",
)


@pytest.fixture(autouse=True)
def fake_tables(monkeypatch):
    monkeypatch.setitem(facts._registry, TABLE.name, TABLE)
    monkeypatch.setitem(facts._registry, NO_SUBJECT.name, NO_SUBJECT)


def messages(data) -> dict[str, list[str]]:
    with translation.override("nl"):
        with pytest.raises(ValidationError) as caught:
            parse_definition(data)
        return caught.value.message_dict


def test_the_domain_apps_register_their_fact_tables():
    names = {t.name for t in facts.registered()}
    assert {
        "services.enrolments",
        "services.event_reach",
        "people.participants",
        "people.status_observations",
        "employers.vacancies",
    } <= names


def test_a_valid_definition_parses_and_round_trips_through_json():
    data = {
        "table": "test.visits",
        "measure": "share",
        "date_column": "visited_on",
        "filters": {"kind": ["talk"]},
        "outcome": {"is_first": [True]},
    }
    definition = parse_definition(data)
    assert definition == Definition(
        table="test.visits",
        measure=Measure.SHARE,
        date_column="visited_on",
        filters={"kind": ("talk",)},
        outcome={"is_first": (True,)},
    )
    assert parse_definition(definition.to_json()) == definition


def test_an_unknown_table_is_refused_in_dutch_naming_the_choices():
    errors = messages({"table": "test.nothing", "measure": "count_rows"})
    assert list(errors) == ["table"]
    assert "Onbekende feitentabel test.nothing" in errors["table"][0]
    assert "test.visits" in errors["table"][0]


def test_each_wrong_field_is_named_with_its_own_error():
    errors = messages(
        {
            "table": "test.visits",
            "measure": "average",
            "date_column": "left_on",
            "filters": {"colour": ["red"], "kind": ["run"], "is_first": [1]},
        }
    )
    assert set(errors) == {"measure", "date_column", "filters"}
    assert "Onbekende meting average" in errors["measure"][0]
    assert "geen datumkolom left_on" in errors["date_column"][0]
    assert "visited_on" in errors["date_column"][0]
    assert "geen dimensie colour" in errors["filters"][0]
    assert "Onbekende waarde voor kind: run" in errors["filters"][1]
    # 1 is not True: a boolean dimension takes true or false only
    assert "Onbekende waarde voor is_first: 1" in errors["filters"][2]


def test_a_sum_needs_an_amount_column_and_only_a_sum_names_one():
    errors = messages(
        {"table": "test.visits", "measure": "sum", "date_column": "visited_on"}
    )
    assert "geen bedrag- of aantalkolom" in errors["column"][0]
    assert "cost_cents" in errors["column"][0]
    errors = messages(
        {
            "table": "test.visits",
            "measure": "count_rows",
            "date_column": "visited_on",
            "column": "cost_cents",
        }
    )
    assert errors["column"] == ["Alleen een som noemt een kolom."]


def test_a_share_needs_an_outcome_and_only_a_share_has_one():
    base = {"table": "test.visits", "date_column": "visited_on"}
    assert "outcome" in messages({**base, "measure": "share"})
    errors = messages({**base, "measure": "count_rows", "outcome": {"kind": ["walk"]}})
    assert errors["outcome"] == ["Alleen een aandeel heeft een uitkomst."]


def test_a_table_without_subject_cannot_count_persons():
    errors = messages(
        {"table": "test.rooms", "measure": "count_subjects", "date_column": "opened_on"}
    )
    assert "heeft geen subjectkolom" in errors["measure"][0]


def test_filters_must_be_lists_of_values():
    errors = messages(
        {
            "table": "test.visits",
            "measure": "count_rows",
            "date_column": "visited_on",
            "filters": {"kind": "talk"},
        }
    )
    assert "kind heeft een lijst" in errors["filters"][0]
    assert "filters" in messages(
        {
            "table": "test.visits",
            "measure": "count_rows",
            "date_column": "visited_on",
            "filters": ["kind"],
        }
    )


def test_a_table_publishes_one_subject_column_at_most():
    with pytest.raises(ValueError, match="subject"):
        FactTable(
            name="test.bad",
            title="bad",
            description="",
            columns=(Column("who", ColumnKind.SUBJECT, "who"),),
            query=_no_rows,  # type: ignore[arg-type]
            organisation="organisation",
        )


def test_a_share_is_rounded_half_up_to_whole_percent():
    assert Figure(value=1, cohort=8).percentage == 13  # 12.5
    assert Figure(value=2, cohort=3).percentage == 67
    assert Figure(value=0, cohort=0).percentage is None
    assert Figure(value=4).percentage is None
