"""Fact tables: the read-only seam through which analytics apps count the registry.

An analytics app (``monitoring``, later ``labourmarket``) must not import another app's
models or queries. Instead every domain app publishes, in ``<app>/facts.py``, a few
named **fact tables**: documented columns and a function that returns, for a
:class:`Scope` (a region, optionally narrowed to organisations), an annotated queryset.
The app registers them in its ``AppConfig.ready()``::

    class ServicesConfig(AppConfig):
        def ready(self) -> None:
            from regiowerk.services import facts

            facts.register_tables()

A table's query returns every row, annotated with its columns; the table names the
lookup path of the registering organisation (``organisation``), on which a scope
narrows it. :func:`rows` returns the scoped ``values(*columns)``, so a table always
yields exactly its published columns. Column kinds:

- ``subject``: counts a human once in the region — the BSN pseudonym where there is one,
  else the person id (:func:`subject_key`); for a table about employers, the employer.
- ``dimension``: a code from a published choice list (filters are checked against it);
  ``is_multi`` when a row holds a list of codes (a service's themes).
- ``date``: places a row in a period.
- ``amount``: money in integer cents; ``number``: any other integer (head counts).

Indicator definitions (:class:`Definition`) name a table, a measure, a date column and
filters. :func:`parse_definition` validates one against the published columns and
choices, so a stored definition cannot refer to something that does not exist, and
:func:`evaluate` computes it in one aggregate query, never by looping over rows;
:func:`evaluate_all` computes many (every indicator of every project of a programme)
in one aggregate query per fact table.

A **follow-up** (``measure: follow_up``) is the outcome of a cohort: of the subjects
with a row in the period (e.g. a completed enrolment), the share whose status in a
second table (e.g. labour-status observations, from one source) met the outcome ``N``
months after their last such row in the period. It states its method: which rows start
the clock, how many months, which source, and how many subjects had no observation.

Fact rows carry pseudonymous keys, not names: they are for counting. A list of the
persons behind a figure is read through ``people.access``, never from here.
"""

import enum
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

SUBJECT = "subject"  # the name of the subject column in every table that has one


class ColumnKind(enum.StrEnum):
    SUBJECT = "subject"
    DIMENSION = "dimension"
    DATE = "date"
    AMOUNT = "amount"  # integer cents
    NUMBER = "number"  # any other integer


@dataclass(frozen=True)
class Column:
    """One published column of a fact table."""

    name: str
    kind: ColumnKind
    label: str | Promise
    choices: tuple[str | bool, ...] = ()  # for dimensions: every value a row may hold
    is_multi: bool = False  # a dimension whose value is a list of codes
    labels: tuple[tuple[str | bool, str | Promise], ...] = ()  # (value, label) in words

    def label_of(self, value: str | bool) -> str:
        """A value of this dimension in words (the code itself when it has no label)."""
        return str(dict(self.labels).get(value, value))


def dimension(
    name: str,
    label: str | Promise,
    choices: type[models.Choices] | tuple[str | bool, ...],
    *,
    is_multi: bool = False,
) -> Column:
    """A dimension column whose rows hold one of ``choices`` (a choices class, or the
    values themselves), or a list of them when ``is_multi``."""
    if isinstance(choices, type):
        labels = tuple(choices.choices)
        values = tuple(value for value, _label in labels)
    else:
        labels, values = (), tuple(choices)
    return Column(
        name, ColumnKind.DIMENSION, label, values, is_multi=is_multi, labels=labels
    )


@dataclass(frozen=True)
class Scope:
    """Whose registrations a fact table yields: a region, optionally narrowed to some
    of its organisations (a project's executor and partners)."""

    region_id: int | None = None
    organisation_ids: frozenset[int] | None = None

    def apply(self, queryset: QuerySet, *, organisation: str) -> QuerySet:
        """Narrow ``queryset`` to the scope, ``organisation`` being the lookup path of
        the registering organisation (e.g. ``"enrolling_organisation"``)."""
        if self.region_id is not None:
            queryset = queryset.filter(**{f"{organisation}__region_id": self.region_id})
        if self.organisation_ids is not None:
            queryset = queryset.filter(
                **{f"{organisation}_id__in": sorted(self.organisation_ids)}
            )
        return queryset


