"""Placements' panel on the start page (organisations.start; registered in
``PlacementsConfig.ready()``): the labour expert's or job coach's check-ins overdue or
due this week, riskiest first, linking to Nazorg."""

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regiowerk.organisations.queries import Actor
from regiowerk.organisations.start import StartPanel, StartRow
from regiowerk.placements import queries
from regiowerk.placements.constants import CheckInStatus

FOLLOW_UPS_SHOWN = 5
DUE_WITHIN_DAYS = 7  # this week


def _detail(row: queries.FollowUp) -> str:
    due_on = row.due_on
    when = (_("overdue since %(date)s") if row.overdue else _("due on %(date)s")) % {
        "date": date_format(due_on, "j F Y") if due_on else "—"
    }
    level = dict(CheckInStatus.choices)[row.risk.level.value]
    return f"{when} · {level} ({row.risk.score})"


def follow_up_panel(actor: Actor, today: date) -> StartPanel | None:
    """ "Nazorg deze week": the actor's own placements with a check-in overdue or due
    within a week (casework roles; three queries)."""
    if not actor.does_casework:
        return None
    total, rows = queries.due_follow_ups(
        actor=actor, today=today, within_days=DUE_WITHIN_DAYS, shown=FOLLOW_UPS_SHOWN
    )
    return StartPanel(
        anchor="worklist-follow-up",
        title=gettext_lazy("Follow-up: check-ins overdue and this week"),
        count=total,
        rows=[
            StartRow(
                label=f"{row.placement.person.full_name} — {row.placement.employer.name}",
                url=reverse("placement-detail", args=[row.placement.pk]),
                detail=_detail(row),
            )
            for row in rows
        ],
        empty=gettext_lazy("No check-ins overdue or due this week."),
        links=[(gettext_lazy("Follow-up"), reverse("follow-up"))],
    )
