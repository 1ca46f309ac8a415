"""Who may do what in the services app: predicates over an Actor, used by the actions
(which enforce them) and by views (which show or hide a button with them).

Whether an actor may read a *person* is decided by the gate, ``people.access``; the
enrolment rule here only adds which organisations follow an enrolment.
"""

from regiowerk.organisations.constants import Role
from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.people.access import may_read_person
from regiowerk.people.models import Person

# Who maintains the catalogue of their organisation (the provider's offer).
CATALOGUE_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROJECT_LEADER})
# Who organises events and counts their reach: everyone but analysts.
EVENT_ORGANISER_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.PROJECT_LEADER,
        Role.CONSULTANT,
        Role.LABOUR_EXPERT,
        Role.ACCOUNT_MANAGER,
    }
)


def may_manage_catalogue(*, actor: Actor, provider: Organisation) -> bool:
    """Administrators and project leaders keep their own organisation's catalogue."""
    return actor.has_role(*CATALOGUE_ROLES) and provider.pk == actor.organisation.pk


def may_organise_events(actor: Actor) -> bool:
    """Everyone but analysts organises events (for their own organisation)."""
    return actor.has_role(*EVENT_ORGANISER_ROLES)


def is_event_organiser(*, actor: Actor, organiser_id: int) -> bool:
    """The actor acts for the organising organisation in a role that organises."""
    return may_organise_events(actor) and organiser_id == actor.organisation.pk


def may_follow_enrolment(*, actor: Actor, person: Person, provider_id: int) -> bool:
    """Enrolments are made and followed by casework roles of the person's holding
    organisation, or of the service's provider while the person shares their data
    with it (an active sharing consent, read by people.access at each call). A partner
    no longer follows an anonymised person."""
    if not may_read_person(actor=actor, person=person):
        return False
    if person.organisation_id == actor.organisation.pk:
        return True
    return provider_id == actor.organisation.pk and not person.is_anonymised