Query = Callable[[], QuerySet]


@dataclass(frozen=True)
class FactTable:
    """A named, documented, read-only table published by a domain app."""

    name: str  # "<app_label>.<table>", e.g. "services.enrolments"
    title: str | Promise
    description: str
    columns: tuple[Column, ...]
    query: Query  # returns every row, annotated with every column
    # the lookup path of the registering organisation, on which a scope narrows the
    # rows (e.g. "enrolling_organisation")
    organisation: str
    # what the subject column counts: "person" (a human, found again through
    # ``people.access``) or another kind (an employer), whose rows name no person
    subject_kind: str = "person"

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: a column is published twice")
        subjects = [c.name for c in self.columns if c.kind is ColumnKind.SUBJECT]
        if subjects not in ([], [SUBJECT]):
            raise ValueError(
                f"{self.name}: at most one subject column, named {SUBJECT}"
            )

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def has_subject(self) -> bool:
        return self.column(SUBJECT) is not None

    def columns_of(self, *kinds: ColumnKind) -> list[Column]:
        return [c for c in self.columns if c.kind in kinds]

    def scoped(self, scope: Scope) -> QuerySet:
        """The table's annotated rows registered within ``scope``."""
        return scope.apply(self.query(), organisation=self.organisation)

    def rows(self, scope: Scope) -> QuerySet:
        """The table's rows for ``scope``: a ``values()`` queryset of its columns."""
        return self.scoped(scope).values(*(c.name for c in self.columns))


class UnknownFactTableError(LookupError):
    """No app registered a fact table of that name."""


_registry: dict[str, FactTable] = {}


def register(*tables: FactTable) -> None:
    """Record ``tables`` (from an ``AppConfig.ready()``). Registering a name again
    replaces it (``ready()`` may run more than once in tests)."""
    for table in tables:
        _registry[table.name] = table


def registered() -> list[FactTable]:
    """Every registered table, by name."""
    return [_registry[name] for name in sorted(_registry)]


def get_table(name: str) -> FactTable:
    try:
        return _registry[name]
    except KeyError:
        raise UnknownFactTableError(name) from None


def rows(name: str, scope: Scope) -> QuerySet:
    """The rows of the table called ``name`` for ``scope``."""
    return get_table(name).rows(scope)


def subject_key(person: str) -> Coalesce:
    """The expression that counts a human once in the region: the BSN pseudonym of the
    person at lookup path ``person`` ("" for the person itself) where there is one,
    else the person's id."""
    prefix = f"{person}__" if person else ""
    return Coalesce(
        NullIf(f"{prefix}bsn_pseudonym", Value("")),
        Cast(f"{prefix}id", output_field=CharField()),
        output_field=CharField(),
    )


# --- Definitions and their evaluation -----------------------------------------------------
class Measure(enum.StrEnum):
    COUNT_SUBJECTS = "count_subjects"  # distinct humans (or employers)
    COUNT_ROWS = "count_rows"
    SUM = "sum"  # of an amount (cents) or number column
    SHARE = "share"  # of the cohort's subjects, those with the outcome
    FOLLOW_UP = "follow_up"  # of the cohort, those with the outcome N months after


SHARE_MEASURES = frozenset({Measure.SHARE, Measure.FOLLOW_UP})
SUBJECT_MEASURES = frozenset({Measure.COUNT_SUBJECTS, *SHARE_MEASURES})
MAX_FOLLOW_UP_MONTHS = 60

Filters = Mapping[str, tuple[str | bool, ...]]


@dataclass(frozen=True)
class FollowUp:
    """Where a follow-up looks: ``table``'s rows of the same subject dated by
    ``date_column`` after the cohort row and at most ``months`` later, narrowed by
    ``filters`` (e.g. one source); the latest of them must meet ``outcome``."""

    table: str
    date_column: str
    months: int
    outcome: Filters
    filters: Filters = field(default_factory=dict)

    @property
    def days(self) -> int:
        """The window in days: a month is a twelfth of 365 days (3 months: 91 days)."""
        return round(self.months * 365 / 12)

    def to_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "date_column": self.date_column,
            "months": self.months,
            "filters": {k: list(v) for k, v in self.filters.items()},
            "outcome": {k: list(v) for k, v in self.outcome.items()},
        }


