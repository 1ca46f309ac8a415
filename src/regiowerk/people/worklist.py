"""People's panels on the start page (organisations.start; registered in
``PeopleConfig.ready()``): a consultant's own clients, plan actions due, recently
changed dossiers, planned contact moments; the overviews for analysts and project leaders.

Each panel runs a fixed number of queries and reads the persons it names through
``access.read_records``, which logs one row per person shown.
"""

from datetime import date, datetime
from typing import TypeVar

from django.db.models import Count, Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.start import StartPanel, StartRow
from regiowerk.people import access, queries
from regiowerk.people.constants import AccessPurpose, LabourStatus
from regiowerk.people.models import Dossier, Person

CASELOAD_SHOWN = 10
DUE_SHOWN = 10
CHANGED_SHOWN = 8
PLANNED_SHOWN = 8
M = TypeVar("M", bound=Model)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "j F Y, H:i")


def _dossier_url(dossier: Dossier, part: str = "") -> str:
    suffix = f"-{part}" if part else ""
    return f"{reverse('person-detail', args=[dossier.person_id])}#dossier-{dossier.pk}{suffix}"


def _name(person: Person) -> str:
    return str(person)


def _read(records: QuerySet[M], actor: Actor, what: str, via: str = "") -> list[M]:
    """The rows a panel shows, through the gate (logged once per person, as casework);
    ``via``: the path from a row to its dossier (``dossier`` for a plan action)."""
    return access.read_records(
        records,
        actor=actor,
        purpose=AccessPurpose.CASEWORK,
        what=what,
        person_field=f"{via}__person" if via else "person",
    )


def caseload_panel(actor: Actor, today: date) -> StartPanel | None:
    """ "Mijn klanten": the open dossiers the actor is responsible for, by name."""
    if not actor.does_casework or actor.user is None:
        return None
    dossiers = queries.caseload(actor=actor)
    total = dossiers.count()
    shown = _read(
        dossiers.order_by("person__last_name", "person__first_name", "pk")[
            :CASELOAD_SHOWN
        ],
        actor,
        "start page: my clients",
    )
    return StartPanel(
        anchor="worklist-caseload",
        title=gettext_lazy("My clients"),
        count=total,
        rows=[
            StartRow(
                label=_name(dossier.person),
                url=_dossier_url(dossier),
                detail=_("dossier since %(date)s") % {"date": _day(dossier.opened_on)},
            )
            for dossier in shown
        ],
        empty=gettext_lazy("No open dossiers you are responsible for."),
        note=(
            _("The first %(n)s by name.") % {"n": CASELOAD_SHOWN}
            if total > CASELOAD_SHOWN
            else ""
        ),
    )


def plan_actions_panel(actor: Actor, today: date) -> StartPanel | None:
    """Plan actions of the actor's clients that are overdue or due this week."""
    if not actor.does_casework or actor.user is None:
        return None
    due = queries.plan_actions_due(actor=actor, today=today)
    counts = due.aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        this_week=Count("pk", filter=Q(due_on__gte=today)),
    )
    shown = _read(due[:DUE_SHOWN], actor, "start page: plan actions due", "dossier")
    rows = []
    for action in shown:
        due_on = action.due_on or today  # plan_actions_due has only dated actions
        when = _day(due_on)
        if due_on < today:
            detail = _("%(name)s · overdue since %(date)s")
        elif due_on == today:
            detail = _("%(name)s · due today")
        else:
            detail = _("%(name)s · due %(date)s")
        rows.append(
            StartRow(
                label=Truncator(action.description).chars(80),
                url=_dossier_url(action.dossier, "plan"),
                detail=detail % {"name": _name(action.dossier.person), "date": when},
            )
        )
    return StartPanel(
        anchor="worklist-plan-actions",
        title=gettext_lazy("Plan actions: overdue and due this week"),
        count=counts["overdue"] + counts["this_week"],
        rows=rows,
        empty=gettext_lazy("No plan actions of your clients are due this week."),
        note=_("%(overdue)s overdue, %(week)s due this week.")
        % {"overdue": counts["overdue"], "week": counts["this_week"]},
    )


def planned_contacts_panel(actor: Actor, today: date) -> StartPanel | None:
    """ "Geplande contactmomenten": the contact moments planned with the actor's clients
    and not yet recorded as held, earliest first."""
    if not actor.does_casework or actor.user is None:
        return None
    planned = queries.planned_contacts(actor=actor)
    total = planned.count()
    shown = _read(
        planned[:PLANNED_SHOWN], actor, "start page: planned contact moments", "dossier"
    )
    now = timezone.now()
    rows = []
    for contact in shown:
        when = {"moment": _moment(contact.occurred_at)}
        if contact.occurred_at < now:
            detail = _("planned for %(moment)s · not yet recorded") % when
        else:
            detail = _("planned for %(moment)s") % when
        rows.append(
            StartRow(
                label=f"{_name(contact.dossier.person)} · {contact.get_type_display()}",
                url=_dossier_url(contact.dossier, "contacts"),
                detail=detail,
            )
        )
    return StartPanel(
        anchor="worklist-planned-contacts",
        title=gettext_lazy("Planned contact moments"),
        count=total,
        rows=rows,
        empty=gettext_lazy("No contact moments planned with your clients."),
        note=(
            _("The first %(n)s by date.") % {"n": PLANNED_SHOWN}
            if total > PLANNED_SHOWN
            else ""
        ),
    )


def recent_dossiers_panel(actor: Actor, today: date) -> StartPanel | None:
    """Dossiers of the organisation changed most recently (by anyone)."""
    if not actor.does_casework:
        return None
    shown = _read(
        queries.recently_changed_dossiers(actor=actor)[:CHANGED_SHOWN],
        actor,
        "start page: recently changed dossiers",
    )
    return StartPanel(
        anchor="worklist-recent-dossiers",
        title=gettext_lazy("Recently changed dossiers"),
        rows=[
            StartRow(
                label=_name(dossier.person),
                url=_dossier_url(dossier),
                detail=_("changed %(moment)s")
                % {"moment": _moment(dossier.changed_at)},  # type: ignore[attr-defined]
            )
            for dossier in shown
        ],
        empty=gettext_lazy("No dossiers in your organisation yet."),
    )


def overview_panel(actor: Actor, today: date) -> StartPanel | None:
    """For analysts and project leaders: persons per labour status, small cells
    hidden (people.queries.person_aggregates), with the link to every overview."""
    if not actor.has_role(Role.ANALYST, Role.PROJECT_LEADER):
        return None
    aggregate = queries.person_aggregates(actor=actor, by="labour_status", today=today)
    labels = dict(LabourStatus.choices)
    scope = (
        _("the whole region") if aggregate.scope == "region" else _("your organisation")
    )
    return StartPanel(
        anchor="worklist-overview",
        title=gettext_lazy("People per labour status"),
        count=aggregate.total if isinstance(aggregate.total, int) else None,
        rows=[
            StartRow(label=labels[key], detail=str(value))
            for key, value in aggregate.cells.items()
            if value != 0
        ],
        empty=gettext_lazy("No people registered yet."),
        note=_("Counts for %(scope)s of %(date)s; numbers below 5 are shown as x.")
        % {"scope": scope, "date": _day(aggregate.counted_on)},
        links=[(gettext_lazy("All overviews"), reverse("person-aggregates"))],
    )
