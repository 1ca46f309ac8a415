"""What the services app keeps about a person, for the person's rights (people's
contributions registry; registered in ``ServicesConfig.ready()``).

- Enrolment: the person's participation in a service, with its Attendance per session;
- EventRegistration: a named registration for an event.

The export gives every field of those records (attendance under the enrolment's
``"related"``), as people's export always has; erasure blanks the free text about the
person and keeps statuses, dates and attendance, so counts per service, outcome and
event stay intact; the dossier page shows the person's enrolments and, to whoever may
change the person, the link to enrol them.
"""

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.db.models import Case, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from regiowerk.organisations.queries import Actor
from regiowerk.people.access import may_change_person
from regiowerk.people.contributions import (
    Contribution,
    DossierLink,
    DossierSection,
    Rows,
    rows,
)
from regiowerk.people.models import Person
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.models import (
    ERASED_TEXT,
    Attendance,
    Enrolment,
    EventRegistration,
)


def export_person_records(person: Person) -> Rows:
    """The person's enrolments (with their attendance) and event registrations, in
    three queries whatever their number."""
    enrolments: QuerySet[Enrolment] = Enrolment.objects.filter(person=person)
    registrations = EventRegistration.objects.filter(person=person)
    return {
        "services.enrolment": rows(
            enrolments.order_by("pk"),
            children={
                "services.attendance": (
                    Attendance.objects.filter(enrolment__person=person).order_by("pk"),
                    "enrolment_id",
                )
            },
        ),
        "services.eventregistration": rows(registrations.order_by("pk")),
    }


def erase_person_records(person: Person) -> None:
    """Blank the free text kept about ``person`` (completion evidence, the reason for
    dropping out). Statuses and dates stay, so counts per service and outcome stay
    intact; a drop-out keeps a placeholder reason because the database requires one.
    Registrations and attendance hold no free text. Idempotent."""
    Enrolment.objects.filter(person=person).update(
        completion_evidence="",
        drop_out_reason=Case(
            When(status=EnrolmentStatus.DROPPED_OUT, then=Value(ERASED_TEXT)),
            default=Value(""),
        ),
    )


def _date(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _registration_status(registration: EventRegistration, now: datetime) -> str:
    if registration.has_attended:
        return str(_("attended"))
    if registration.event.starts_at <= now:
        return str(_("not attended"))
    return str(_("registered"))


def dossier_section(actor: Actor, person: Person) -> DossierSection:
    """The person's enrolments (newest first), then their event registrations (latest
    event first), each linked to its page, for every reader of the dossier page (the
    page read, and logged, the person through people.access). Two queries."""
    enrolments = (
        Enrolment.objects.filter(person=person)
        .select_related("service")
        .order_by("-registered_on", "-created_at")
    )
    registrations = (
        EventRegistration.objects.filter(person=person)
        .select_related("event")
        .order_by("-event__starts_at", "-created_at")
    )
    now = timezone.now()
    rows: list[tuple[str, ...]] = []
    urls: list[str] = []
    for enrolment in enrolments:
        rows.append(
            (
                str(enrolment.service),
                enrolment.get_status_display(),
                str(_("Service")),
                _date(enrolment.registered_on),
                _date(enrolment.started_on),
                _date(enrolment.completed_on),
            )
        )
        urls.append(reverse("enrolment-detail", args=[enrolment.pk]))
    for registration in registrations:
        rows.append(
            (
                str(registration.event.title),
                _registration_status(registration, now),
                str(_("Event")),
                _date(timezone.localdate(registration.created_at)),
                _date(timezone.localdate(registration.event.starts_at)),
                "—",
            )
        )
        urls.append(reverse("event-detail", args=[registration.event_id]))
    return DossierSection(
        anchor="enrolments",
        title=_("Services and events"),
        columns=(
            _("Service or event"),
            _("Status"),
            _("Kind"),
            _("Registered on"),
            _("Started on or held on"),
            _("Completed on"),
        ),
        rows=rows,
        row_urls=urls,
        empty=_("Not enrolled in any service."),
    )


def dossier_links(actor: Actor, person: Person) -> list[DossierLink]:
    """The enrolment page for this person, for an actor who may change the person."""
    if not may_change_person(actor=actor, person=person):
        return []
    query = urlencode({"person": str(person.pk)})
    return [
        DossierLink(
            label=_("Enrol in a service"), url=f"{reverse('enrolment-create')}?{query}"
        )
    ]


CONTRIBUTION = Contribution(
    app_label="services",
    title=_("Services and events"),
    models=("services.Enrolment", "services.EventRegistration"),
    export=export_person_records,
    erase=erase_person_records,
    dossier_section=dossier_section,
    dossier_links=dossier_links,
)