@dataclass(frozen=True)
class Definition:
    """What an indicator counts: validated by :func:`parse_definition`."""

    table: str
    measure: Measure
    date_column: str
    filters: Filters = field(default_factory=dict)
    column: str = ""  # the summed column (sum only)
    outcome: Filters = field(default_factory=dict)  # share only
    follow_up: FollowUp | None = None  # follow-up only

    @property
    def is_share(self) -> bool:
        """Whether the figure is a share of a cohort (reported as a percentage)."""
        return self.measure in SHARE_MEASURES

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "table": self.table,
            "measure": str(self.measure),
            "date_column": self.date_column,
            "filters": {k: list(v) for k, v in self.filters.items()},
        }
        if self.column:
            data["column"] = self.column
        if self.outcome:
            data["outcome"] = {k: list(v) for k, v in self.outcome.items()}
        if self.follow_up:
            data["follow_up"] = self.follow_up.to_json()
        return data


def _options(values: Iterable[Any]) -> str:
    return ", ".join(_json_text(v) for v in values)


def _json_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _parse_filters(
    table: FactTable, value: Any, errors: dict[str, list[ValidationError]], key: str
) -> Filters:
    if value in (None, {}):
        return {}
    if not isinstance(value, Mapping):
        errors[key] = [
            ValidationError(
                _("Enter the filters as an object of column: list of values."),
                code="invalid",
            )
        ]
        return {}
    dimensions = table.columns_of(ColumnKind.DIMENSION)
    parsed: dict[str, tuple[str | bool, ...]] = {}
    problems: list[ValidationError] = []
    for name, values in value.items():
        column = table.column(name)
        if column is None or column.kind is not ColumnKind.DIMENSION:
            problems.append(
                ValidationError(
                    _(
                        "%(table)s has no dimension %(column)s. Choose from: %(options)s."
                    ),
                    code="unknown_column",
                    params={
                        "table": table.name,
                        "column": name,
                        "options": _options(c.name for c in dimensions),
                    },
                )
            )
            continue
        if not isinstance(values, list | tuple) or not values:
            problems.append(
                ValidationError(
                    _("Filter %(column)s needs a list of one or more values."),
                    code="invalid",
                    params={"column": name},
                )
            )
            continue
        unknown = [v for v in values if not _is_choice(v, column.choices)]
        if unknown:
            problems.append(
                ValidationError(
                    ngettext(
                        "Unknown value for %(column)s: %(values)s. "
                        "Choose from: %(options)s.",
                        "Unknown values for %(column)s: %(values)s. "
                        "Choose from: %(options)s.",
                        len(unknown),
                    ),
                    code="invalid_choice",
                    params={
                        "column": name,
                        "values": _options(unknown),
                        "options": _options(column.choices),
                    },
                )
            )
            continue
        parsed[name] = tuple(dict.fromkeys(values))
    if problems:
        errors[key] = problems
    return parsed


def _is_choice(value: Any, choices: tuple[str | bool, ...]) -> bool:
    # True == 1 in Python: compare types too, so 1 is not accepted for a boolean.
    return any(type(value) is type(c) and value == c for c in choices)


