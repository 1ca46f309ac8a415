"""Changes to organisations, users and memberships."""

import smtplib

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from django_otp.plugins.otp_totp.models import TOTPDevice

from regiowerk.organisations import api_keys
from regiowerk.organisations.constants import OrganisationType, Role
from regiowerk.organisations.models import (
    ApiToken,
    Membership,
    Organisation,
    Region,
    User,
)

USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length or 150


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


def create_invited_user(*, email: str, first_name: str, last_name: str) -> User:
    """A user who sets their own password through an invitation
    (:func:`send_password_invitation`): no usable password until then; their username
    is their e-mail address (lower case), with which they log in. Raises
    ValidationError naming the field: a missing name, an invalid e-mail address, or one
    that another user already has (as e-mail address or as username)."""
    email = email.strip().lower()
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    errors: dict[str, str] = {}
    if not user.first_name:
        errors["first_name"] = _("Give the first name.")
    if not user.last_name:
        errors["last_name"] = _("Give the last name.")
    if not email:
        errors["email"] = _("Give the e-mail address.")
    elif len(email) > USERNAME_MAX_LENGTH or not _is_email(email):
        errors["email"] = _("Enter a valid e-mail address.")
    elif (
        User.objects.filter(email__iexact=email).exists()
        or User.objects.filter(username__iexact=email).exists()
    ):
        errors["email"] = _("This e-mail address is already in use by another user.")
    if errors:
        raise ValidationError(errors)
    user.set_unusable_password()
    user.full_clean()  # a valid e-mail address (and so a valid username)
    user.save()
    return user


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return False
    return True


def password_set_path(user: User) -> str:
    """The path of the page where ``user`` sets a (new) password: Django's
    password-reset token, valid for ``PASSWORD_RESET_TIMEOUT`` and only until the
    password changes (or the user logs in)."""
    return reverse(
        "password-set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def send_password_invitation(
    *, user: User, site_url: str, subject: str, message: str
) -> None:
    """E-mail ``user`` the ``message``, their username and the link to set their
    password (:func:`password_set_path` under ``site_url``). Raises ValidationError
    (field ``email``) when the mail cannot be sent, so a caller inside a transaction
    saves nothing."""
    link = site_url.rstrip("/") + password_set_path(user)
    body = _(
        "%(message)s\n\n"
        "Your username is your e-mail address: %(username)s\n\n"
        "Choose your password here: %(link)s\n\n"
        "The link works once, for %(days)s days. Has it expired? Ask whoever invited "
        "you to send a new invitation."
    ) % {
        "message": message,
        "username": user.username,
        "link": link,
        "days": _invitation_days(),
    }
    try:
        send_mail(subject, body, None, [user.email])
    except (smtplib.SMTPException, OSError) as exc:
        raise ValidationError(
            {"email": _("The invitation could not be sent; try again later.")}
        ) from exc


def _invitation_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 3600))


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
def create_api_token(*, user: User) -> tuple[ApiToken, str]:
    """A new personal API key for ``user``; the previous one (if any) stops working.
    Returns the stored token and the key, which is kept nowhere (only its digest is):
    show it once, on the response that made it, and forget it."""
    key = api_keys.new_key()
    ApiToken.objects.filter(user=user).delete()
    token = ApiToken.objects.create(user=user, digest=api_keys.digest(key))
    return token, key


def revoke_api_token(*, user: User) -> bool:
    """Revoke ``user``'s API token; whether there was one."""
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return deleted > 0
