"""Reads about organisations and users, and who a request acts as."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from regiowerk.organisations import api_keys
from regiowerk.organisations.constants import CASEWORK_ROLES, Role
from regiowerk.organisations.models import ApiToken, Membership, Organisation, User


class NoOrganisationError(Exception):
    """The user has no (active) membership of the requested organisation."""

    message = _("You are not a member of this organisation.")


@dataclass(frozen=True)
class Actor:
    """A user acting on behalf of one organisation, with their roles there.

    Commands, imports and periodic jobs act as :meth:`system`: no user, the roles the
    job needs, and the reason it runs (recorded where a user would be).
    """

    user: User | None
    organisation: Organisation
    roles: frozenset[str]
    reason: str = ""

    @classmethod
    def system(
        cls,
        organisation: Organisation,
        *,
        reason: str,
        roles: frozenset[str] | set[str] | tuple[str, ...] = (),
    ) -> "Actor":
        """The trusted operator of a command or job acting for ``organisation``, with
        ``roles`` there (rights are checked exactly as for a user). Records made this
        way have no ``created_by``/``recorded_by`` user; ``reason`` says why it ran."""
        if not reason:
            raise ValueError("A system actor needs a reason")
        return cls(
            user=None, organisation=organisation, roles=frozenset(roles), reason=reason
        )

    @property
    def is_system(self) -> bool:
        return self.user is None

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def does_casework(self) -> bool:
        """May work with individual people's dossiers (not analysts only)."""
        return bool(self.roles & CASEWORK_ROLES)

    @property
    def is_administrator(self) -> bool:
        return Role.ADMINISTRATOR in self.roles


def organisations_of(user: User) -> QuerySet[Organisation]:
    """The active organisations a user is a member of."""
    return Organisation.objects.filter(
        memberships__user=user, is_active=True
    ).distinct()


def get_actor(*, user: User, organisation_id: int | None = None) -> Actor:
    """The actor for ``user`` in ``organisation_id`` (default: their first organisation).

    Raises NoOrganisationError when the user is inactive or not a member there.
    """
    memberships = Membership.objects.filter(
        user=user, user__is_active=True, organisation__is_active=True
    ).select_related("organisation")
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    rows = list(memberships.order_by("organisation__name", "role"))
    if not rows:
        raise NoOrganisationError(str(NoOrganisationError.message))
    organisation = rows[0].organisation
    roles = frozenset(m.role for m in rows if m.organisation_id == organisation.pk)
    return Actor(user=user, organisation=organisation, roles=roles)


def users_of(organisation: Organisation) -> QuerySet[User]:
    """Users with a membership in ``organisation``."""
    return (
        User.objects.filter(memberships__organisation=organisation)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def caseworkers_of(organisation: Organisation) -> QuerySet[User]:
    """Active users with a casework role in ``organisation``: who may be responsible for
    its clients."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role__in=CASEWORK_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def api_token_created(user: User) -> datetime | None:
    """When ``user``'s personal API token was made; None if they have none."""
    return ApiToken.objects.filter(user=user).values_list("created", flat=True).first()


def api_token_for_key(key: str) -> ApiToken | None:
    """The API token (with its user) whose stored digest is that of ``key``; None for a
    key that is unknown, revoked or replaced. Only the digest is looked up, and the row
    found is compared again in constant time."""
    if len(key) > api_keys.MAX_KEY_LENGTH:
        return None
    presented = api_keys.digest(key)
    token = ApiToken.objects.select_related("user").filter(digest=presented).first()
    if token is None or not api_keys.same_digest(token.digest, presented):
        return None
    return token


def users_with_role(organisation_ids: Iterable[int], role: str) -> QuerySet[User]:
    """Active users holding ``role`` in one of the organisations (a reminder's
    recipients)."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=sorted(set(organisation_ids)),
            memberships__role=role,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