def parse_definition(data: Any) -> Definition:
    """Check ``data`` (JSON: table, measure, date_column, filters, column, outcome)
    against the registered tables; raise a ValidationError keyed by field."""
    if not isinstance(data, Mapping):
        raise ValidationError(_("Enter the definition as an object."), code="invalid")
    errors: dict[str, list[ValidationError]] = {}

    def fail(key: str, message: Any, code: str, **params: Any) -> None:
        errors.setdefault(key, []).append(
            ValidationError(message, code=code, params=params)
        )

    name = data.get("table")
    try:
        table = get_table(str(name))
    except UnknownFactTableError:
        fail(
            "table",
            _("Unknown fact table %(name)s. Choose from: %(options)s."),
            "unknown_table",
            name=name,
            options=_options(t.name for t in registered()),
        )
        raise ValidationError(errors) from None

    try:
        measure = Measure(str(data.get("measure")))
    except ValueError:
        fail(
            "measure",
            _("Unknown measure %(measure)s. Choose from: %(options)s."),
            "unknown_measure",
            measure=data.get("measure"),
            options=_options(Measure),
        )
        measure = None
    if measure in SUBJECT_MEASURES and not table.has_subject:
        fail(
            "measure",
            _("%(table)s has no subject column, so it cannot count persons."),
            "no_subject",
            table=table.name,
        )

    date_column = data.get("date_column") or ""
    dates = table.columns_of(ColumnKind.DATE)
    if date_column not in {c.name for c in dates}:
        fail(
            "date_column",
            _("%(table)s has no date column %(column)s. Choose from: %(options)s."),
            "unknown_column",
            table=table.name,
            column=date_column,
            options=_options(c.name for c in dates),
        )

    column = data.get("column") or ""
    summable = table.columns_of(ColumnKind.AMOUNT, ColumnKind.NUMBER)
    if measure is Measure.SUM and column not in {c.name for c in summable}:
        fail(
            "column",
            _(
                "%(table)s has no amount or number column %(column)s. "
                "Choose from: %(options)s."
            ),
            "unknown_column",
            table=table.name,
            column=column,
            options=_options(c.name for c in summable),
        )
    elif measure is not Measure.SUM and column:
        fail("column", _("Only a sum names a column."), "not_allowed")

    filters = _parse_filters(table, data.get("filters"), errors, "filters")
    outcome = _parse_filters(table, data.get("outcome"), errors, "outcome")
    if measure is Measure.SHARE and not outcome and "outcome" not in errors:
        fail(
            "outcome",
            _("A share needs an outcome: the filters a subject must meet to count."),
            "required",
        )
    elif measure is not Measure.SHARE and outcome:
        fail("outcome", _("Only a share has an outcome."), "not_allowed")

    follow_up = None
    if measure is Measure.FOLLOW_UP:
        follow_up = _parse_follow_up(data.get("follow_up"), errors)
    elif data.get("follow_up") is not None:
        fail("follow_up", _("Only a follow-up has a follow_up."), "not_allowed")

    if errors or measure is None:
        raise ValidationError(errors)
    return Definition(
        table=table.name,
        measure=measure,
        date_column=date_column,
        filters=filters,
        column=column,
        outcome=outcome,
        follow_up=follow_up,
    )


def _parse_follow_up(
    data: Any, errors: dict[str, list[ValidationError]]
) -> FollowUp | None:
    """The ``follow_up`` part of a follow-up definition; problems go to ``errors``
    under ``follow_up``."""
    problems: list[ValidationError] = []
    if not isinstance(data, Mapping):
        errors["follow_up"] = [
            ValidationError(
                _(
                    "A follow-up needs follow_up: the table, date column, months and "
                    "outcome to look for after each cohort row."
                ),
                code="required",
            )
        ]
        return None
    name = data.get("table")
    try:
        table = get_table(str(name))
    except UnknownFactTableError:
        errors["follow_up"] = [
            ValidationError(
                _("Unknown fact table %(name)s. Choose from: %(options)s."),
                code="unknown_table",
                params={
                    "name": name,
                    "options": _options(t.name for t in registered()),
                },
            )
        ]
        return None
    if not table.has_subject:
        problems.append(
            ValidationError(
                _("%(table)s has no subject column, so it cannot count persons."),
                code="no_subject",
                params={"table": table.name},
            )
        )
    date_column = data.get("date_column") or ""
    dates = table.columns_of(ColumnKind.DATE)
    if date_column not in {c.name for c in dates}:
        problems.append(
            ValidationError(
                _("%(table)s has no date column %(column)s. Choose from: %(options)s."),
                code="unknown_column",
                params={
                    "table": table.name,
                    "column": date_column,
                    "options": _options(c.name for c in dates),
                },
            )
        )
    months = data.get("months")
    if (
        isinstance(months, bool)
        or not isinstance(months, int)
        or not 1 <= months <= MAX_FOLLOW_UP_MONTHS
    ):
        problems.append(
            ValidationError(
                _("months must be a whole number from 1 to %(max)s."),
                code="invalid",
                params={"max": MAX_FOLLOW_UP_MONTHS},
            )
        )
    nested: dict[str, list[ValidationError]] = {}
    filters = _parse_filters(table, data.get("filters"), nested, "follow_up")
    outcome = _parse_filters(table, data.get("outcome"), nested, "follow_up")
    problems += nested.get("follow_up", [])
    if not outcome and not nested:
        problems.append(
            ValidationError(
                _("A follow-up needs an outcome: the filters a subject must meet."),
                code="required",
            )
        )
    if problems:
        errors["follow_up"] = problems
        return None
    return FollowUp(
        table=table.name,
        date_column=date_column,
        months=cast(int, months),  # checked above
        outcome=outcome,
        filters=filters,
    )


