"""Who may do what in placements: predicates over an Actor, used by the actions (which
enforce them) and by views (which show or hide a button with them).

- A candidacy is started by a casework role who may read the person (through
  ``people.access``), for any vacancy: the organisation it acts for works it.
- The pipeline roles (account manager, consultant, labour expert, project leader) of
  the organisation that works a candidacy, or of the organisation that holds the
  vacancy's employer account, move it on or end it. What they see of the candidate
  follows the gate: a name only to whoever may read the person.
- A placement is recorded and followed (changed, ended) by the pipeline roles of the
  organisation that follows it; a casework role records one by hand for a person they
  may change.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.placements.models import Candidacy, FollowUpProgramme, Placement

PIPELINE_ROLES = frozenset(
    {Role.ACCOUNT_MANAGER, Role.CONSULTANT, Role.LABOUR_EXPERT, Role.PROJECT_LEADER}
)


def may_start_candidacies(actor: Actor) -> bool:
    """Casework roles put persons they may read forward for a vacancy."""
    return actor.does_casework


def may_work_candidacy(*, actor: Actor, candidacy: Candidacy) -> bool:
    """The pipeline roles of the working organisation or of the employer's account
    organisation move a candidacy on, end it and record its placement."""
    return actor.has_role(*PIPELINE_ROLES) and actor.organisation.pk in (
        candidacy.organisation_id,
        candidacy.vacancy.employer.account_organisation_id,
    )


def may_follow_placement(*, actor: Actor, placement: Placement) -> bool:
    """The pipeline roles of the organisation that follows a placement change and end
    it."""
    return (
        actor.has_role(*PIPELINE_ROLES)
        and actor.organisation.pk == placement.organisation_id
    )


def require_candidacy_worker(*, actor: Actor, candidacy: Candidacy) -> None:
    """PermissionDenied (403) unless :func:`may_work_candidacy`."""
    if not may_work_candidacy(actor=actor, candidacy=candidacy):
        raise PermissionDenied(
            _(
                "Only the organisation that works this candidacy, or that holds the "
                "employer's account, may change it."
            )
        )


def require_placement_follower(*, actor: Actor, placement: Placement) -> None:
    """PermissionDenied (403) unless :func:`may_follow_placement`."""
    if not may_follow_placement(actor=actor, placement=placement):
        raise PermissionDenied(
            _("Only the organisation that follows this placement may change it.")
        )


# Who defines an organisation's follow-up programmes (named schedules its placements
# follow): the project leaders and labour experts of the organisation that owns them.
FOLLOW_UP_PROGRAMME_ROLES = frozenset({Role.PROJECT_LEADER, Role.LABOUR_EXPERT})


def may_see_follow_up_programmes(actor: Actor) -> bool:
    """The pipeline roles see their organisation's follow-up programmes (they put
    the placements they follow in one)."""
    return actor.has_role(*PIPELINE_ROLES)


def may_keep_follow_up_programmes(actor: Actor) -> bool:
    """Project leaders and labour experts create and change their organisation's
    follow-up programmes."""
    return actor.has_role(*FOLLOW_UP_PROGRAMME_ROLES)


def require_follow_up_programme_keeper(
    *, actor: Actor, programme: FollowUpProgramme | None = None
) -> None:
    """PermissionDenied (403) unless the actor keeps follow-up programmes and
    ``programme`` (when given) is their organisation's."""
    if not may_keep_follow_up_programmes(actor) or (
        programme is not None and programme.organisation_id != actor.organisation.pk
    ):
        raise PermissionDenied(
            _(
                "Only the project leaders and labour experts of its organisation "
                "create and change a follow-up programme."
            )
        )


# Who sees the durability report (counts only, small cells hidden): the analysts and
# the roles that place and follow people.
DURABILITY_ROLES = frozenset(
    {
        Role.ANALYST,
        Role.PROJECT_LEADER,
        Role.LABOUR_EXPERT,
        Role.ACCOUNT_MANAGER,
        Role.PROGRAMME_MANAGER,
    }
)
# Managers also see the region's report: every placement followed in the region (counts
# only, small cells hidden); a programme manager's organisation follows none, so they
# see the region's only.
REGIONAL_DURABILITY_ROLES = frozenset(
    {Role.ANALYST, Role.PROJECT_LEADER, Role.PROGRAMME_MANAGER}
)


def reads_regional_durability(actor: Actor, *, asked: bool) -> bool:
    """Whether the actor's durability report covers the region rather than their
    organisation's placements: when asked, for a manager; always for a programme
    manager without another durability role."""
    if not actor.has_role(*REGIONAL_DURABILITY_ROLES):
        return False
    return asked or not actor.has_role(*(DURABILITY_ROLES - {Role.PROGRAMME_MANAGER}))


def require_durability_reader(actor: Actor) -> None:
    """PermissionDenied (403) unless the actor's role reads the durability report."""
    if not actor.has_role(*DURABILITY_ROLES):
        raise PermissionDenied(
            _(
                "Only analysts, project leaders, labour experts, account managers and "
                "programme managers see the durability report."
            )
        )


def sees_aggregates_only(actor: Actor) -> bool:
    """An analyst with no other durability role: their durability report is
    published once a month (``durability.durability_for``); project leaders, labour
    experts, account managers and programme managers keep the live figures of the
    placements they place, follow or are accountable for (as in monitoring's
    ``sees_aggregates_only``)."""
    return actor.has_role(Role.ANALYST) and not actor.has_role(
        *(DURABILITY_ROLES - {Role.ANALYST})
    )
