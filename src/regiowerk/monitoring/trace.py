"""How one computed figure of the monitor was counted: the definition in words, whose
registrations (the project's organisations), which period, how many persons, for an
outcome its method and source, and — for the roles that read person records — which
persons, found again through the gate (``people.access``, which logs each of them).

A fixed number of queries: the figure (one aggregate), its subjects (one query), and
for a reader of persons the gate's read and its log.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regiowerk.common import facts
from regiowerk.monitoring import reports
from regiowerk.monitoring.constants import IndicatorKind
from regiowerk.monitoring.models import Indicator, Project
from regiowerk.organisations.queries import Actor
from regiowerk.people import access
from regiowerk.people.constants import AccessPurpose

CUMULATIVE = "cumulatief"  # from the project's start to the end of the period
IN_PERIOD = "periode"  # within the period only
SPANS = (CUMULATIVE, IN_PERIOD)


@dataclass(frozen=True)
class Trace:
    """One computed figure and how it came about."""

    indicator_id: int
    indicator: str
    activity: str
    unit: str
    definition: tuple[str, ...]  # the definition in words, one part per line
    table: str  # the fact table's name, for the technically minded
    organisations: tuple[str, ...]  # whose registrations count
    period: reports.ReportPeriod
    span: str  # CUMULATIVE or IN_PERIOD
    start: date
    end: date
    value: Decimal | str | None  # as the monitor reports it ("x": suppressed)
    is_share: bool
    counts_persons: bool  # the subjects are persons (not employers)
    # distinct persons (employers) counted; a share: its cohort, for a follow-up
    # including those without an observation
    subjects: int | str | None
    with_outcome: int | str | None  # a share: how many met the outcome
    without_observation: int | str | None  # a follow-up: cohort without observation
    method: tuple[str, ...]  # an outcome: how and from which source it was measured
    may_list: bool  # the reader reads person records
    persons: tuple[access.CountedPerson, ...]
    outcomes: dict[str, bool | None]  # per subject key of a listed person
    counted_on: date | None = None  # an analyst: the day the figures were published

    @property
    def person_rows(self) -> list[tuple[access.CountedPerson, bool | None]]:
        """Each listed person with their outcome (a share; else None)."""
        return [(p, self.outcomes.get(p.subject)) for p in self.persons]

    @property
    def not_listed(self) -> int:
        """Counted persons whose records the reader may not read (held by a partner
        without the person's sharing consent)."""
        if not isinstance(self.subjects, int):
            return 0
        return max(self.subjects - len(self.persons), 0)


def _conditions(table: facts.FactTable, filters: facts.Filters) -> list[str]:
    """Filters in words: "type: Workshop, Training"."""
    words = []
    for name, values in filters.items():
        column = table.column(name)
        label = str(column.label) if column else name
        shown = [column.label_of(v) if column else str(v) for v in values]
        words.append(f"{label}: {', '.join(shown)}")
    return words


def definition_in_words(definition: facts.Definition) -> list[str]:
    """What a computed indicator counts, in the reader's words, one part per line."""
    table = facts.get_table(definition.table)
    date_column = table.column(definition.date_column)
    subject = table.column(facts.SUBJECT)
    what = {
        facts.Measure.COUNT_SUBJECTS: _("Counts each %(subjects)s once")
        % {"subjects": subject.label if subject else ""},
        facts.Measure.COUNT_ROWS: _("Counts the rows"),
        facts.Measure.SUM: _("Adds up %(column)s")
        % {"column": (c.label if (c := table.column(definition.column)) else "")},
        facts.Measure.SHARE: _("The share with the outcome, counted per %(subjects)s")
        % {"subjects": subject.label if subject else ""},
        facts.Measure.FOLLOW_UP: _(
            "The share with the outcome at a follow-up, counted per %(subjects)s"
        )
        % {"subjects": subject.label if subject else ""},
    }[definition.measure]
    parts = [
        f"{what} · {table.title}",
        _("In the period by: %(column)s")
        % {"column": date_column.label if date_column else definition.date_column},
    ]
    parts += [
        _("Only: %(condition)s") % {"condition": c}
        for c in _conditions(table, definition.filters)
    ]
    return [str(part) for part in parts]


def outcome_method(definition: facts.Definition) -> list[str]:
    """How an outcome was measured: its condition, and for a follow-up the window,
    the table and the source it reads."""
    table = facts.get_table(definition.table)
    if definition.measure is facts.Measure.SHARE:
        return [
            _("Outcome: %(condition)s") % {"condition": c}
            for c in _conditions(table, definition.outcome)
        ]
    follow = definition.follow_up
    if follow is None:
        return []
    later = facts.get_table(follow.table)
    when = later.column(follow.date_column)
    parts = [
        ngettext(
            "Method: the latest %(table)s up to %(months)s month after the person's "
            "last row in the period (by %(column)s)",
            "Method: the latest %(table)s up to %(months)s months after the person's "
            "last row in the period (by %(column)s)",
            follow.months,
        )
        % {
            "table": later.title,
            "months": follow.months,
            "column": when.label if when else follow.date_column,
        }
    ]
    parts += [
        _("Source: %(condition)s") % {"condition": c}
        for c in _conditions(later, follow.filters)
    ]
    if not follow.filters:
        parts.append(_("Source: every source"))
    parts += [
        _("Outcome: %(condition)s") % {"condition": c}
        for c in _conditions(later, follow.outcome)
    ]
    return [str(part) for part in parts]


def indicator_trace(
    *,
    actor: Actor,
    project: Project,
    indicator: Indicator,
    period_index: int | None,
    span: str,
    today: date,
) -> Trace:
    """How ``indicator`` (computed, of ``project``, both already checked for
    ``actor``) was counted for the reporting period ``period_index`` (default: the
    current one): within it (``IN_PERIOD``) or from the project's start to its end
    (``CUMULATIVE``, the realised value)."""
    if indicator.kind != IndicatorKind.COMPUTED:
        raise ValueError("only a computed indicator has a trace")
    periods = reports.reporting_periods(project)
    period, _as_of = reports.chosen_period(periods, period_index, today)
    start = period.start if span == IN_PERIOD else project.starts_on
    definition = facts.parse_definition(indicator.definition)
    scope = project.scope()
    figure = facts.evaluate(definition, scope, start=start, end=period.end)
    table = facts.get_table(definition.table)
    counts_persons = table.subject_kind == "person"
    counted = facts.counted_subjects(definition, scope, start=start, end=period.end)
    subjects = len(counted) if table.has_subject else None
    may_list = counts_persons and access.may_list_persons(actor)
    persons: list[access.CountedPerson] = []
    if may_list and counted:
        persons = access.read_counted_persons(
            actor=actor,
            subjects=[c.subject for c in counted],
            purpose=AccessPurpose.REPORTING,
            what="indicator-trace",
        )
    return Trace(
        indicator_id=indicator.pk,
        indicator=indicator.name,
        activity=indicator.activity.name,
        unit=indicator.unit,
        definition=tuple(definition_in_words(definition)),
        table=table.name,
        organisations=tuple(
            p.name for p in project.parties.all() if p.organisation_id is not None
        ),
        period=period,
        span=span,
        start=start,
        end=period.end,
        value=facts.reported(definition, figure),
        is_share=definition.is_share,
        counts_persons=counts_persons,
        subjects=subjects,
        with_outcome=figure.value if definition.is_share else None,
        without_observation=figure.unknown,
        method=tuple(outcome_method(definition)),
        may_list=may_list,
        persons=tuple(persons),
        outcomes={c.subject: c.outcome for c in counted} if definition.is_share else {},
    )