@dataclass(frozen=True)
class Figure:
    """An evaluated definition: ``value``, and for a share the ``cohort`` it is of."""

    value: int
    cohort: int | None = None
    # a follow-up: the cohort's subjects with no observation in the window (they are
    # not in ``cohort``, which holds those whose outcome is known)
    unknown: int | None = None

    @property
    def percentage(self) -> Decimal | None:
        """The share in whole percent (half up), or None without a cohort."""
        if not self.cohort:
            return None
        return (Decimal(100 * self.value) / self.cohort).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )


def reported(definition: Definition, figure: Figure) -> Decimal | None:
    """The figure as a report states it: a share in whole percent, else the number."""
    if definition.is_share:
        return figure.percentage
    return Decimal(figure.value)


def _match(table: FactTable, filters: Filters) -> Q:
    condition = Q()
    for name, values in filters.items():
        column = table.column(name)
        if column is not None and column.is_multi:
            # Lists of codes are JSON; matching the quoted code in the JSON text is
            # portable (SQLite has no JSON "contains"), and codes hold no quotes.
            any_of = Q()
            for value in values:
                any_of |= Q(**{f"{name}__icontains": f'"{value}"'})
            condition &= any_of
        else:
            condition &= Q(**{f"{name}__in": list(values)})
    return condition


def _counted_rows(
    definition: Definition, scope: Scope, start: date | None, end: date | None
) -> QuerySet:
    """The rows ``definition`` counts over ``scope``, dated ``start``..``end``."""
    table = get_table(definition.table)
    when = definition.date_column
    queryset = table.rows(scope).filter(
        _match(table, definition.filters), **{f"{when}__isnull": False}
    )
    if start is not None:
        queryset = queryset.filter(**{f"{when}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{when}__lte": end})
    return queryset


@dataclass(frozen=True)
class Question:
    """One figure to compute: ``definition`` over ``scope`` for rows dated
    ``start``..``end`` (inclusive; open when None)."""

    definition: Definition
    scope: Scope
    start: date | None = None
    end: date | None = None


# the figures one aggregate query computes at most (two aggregates for a share);
# PostgreSQL returns at most 1,664 columns
QUESTIONS_PER_QUERY = 250


def evaluate(
    definition: Definition,
    scope: Scope,
    *,
    start: date | None = None,
    end: date | None = None,
) -> Figure:
    """Compute ``definition`` over ``scope`` for rows dated ``start``..``end``
    (inclusive; open when None): one aggregate query, whatever the number of rows."""
    return evaluate_all([Question(definition, scope, start, end)])[0]


def evaluate_periods(
    definition: Definition, scope: Scope, periods: Sequence[tuple[date, date]]
) -> list[Figure]:
    """Compute ``definition`` over ``scope`` for each of ``periods`` (inclusive
    ``(start, end)`` pairs, which may overlap: quarters and the running total) in one
    aggregate query."""
    return evaluate_all([Question(definition, scope, s, e) for s, e in periods])


def evaluate_all(questions: Sequence[Question]) -> list[Figure]:
    """Compute every question, in order: a follow-up in one query each, the others in
    one aggregate query per fact table and region (a filtered count or sum per
    question), whatever the number of rows, periods, scopes or definitions."""
    figures: dict[int, Figure] = {}
    groups: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    for index, question in enumerate(questions):
        definition, scope = question.definition, question.scope
        if definition.measure is Measure.FOLLOW_UP:
            rows = _counted_rows(definition, scope, question.start, question.end)
            figures[index] = _follow_up(definition, rows, scope)
        elif scope.organisation_ids is not None and not scope.organisation_ids:
            # no organisation in the scope: nothing registered, nothing to ask
            figures[index] = Figure(value=0, cohort=0 if definition.is_share else None)
        else:
            groups[(definition.table, scope.region_id)].append(index)
    for (name, _region), indexes in groups.items():
        for offset in range(0, len(indexes), QUESTIONS_PER_QUERY):
            chunk = indexes[offset : offset + QUESTIONS_PER_QUERY]
            asked = {index: questions[index] for index in chunk}
            figures.update(_aggregate(get_table(name), asked))
    return [figures[index] for index in range(len(questions))]


