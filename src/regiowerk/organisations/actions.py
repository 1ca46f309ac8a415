"""Changes to organisations, users and memberships."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import Membership, Organisation, Region, User


def create_region(*, name: str, code: str) -> Region:
    """Create a labour-market region."""
    region = Region(name=name, code=code)
    region.full_clean()
    region.save()
    return region


def create_organisation(
    *, name: str, type: OrganisationType | str, region: Region
) -> Organisation:
    """Register a partner organisation; raises ValidationError naming the bad field."""
    organisation = Organisation(name=name.strip(), type=type, region=region)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str,
    organisation: Organisation,
    roles: list[Role | str],
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create a user with one or more roles in an organisation.

    Raises ValidationError (field ``password`` or ``roles``) when the password is weak or
    no valid role is given; nothing is saved then.
    """
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role.")})
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    for role in roles:
        grant_role(user=user, organisation=organisation, role=role)
    return user


def grant_role(
    *, user: User, organisation: Organisation, role: Role | str
) -> Membership:
    """Give ``user`` a role in ``organisation`` (idempotent)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    return membership


def revoke_role(
    *,
    user: User,
    organisation: Organisation,
    role: Role | str,
    acting_user: User | None = None,
) -> None:
    """Take a role away; the user keeps their other memberships.

    Raises ValidationError (field ``role``) when ``acting_user`` would take away their
    own administrator role: an organisation must not lock itself out of administration.
    """
    if (
        acting_user is not None
        and acting_user.pk == user.pk
        and role == Role.ADMINISTRATOR
    ):
        raise ValidationError(
            {
                "role": _(
                    "You cannot take away your own administrator role; ask another "
                    "administrator."
                )
            }
        )
    Membership.objects.filter(user=user, organisation=organisation, role=role).delete()


def deactivate_user(
    *,
    user: User,
    acting_user: User | None = None,
    organisation: Organisation | None = None,
) -> User:
    """Stop a user from logging in; their history (access log, records) stays.

    Deactivation stops the log-in everywhere, so an administrator acting for
    ``organisation`` may not deactivate a user who also works for another organisation
    (they revoke the roles here instead), nor themselves. Raises ValidationError then.
    """
    if acting_user is not None and acting_user.pk == user.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    if (
        organisation is not None
        and user.memberships.exclude(organisation=organisation).exists()
    ):
        raise ValidationError(
            _(
                "This user also works for another organisation. Revoke their roles "
                "here instead of deactivating the account."
            )
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


# --- Two-factor log-in (see organisations.two_factor) -----------------------------------


def start_totp_enrolment(*, user: User) -> TOTPDevice:
    """The user's authenticator device being set up: the unfinished one, or a new one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="regiowerk", confirmed=False)
    return device


def confirm_totp_device(*, device: TOTPDevice, token: str) -> bool:
    """Confirm ``device`` when ``token`` is its current code; False (nothing changes)
    otherwise. Older unfinished devices of the user are removed."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    return True


@transaction.atomic
def create_api_token(*, user: User) -> Token:
    """A new personal API token for ``user``; the previous one (if any) stops working."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def revoke_api_token(*, user: User) -> bool:
    """Revoke ``user``'s API token; whether there was one."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    return deleted > 0
