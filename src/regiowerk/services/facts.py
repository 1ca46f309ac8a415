"""The fact tables the services app publishes (see ``common.facts``).

``services.enrolments``: one row per enrolment, counted by the enrolling organisation.
``services.event_reach``: one row per event, counted by the organiser, with the named
attendees and the walk-ins (anonymous head count).
"""

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.facts import Column, ColumnKind, FactTable
from regiowerk.services.constants import (
    EnrolmentStatus,
    EventType,
    ServiceType,
    TargetGroup,
    Theme,
)
from regiowerk.services.models import Enrolment, Event, EventRegistration


def enrolment_rows() -> QuerySet:
    return Enrolment.objects.annotate(
        subject=facts.subject_key("person"),
        service_type=F("service__type"),
        service_themes=F("service__themes"),
        service_target_groups=F("service__target_groups"),
        price_cents=F("service__price_cents"),
    )


ENROLMENTS = FactTable(
    name="services.enrolments",
    title=_("Enrolments in services"),
    description=(
        "One row per enrolment of a person in a service, by the enrolling "
        "organisation; price_cents is the service's price per participant."
    ),
    columns=(
        Column(facts.SUBJECT, ColumnKind.SUBJECT, _("participant")),
        facts.dimension("service_type", _("type"), ServiceType),
        facts.dimension(
            "service_themes",
            _("sustainable-employability themes"),
            Theme,
            is_multi=True,
        ),
        facts.dimension(
            "service_target_groups", _("target groups"), TargetGroup, is_multi=True
        ),
        facts.dimension("status", _("status"), EnrolmentStatus),
        Column("registered_on", ColumnKind.DATE, _("registered on")),
        Column("started_on", ColumnKind.DATE, _("started on")),
        Column("completed_on", ColumnKind.DATE, _("completed on")),
        Column("dropped_out_on", ColumnKind.DATE, _("dropped out on")),
        Column("price_cents", ColumnKind.AMOUNT, _("price (cents)")),
    ),
    query=enrolment_rows,
    organisation="enrolling_organisation",
)


def event_reach_rows() -> QuerySet:
    attended = (
        EventRegistration.objects.filter(event=OuterRef("pk"), has_attended=True)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Event.objects.annotate(
        event_type=F("type"),
        held_on=TruncDate("starts_at"),
        named_attendees=Coalesce(Subquery(attended, output_field=IntegerField()), 0),
    )


EVENT_REACH = FactTable(
    name="services.event_reach",
    title=_("Events and their reach"),
    description=(
        "One row per event, by the organiser: named_attendees are registrations "
        "marked as attended, anonymous_head_count the walk-ins."
    ),
    columns=(
        facts.dimension("event_type", _("type"), EventType),
        facts.dimension(
            "is_learning_network_meeting", _("learning-network meeting"), (True, False)
        ),
        Column("held_on", ColumnKind.DATE, _("starts at")),
        Column("named_attendees", ColumnKind.NUMBER, _("attended")),
        Column(
            "anonymous_head_count", ColumnKind.NUMBER, _("walk-ins (not registered)")
        ),
    ),
    query=event_reach_rows,
    organisation="organiser",
)


def register_tables() -> None:
    facts.register(ENROLMENTS, EVENT_REACH)