def _dated(when: str, start: date | None, end: date | None) -> Q:
    condition = Q(**{f"{when}__isnull": False})
    if start is not None:
        condition &= Q(**{f"{when}__gte": start})
    if end is not None:
        condition &= Q(**{f"{when}__lte": end})
    return condition


def _aggregate(table: FactTable, questions: dict[int, Question]) -> dict[int, Figure]:
    """Questions on one table in one region, in one query over the rows of all their
    scopes: per question an aggregate filtered to its scope, filters and period."""
    scopes = [question.scope for question in questions.values()]
    organisations = (
        None
        if any(scope.organisation_ids is None for scope in scopes)
        else frozenset().union(*(scope.organisation_ids or () for scope in scopes))
    )
    shared = Scope(region_id=scopes[0].region_id, organisation_ids=organisations)
    queryset = table.rows(shared)
    # one date column for all (a definition's periods): only rows of some period
    dates = {(q.definition.date_column, q.start, q.end) for q in questions.values()}
    if len({when for when, _start, _end in dates}) == 1:
        starts = {start for _when, start, _end in dates}
        ends = {end for _when, _start, end in dates}
        queryset = queryset.filter(
            _dated(
                next(iter(dates))[0],
                None if None in starts else min(cast(set[date], starts)),
                None if None in ends else max(cast(set[date], ends)),
            )
        )
    # per figure what it adds up: a subject met (1/0), a row (1/0) or a column
    tallies: dict[str, tuple[str, Q, str]] = {}
    for index, question in questions.items():
        definition = question.definition
        within = _match(table, definition.filters) & _dated(
            definition.date_column, question.start, question.end
        )
        if question.scope.organisation_ids != organisations:
            ids = sorted(question.scope.organisation_ids or ())
            within &= Q(**{f"{table.organisation}_id__in": ids})
        measure = definition.measure
        if measure is Measure.SHARE:
            tallies[f"c{index}"] = ("subject", within, "")
            outcome = within & _match(table, definition.outcome)
            tallies[f"v{index}"] = ("subject", outcome, "")
        elif measure is Measure.COUNT_SUBJECTS:
            tallies[f"v{index}"] = ("subject", within, "")
        elif measure is Measure.COUNT_ROWS:
            tallies[f"v{index}"] = ("row", within, "")
        else:
            tallies[f"v{index}"] = ("column", within, definition.column)
    result = _tally(table, queryset, tallies)
    return {
        index: Figure(
            value=int(result[f"v{index}"]),
            cohort=int(result[f"c{index}"]) if f"c{index}" in result else None,
        )
        for index in questions
    }


def _tally(
    table: FactTable, queryset: QuerySet, tallies: dict[str, tuple[str, Q, str]]
) -> dict[str, int]:
    """Add up ``tallies`` over ``queryset`` in one query. On a table with a subject,
    per subject first (one grouping, whether it met each condition, its rows and
    amounts), then over the subjects: a distinct count per figure would sort its rows
    apart, and a programme asks hundreds."""

    def rows_or_amounts(condition: Q, column: str) -> Any:
        if column:
            return Sum(column, filter=condition)
        return Sum(Case(When(condition, then=Value(1)), default=Value(0)))

    if not table.has_subject:  # parse_definition counts subjects only where they are
        return queryset.aggregate(
            **{
                name: Coalesce(rows_or_amounts(condition, column), 0)
                for name, (_kind, condition, column) in tallies.items()
            }
        )
    per_subject: dict[str, Any] = {}
    for name, (kind, condition, column) in tallies.items():
        per_subject[f"{name}_"] = (
            Max(Case(When(condition, then=Value(1)), default=Value(0)))
            if kind == "subject"
            else rows_or_amounts(condition, column)
        )
    totals: dict[str, int] = (
        queryset.order_by()
        .values(SUBJECT)
        .annotate(**per_subject)
        .aggregate(**{name: Coalesce(Sum(f"{name}_"), 0) for name in tallies})
    )
    return totals


