"""Who may do what in the employers app: predicates over an Actor, used by the actions
(which enforce them) and by views (which show or hide a button with them).

Employers and vacancies are not personal data: every partner's users read them; the
roles below register them. Changing one is for those roles of the organisation that
holds the record: the employer's account organisation (the one that registered it,
unless the account moved), and for a vacancy also the organisation that registered it.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from regiowerk.employers.models import Employer, Vacancy
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor

# Who registers employers and vacancies and keeps them up to date.
EMPLOYER_ROLES = frozenset(
    {Role.ACCOUNT_MANAGER, Role.CONSULTANT, Role.PROJECT_LEADER, Role.ADMINISTRATOR}
)


def may_register_employers(actor: Actor) -> bool:
    """Account managers, consultants, project leaders and administrators register
    employers and vacancies (of any employer in the region)."""
    return actor.has_role(*EMPLOYER_ROLES)


def may_change_employer(*, actor: Actor, employer: Employer) -> bool:
    """The registering roles of the employer's account organisation change it."""
    return (
        may_register_employers(actor)
        and employer.account_organisation_id == actor.organisation.pk
    )


def may_change_vacancy(*, actor: Actor, vacancy: Vacancy) -> bool:
    """The registering roles of the organisation that registered the vacancy, or of the
    employer's account organisation, change it: fields, occupation, skills, closing."""
    return may_register_employers(actor) and actor.organisation.pk in (
        vacancy.organisation_id,
        vacancy.employer.account_organisation_id,
    )


def may_see_unnamed_candidates(*, actor: Actor, vacancy: Vacancy) -> bool:
    """An account manager without a casework role, of the organisation that registered
    the vacancy or holds its employer's account (who may change the vacancy), sees its
    ranked candidates unnamed and may put one forward (matching's suitable candidates;
    the vacancy page and its pipeline link there)."""
    return (
        not actor.does_casework
        and actor.has_role(Role.ACCOUNT_MANAGER)
        and may_change_vacancy(actor=actor, vacancy=vacancy)
    )


def require_employer_holder(*, actor: Actor, employer: Employer) -> None:
    """PermissionDenied (403) unless :func:`may_change_employer`."""
    if not may_change_employer(actor=actor, employer=employer):
        raise PermissionDenied(
            _("Only the organisation that holds the employer's account may change it.")
        )


def require_vacancy_holder(*, actor: Actor, vacancy: Vacancy) -> None:
    """PermissionDenied (403) unless :func:`may_change_vacancy`."""
    if not may_change_vacancy(actor=actor, vacancy=vacancy):
        raise PermissionDenied(
            _(
                "Only the organisation that registered this vacancy, or that holds "
                "the employer's account, may change it."
            )
        )
