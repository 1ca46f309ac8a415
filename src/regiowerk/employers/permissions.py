"""Who may do what in the employers app: predicates over an Actor, used by the actions
(which enforce them) and by views (which show or hide a button with them).

Employers and vacancies are not personal data: every partner's users read them; the
roles below register and change them.
"""

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


def may_change_vacancies(actor: Actor) -> bool:
    """The roles that register vacancies also change them: occupation, skills, fields."""
    return actor.has_role(*EMPLOYER_ROLES)
