"""Who may do what with a project: predicates over an Actor, enforced by the actions
and queries, used by the views to show or hide a form.

A project belongs to the organisations taking part in it (its parties linked to
regiowerk) and to its programme's funder. Roles then decide what they do there:

- a project leader of a party manages the project (manual values, deliverables,
  proposes target changes);
- a project leader of any organisation defines a new project of a programme (its
  organisation becomes the applicant and executor), and so does the funder's
  programme manager;
- a programme manager of the funder sees every project of the programme and approves
  target changes;
- an auditor of a party or of the funder reads everything of the project, including
  who changed what, and changes nothing;
- an analyst of a party or of the funder reads the project's figures (aggregates);
- an administrator of a party or of the funder stands in for all of these.

Monitoring holds no personal data of participants: its pages show counts only.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from regiowerk.monitoring.constants import (
    DECLARABLE_DOWNLOAD_ROLES,
    DECLARABLE_LIST_ROLES,
    ELIGIBILITY_EDITOR_ROLES,
)
from regiowerk.monitoring.models import Programme, Project
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor

READER_ROLES = frozenset(
    {
        Role.PROJECT_LEADER,
        Role.PROGRAMME_MANAGER,
        Role.AUDITOR,
        Role.ANALYST,
        Role.ADMINISTRATOR,
    }
)
MANAGER_ROLES = frozenset({Role.PROJECT_LEADER, Role.ADMINISTRATOR})
APPROVER_ROLES = frozenset({Role.PROGRAMME_MANAGER, Role.ADMINISTRATOR})
TRAIL_ROLES = frozenset(
    {Role.AUDITOR, Role.PROGRAMME_MANAGER, Role.PROJECT_LEADER, Role.ADMINISTRATOR}
)


def party_organisation_ids(project: Project) -> frozenset[int]:
    """The organisations in regiowerk taking part (uses prefetched parties)."""
    return frozenset(
        p.organisation_id for p in project.parties.all() if p.organisation_id
    )


def _is_party(actor: Actor, project: Project) -> bool:
    return actor.organisation.pk in party_organisation_ids(project)


def _is_funder(actor: Actor, project: Project) -> bool:
    funder_id = project.programme.funder_organisation_id
    return funder_id is not None and funder_id == actor.organisation.pk


def may_read_project(*, actor: Actor, project: Project) -> bool:
    """The figures of the project: its parties' and its funder's monitoring roles."""
    return actor.has_role(*READER_ROLES) and (
        _is_party(actor, project) or _is_funder(actor, project)
    )


def may_read_trail(*, actor: Actor, project: Project) -> bool:
    """Who changed what (names of staff, not of participants): not the analysts."""
    return actor.has_role(*TRAIL_ROLES) and may_read_project(
        actor=actor, project=project
    )


def may_manage_project(*, actor: Actor, project: Project) -> bool:
    """Enter values and deliverables, propose target changes: the project's leaders."""
    return actor.has_role(*MANAGER_ROLES) and _is_party(actor, project)


CREATOR_ROLES = frozenset({*MANAGER_ROLES, Role.PROGRAMME_MANAGER})


def may_create_project(*, actor: Actor, programme: Programme) -> bool:
    """Define a new project of the programme: a project leader (or administrator) of
    any organisation, whose organisation then executes it, and the funder's programme
    manager; nobody once the programme is closed."""
    if programme.is_closed(timezone.localdate()):
        return False
    if actor.has_role(*MANAGER_ROLES):
        return True
    funder_id = programme.funder_organisation_id
    return (
        actor.has_role(Role.PROGRAMME_MANAGER)
        and funder_id is not None
        and funder_id == actor.organisation.pk
    )


def no_new_project_reason(programme: Programme) -> str:
    """Why the reader may not define a project of ``programme`` (may_create_project)."""
    if programme.is_closed(timezone.localdate()):
        return _("The programme is closed: it takes no new projects.")
    return _("Only project leaders and the funder's programme manager define projects.")


def may_approve_target_changes(*, actor: Actor, project: Project) -> bool:
    """Approve or reject a proposed target change: the funder's programme manager."""
    return actor.has_role(*APPROVER_ROLES) and _is_funder(actor, project)


def may_edit_eligibility(*, actor: Actor, programme: Programme) -> bool:
    """Set the programme's eligibility rules: the funder's programme manager."""
    funder_id = programme.funder_organisation_id
    return (
        actor.has_role(*ELIGIBILITY_EDITOR_ROLES)
        and funder_id is not None
        and funder_id == actor.organisation.pk
    )


def may_see_declarable_list(*, actor: Actor, project: Project) -> bool:
    """The funder's list on screen (names, BSNs masked): not the analysts."""
    return actor.has_role(*DECLARABLE_LIST_ROLES) and may_read_project(
        actor=actor, project=project
    )


def may_download_declarable_list(*, actor: Actor, project: Project) -> bool:
    """The list with the BSNs in full: the programme manager of the funder only."""
    return actor.has_role(*DECLARABLE_DOWNLOAD_ROLES) and _is_funder(actor, project)


def sees_aggregates_only(actor: Actor) -> bool:
    """An analyst with no other monitoring role: their figures about persons have small
    cells suppressed (``suppression``); project leaders, programme managers, auditors
    and administrators keep the exact figures they are accountable for."""
    return actor.has_role(Role.ANALYST) and not actor.has_role(
        *(READER_ROLES - {Role.ANALYST})
    )
