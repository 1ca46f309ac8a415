"""The programme overview as a frozen report, and its renderers (page, Excel, PDF, API).

:func:`programme_overview` reads once (``queries.programme_overview``: the projects, their
parties, their indicators and one aggregate per computed indicator) into a frozen
:class:`ProgrammeOverview`; the web page, :func:`to_xlsx`, :func:`to_pdf` and the API
take only that structure, so they always show the same figures (as ``reports`` does for
the quarterly monitor of one project).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from regiowerk.common import workbooks
from regiowerk.monitoring import queries, reports, rules
from regiowerk.monitoring.models import Programme
from regiowerk.organisations.queries import Actor


@dataclass(frozen=True)
class OverviewLine:
    """One project of the programme: budget, subsidy and its targets' status."""

    project_id: int
    code: str
    title: str
    starts_on: date
    ends_on: date
    direct_costs_cents: int
    max_subsidy_cents: int
    requested_subsidy_cents: int | None
    requested_percentage: int | None
    indicators: int
    met: int
    revised: int
    missed: int
    readable: bool  # the reader may open the project's monitor


@dataclass(frozen=True)
class OverdueLine:
    """A period report past its due date and not submitted."""

    project_id: int
    code: str
    period: str
    due_on: date
    days_late: int
    reminded_on: date | None
    readable: bool


@dataclass(frozen=True)
class ProgrammeOverview:
    """Every project of one programme, as of a day."""

    programme_id: int
    code: str
    name: str
    funder: str
    regulation: str
    cadence: str
    as_of: date
    projects: tuple[OverviewLine, ...]
    overdue: tuple[OverdueLine, ...] = ()

    def total(self, name: str) -> int:
        """The sum of a column over the projects (``requested_subsidy_cents`` skips
        projects without a request)."""
        return sum(getattr(line, name) or 0 for line in self.projects)


def programme_overview(
    programme: Programme, *, actor: Actor, today: date
) -> ProgrammeOverview:
    rows = queries.programme_overview(programme, today=today)
    readable = queries.readable_project_ids(actor, rows)
    cadence = rules.Cadence(programme.reporting_cadence)
    return ProgrammeOverview(
        programme_id=programme.pk,
        code=programme.code,
        name=programme.name,
        funder=programme.funder,
        regulation=programme.regulation,
        cadence=str(programme.get_reporting_cadence_display()),
        as_of=today,
        projects=tuple(
            OverviewLine(
                project_id=row.project.pk,
                code=row.project.code,
                title=row.project.title,
                starts_on=row.project.starts_on,
                ends_on=row.project.ends_on,
                direct_costs_cents=row.project.direct_costs_cents,
                max_subsidy_cents=row.project.max_subsidy_cents,
                requested_subsidy_cents=row.project.requested_subsidy_cents,
                requested_percentage=row.requested_percentage,
                indicators=row.indicators,
                met=row.met,
                revised=row.revised,
                missed=row.missed,
                readable=row.project.pk in readable,
            )
            for row in rows
        ),
        overdue=tuple(
            OverdueLine(
                project_id=due.project.pk,
                code=due.project.code,
                period=reports.period_label(due.period, cadence),
                due_on=due.due_on,
                days_late=due.days_late(today),
                reminded_on=(
                    timezone.localdate(due.report.reminded_at)
                    if due.report and due.report.reminded_at
                    else None
                ),
                readable=due.project.pk in readable,
            )
            for due in queries.overdue_reports(
                [row.project for row in rows], today=today
            )
        ),
    )


def to_xlsx(overview: ProgrammeOverview) -> bytes:
    """The overview as an Excel workbook: the programme, then the projects, numbers as
    numbers (money in euros with the euro format, dates as dates)."""
    return workbooks.workbook(
        [
            (
                _("Programme"),
                [
                    [_("Programme"), overview.name],
                    [_("Code"), overview.code],
                    [_("Funder"), overview.funder],
                    [_("Regulation"), overview.regulation],
                    [_("Reporting cadence"), overview.cadence],
                    [_("Status as of"), overview.as_of],
                    [_("Projects"), len(overview.projects)],
                ],
                False,
            ),
            (
                _("Projects"),
                [
                    [
                        _("Project"),
                        _("Title"),
                        _("Subsidy period from"),
                        _("Subsidy period until"),
                        _("Budgeted direct costs"),
                        _("Maximum subsidy"),
                        _("Requested subsidy"),
                        _("Requested (% of maximum)"),
                        _("Indicators"),
                        _("Targets met"),
                        _("Targets revised"),
                        _("Targets missed"),
                    ],
                    *(
                        [
                            line.code,
                            line.title,
                            line.starts_on,
                            line.ends_on,
                            workbooks.euro_amount(line.direct_costs_cents),
                            workbooks.euro_amount(line.max_subsidy_cents),
                            workbooks.euro_amount(line.requested_subsidy_cents),
                            line.requested_percentage,
                            line.indicators,
                            line.met,
                            line.revised,
                            line.missed,
                        ]
                        for line in overview.projects
                    ),
                    [
                        _("Total"),
                        "",
                        None,
                        None,
                        workbooks.euro_amount(overview.total("direct_costs_cents")),
                        workbooks.euro_amount(overview.total("max_subsidy_cents")),
                        workbooks.euro_amount(
                            overview.total("requested_subsidy_cents")
                        ),
                        None,
                        overview.total("indicators"),
                        overview.total("met"),
                        overview.total("revised"),
                        overview.total("missed"),
                    ],
                ],
                True,
            ),
            (
                _("Overdue reports"),
                [
                    [
                        _("Project"),
                        _("Period"),
                        _("Due on"),
                        _("Days late"),
                        _("Reminded on"),
                    ],
                    *(
                        [
                            line.code,
                            line.period,
                            line.due_on,
                            line.days_late,
                            line.reminded_on,
                        ]
                        for line in overview.overdue
                    ),
                ],
                True,
            ),
        ]
    )


def context(overview: ProgrammeOverview) -> dict[str, Any]:
    return {"overview": overview}


def to_pdf(overview: ProgrammeOverview) -> bytes:
    """The overview as PDF (WeasyPrint), from the same template part as the page."""
    return reports.pdf(
        render_to_string("monitoring/programme_overview_pdf.html", context(overview))
    )
