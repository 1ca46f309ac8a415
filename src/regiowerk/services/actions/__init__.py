"""Writes of the services app, one module per aggregate, all re-exported here so
callers write ``from regiowerk.services import actions`` and ``actions.enrol_person``:

- :mod:`.catalogue`: a provider's services;
- :mod:`.enrolments`: a person's enrolment in a service and its attendance;
- :mod:`.events`: events, their named registrations and walk-ins.

Every action takes the acting user (or a system identity, ``Actor.system``) as
``actor`` and checks their right itself, as a second line of defence after the view;
the rights are the predicates in ``services.permissions``.
"""

from regiowerk.services.actions.catalogue import (
    SERVICE_FIELDS,
    create_service,
    deactivate_service,
    update_service,
)
from regiowerk.services.actions.enrolments import (
    apply_enrolment_change,
    complete_enrolment,
    drop_out,
    enrol_person,
    rate_enrolment,
    record_attendance,
    start_enrolment,
)
from regiowerk.services.actions.events import (
    EVENT_FIELDS,
    create_event,
    record_event_attendance,
    register_for_event,
    set_anonymous_head_count,
    update_event,
)
from regiowerk.services.permissions import (
    CATALOGUE_ROLES,
    EVENT_ORGANISER_ROLES,
    may_manage_catalogue,
    may_organise_events,
)

__all__ = [
    "CATALOGUE_ROLES",
    "EVENT_FIELDS",
    "EVENT_ORGANISER_ROLES",
    "SERVICE_FIELDS",
    "apply_enrolment_change",
    "complete_enrolment",
    "create_event",
    "create_service",
    "deactivate_service",
    "drop_out",
    "enrol_person",
    "may_manage_catalogue",
    "may_organise_events",
    "rate_enrolment",
    "record_attendance",
    "record_event_attendance",
    "register_for_event",
    "set_anonymous_head_count",
    "start_enrolment",
    "update_event",
    "update_service",
]