@dataclass(frozen=True)
class Counted:
    """One subject behind a figure (its pseudonymous key, never a name), and for a
    share whether it met the outcome (None: a follow-up found no observation)."""

    subject: str
    outcome: bool | None = None


def counted_subjects(
    definition: Definition,
    scope: Scope,
    *,
    start: date | None = None,
    end: date | None = None,
) -> list[Counted]:
    """The distinct subjects ``evaluate`` counts for the same arguments (for a share:
    its cohort, each with its outcome), by key, in one query. The keys are for finding
    the persons again through ``people.access``, which decides who may see them."""
    table = get_table(definition.table)
    if not table.has_subject:
        return []
    rows = _counted_rows(definition, scope, start, end)
    if definition.measure is Measure.FOLLOW_UP:
        # a subject with two last rows on one day: met if either met (as evaluate)
        hits: dict[str, int | None] = {}
        last_rows = _follow_up_rows(definition, rows, scope)
        for subject, hit in last_rows.values_list(SUBJECT, "hit"):
            known = [h for h in (hits.get(subject), hit) if h is not None]
            hits[subject] = max(known) if known else None
        return [
            Counted(subject, None if hit is None else bool(hit))
            for subject, hit in sorted(hits.items())
        ]
    if definition.measure is Measure.SHARE:
        met = Count("pk", filter=_match(table, definition.outcome))
        found = (
            rows.order_by(SUBJECT)
            .values(SUBJECT)
            .annotate(met=met)
            .values_list(SUBJECT, "met")
        )
        return [Counted(subject, bool(n)) for subject, n in found]
    found = rows.order_by(SUBJECT).values_list(SUBJECT, flat=True).distinct()
    return [Counted(subject) for subject in found]


def _follow_up_rows(definition: Definition, cohort: QuerySet, scope: Scope) -> QuerySet:
    """Per subject of ``cohort`` its last row, annotated ``hit``: 1 when the latest
    row of the follow-up table after that row's date (within the window) meets the
    outcome, 0 when it does not, None when there is none."""
    follow = definition.follow_up
    assert follow is not None  # noqa: S101 - parse_definition guarantees it
    start = definition.date_column
    later = get_table(follow.table)
    when = follow.date_column
    latest = (
        later.rows(scope)
        .filter(
            _match(later, follow.filters),
            **{
                SUBJECT: OuterRef(SUBJECT),
                f"{when}__gt": OuterRef(start),
                f"{when}__lte": OuterRef("window_end"),
            },
        )
        .annotate(
            hit=Case(
                When(_match(later, follow.outcome), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        # the latest observation; on one day, the one without the outcome (cautious)
        .order_by(f"-{when}", "hit")
        .values("hit")[:1]
    )
    # each subject's last cohort row: no later row of the same subject in the cohort
    last_rows: QuerySet = (
        cohort.order_by()
        .filter(
            ~Exists(
                cohort.filter(
                    **{SUBJECT: OuterRef(SUBJECT), f"{start}__gt": OuterRef(start)}
                )
            )
        )
        .annotate(
            window_end=ExpressionWrapper(
                F(start) + timedelta(days=follow.days), output_field=DateField()
            )
        )
        .annotate(hit=Subquery(latest, output_field=IntegerField()))
    )
    return last_rows


def _follow_up(definition: Definition, cohort: QuerySet, scope: Scope) -> Figure:
    """A follow-up over ``cohort`` (the definition's rows in the period): per subject
    its last row, then the latest row of the follow-up table after that row's date and
    at most the window later; the share of those whose latest row meets the outcome.
    One query: the database does it per subject, never Python."""
    last_rows = _follow_up_rows(definition, cohort, scope)
    result = last_rows.aggregate(
        subjects=Count(SUBJECT, distinct=True),
        known=Count(SUBJECT, distinct=True, filter=Q(hit__isnull=False)),
        value=Count(SUBJECT, distinct=True, filter=Q(hit=1)),
    )
    return Figure(
        value=result["value"],
        cohort=result["known"],
        unknown=result["subjects"] - result["known"],
    )
