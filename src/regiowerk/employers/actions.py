"""Changes to employers and vacancies.

Employer account managers, consultants, project leaders and administrators of any
partner organisation may register employers and vacancies; these are not personal data
and are shared across the region. Changing one is for those roles of the organisation
that holds it (``permissions.may_change_employer`` and ``may_change_vacancy``);
anyone else gets PermissionDenied.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiowerk.common.changes import apply_changes
from regiowerk.common.locking import save_versioned
from regiowerk.employers import rules
from regiowerk.employers.constants import OccupationStatus, VacancyStatus
from regiowerk.employers.models import (
    EMPLOYER_FIELD_NAMES,
    VACANCY_FIELD_NAMES,
    Employer,
    EmployerContact,
    Vacancy,
    VacancySkill,
)
from regiowerk.employers.permissions import (
    EMPLOYER_ROLES,
    may_register_employers,
    require_employer_holder,
    require_vacancy_holder,
)
from regiowerk.organisations import actions as organisation_actions
from regiowerk.organisations.models import Region
from regiowerk.organisations.queries import Actor

__all__ = [
    "EMPLOYER_ROLES",  # re-exported: callers imported it from here
    "close_vacancy",
    "create_vacancy",
    "invite_employer_contact",
    "register_employer",
    "resend_invitation",
    "set_contact_active",
    "set_vacancy_occupation",
    "set_vacancy_skills",
    "update_employer",
    "update_vacancy",
]


def _require_employer_role(actor: Actor) -> None:
    if not may_register_employers(actor):
        raise PermissionDenied(_("Your role may not register employers or vacancies."))


def _check_vacancy(vacancy: Vacancy) -> None:
    errors: dict[str, str] = {}
    if not rules.hours_are_valid(vacancy.hours_min or 0, vacancy.hours_max or 0):
        errors["hours_max"] = _(
            "Hours per week must be between 1 and 60, the minimum not above the maximum."
        )
    if vacancy.closes_on and vacancy.opens_on and vacancy.closes_on < vacancy.opens_on:
        errors["closes_on"] = _("The closing date lies before the opening date.")
    if errors:
        raise ValidationError(errors)
    vacancy.full_clean(exclude=["employer", "organisation", "occupation_confirmed_by"])


def _check_employer(employer: Employer) -> None:
    """The rules of a registered employer: a valid KvK number no other employer has, a
    size class (from the number of employees when given), every field valid."""
    employer.kvk_number = kvk = rules.normalise_kvk_number(employer.kvk_number)
    if not rules.is_valid_kvk_number(kvk):
        raise ValidationError({"kvk_number": _("A KvK number has exactly 8 digits.")})
    if Employer.objects.filter(kvk_number=kvk).exclude(pk=employer.pk).exists():
        raise ValidationError(
            {"kvk_number": _("An employer with this KvK number is already registered.")}
        )
    if employer.employees is not None:
        employer.size_class = rules.size_class_for(employer.employees)
    elif not employer.size_class:
        raise ValidationError(
            {"employees": _("Give the number of employees or the size class.")}
        )
    employer.name = employer.name.strip()
    employer.postcode = employer.postcode.strip().upper()
    employer.city = employer.city.strip()
    employer.full_clean()


def register_employer(
    *,
    actor: Actor,
    region: Region,
    **fields: Any,
) -> Employer:
    """Register an employer with ``fields`` (names of ``EMPLOYER_FIELD_NAMES``; name,
    KvK number and sector required, and the number of employees or the size class).

    The KvK number must be valid and not yet registered; the size class follows from
    ``employees`` when given; the actor's organisation holds the account. Raises
    ValidationError naming the field, or PermissionDenied for roles that may not
    register employers.
    """
    _require_employer_role(actor)
    employer = Employer(region=region, account_organisation=actor.organisation)
    apply_changes(employer, fields, allowed=EMPLOYER_FIELD_NAMES)
    _check_employer(employer)
    employer.save()
    return employer


def update_employer(
    *, actor: Actor, employer: Employer, expected_version: int, **changes: Any
) -> Employer:
    """Change an employer's fields (names of ``EMPLOYER_FIELD_NAMES``) under the rules
    of :func:`register_employer`. Only the account organisation's registering roles
    may (PermissionDenied otherwise); refuses (ConcurrentEditError) when someone saved
    first; ValidationError naming the field."""
    require_employer_holder(actor=actor, employer=employer)
    apply_changes(employer, changes, allowed=EMPLOYER_FIELD_NAMES)
    _check_employer(employer)
    fields = [*changes, "kvk_number", "size_class"]
    return save_versioned(
        employer, expected_version=expected_version, fields=list(dict.fromkeys(fields))
    )


@transaction.atomic
def create_vacancy(
    *,
    actor: Actor,
    employer: Employer,
    skills: Iterable[tuple[str, str, bool]] = (),
    **fields: Any,
) -> Vacancy:
    """Register a vacancy with ``fields`` (names of ``VACANCY_FIELDS``; title, hours,
    contract type and opening date required); ``skills`` are (ESCO skill URI, label,
    is_essential) triples.

    Raises ValidationError naming the field (hours, dates, choices, a field that is not
    a vacancy's); nothing is saved then.
    """
    _require_employer_role(actor)
    vacancy = Vacancy(employer=employer, organisation=actor.organisation)
    apply_changes(vacancy, fields, allowed=VACANCY_FIELD_NAMES)
    vacancy.title = vacancy.title.strip()
    vacancy.postcode = vacancy.postcode.strip().upper()
    vacancy.city = vacancy.city.strip()
    _check_vacancy(vacancy)
    vacancy.save()
    set_vacancy_skills(actor=actor, vacancy=vacancy, skills=skills)
    return vacancy


def update_vacancy(
    *, actor: Actor, vacancy: Vacancy, expected_version: int, **changes: Any
) -> Vacancy:
    """Change a vacancy's fields (names of ``VACANCY_FIELDS``); refuses
    (ConcurrentEditError) when someone saved first."""
    require_vacancy_holder(actor=actor, vacancy=vacancy)
    apply_changes(vacancy, changes, allowed=VACANCY_FIELD_NAMES)
    _check_vacancy(vacancy)
    return save_versioned(
        vacancy, expected_version=expected_version, fields=list(changes)
    )


def set_vacancy_occupation(
    *, actor: Actor, vacancy: Vacancy, occupation_uri: str, label: str, confirmed: bool
) -> Vacancy:
    """Link a vacancy to an ESCO occupation: a suggestion, or confirmed by this user."""
    require_vacancy_holder(actor=actor, vacancy=vacancy)
    if not occupation_uri:
        raise ValidationError({"occupation_uri": _("Choose an occupation.")})
    vacancy.occupation_uri = occupation_uri
    vacancy.occupation_label = label
    vacancy.occupation_status = (
        OccupationStatus.CONFIRMED if confirmed else OccupationStatus.SUGGESTED
    )
    vacancy.occupation_confirmed_by = actor.user if confirmed else None
    vacancy.save(
        update_fields=[
            "occupation_uri",
            "occupation_label",
            "occupation_status",
            "occupation_confirmed_by",
            "updated_at",
        ]
    )
    return vacancy


@transaction.atomic
def set_vacancy_skills(
    *, actor: Actor, vacancy: Vacancy, skills: Iterable[tuple[str, str, bool]]
) -> list[VacancySkill]:
    """Replace the vacancy's skills with ``skills`` ((uri, label, is_essential) triples)."""
    require_vacancy_holder(actor=actor, vacancy=vacancy)
    rows: dict[str, VacancySkill] = {}
    for uri, label, is_essential in skills:
        if not uri:
            raise ValidationError({"skills": _("Every skill needs an ESCO URI.")})
        rows[uri] = VacancySkill(
            vacancy=vacancy,
            skill_uri=uri,
            skill_label=label or uri,
            is_essential=is_essential,
        )
    VacancySkill.objects.filter(vacancy=vacancy).delete()
    return VacancySkill.objects.bulk_create(rows.values())


def close_vacancy(*, actor: Actor, vacancy: Vacancy, filled: bool, on: date) -> Vacancy:
    """Close a vacancy (filled or withdrawn) as of ``on``."""
    require_vacancy_holder(actor=actor, vacancy=vacancy)
    vacancy.status = VacancyStatus.FILLED if filled else VacancyStatus.CLOSED
    vacancy.closes_on = on
    vacancy.save(update_fields=["status", "closes_on", "updated_at"])
    return vacancy


# --- Employer contacts (users of the employer, for "Mijn medewerkers") ------------------


@transaction.atomic
def invite_employer_contact(
    *,
    actor: Actor,
    employer: Employer,
    first_name: str,
    last_name: str,
    email: str,
    site_url: str,
) -> EmployerContact:
    """Invite a contact person of ``employer`` to log in: a user of the employer-contact
    kind (tied to the employer, member of no partner organisation), with no usable
    password, and an e-mail with the link to set one (under ``site_url``). For the
    registering roles of the employer's account organisation (PermissionDenied
    otherwise). Raises ValidationError naming the field (a missing name, an e-mail
    address in use, a mail that cannot be sent); nothing is saved then."""
    require_employer_holder(actor=actor, employer=employer)
    if not employer.is_active:
        raise ValidationError(
            _("This employer is no longer active; it takes no new contact persons.")
        )
    user = organisation_actions.create_invited_user(
        email=email, first_name=first_name, last_name=last_name
    )
    contact = EmployerContact.objects.create(
        user=user, employer=employer, invited_by=actor.user, invited_at=timezone.now()
    )
    _send_invitation(contact, site_url)
    return contact


def _send_invitation(contact: EmployerContact, site_url: str) -> None:
    employer = contact.employer.name
    organisation_actions.send_password_invitation(
        user=contact.user,
        site_url=site_url,
        subject=_("Your log-in to regiowerk for %(employer)s") % {"employer": employer},
        message=_(
            "You have been invited as a contact person of %(employer)s. With your "
            "log-in you see the workers placed with %(employer)s, their labour expert, "
            "and the follow-up status each worker has agreed to share with you; you "
            "can also ask the labour expert for help."
        )
        % {"employer": employer},
    )


def _require_contact_holder(actor: Actor, contact: EmployerContact) -> None:
    require_employer_holder(actor=actor, employer=contact.employer)


@transaction.atomic
def resend_invitation(
    *, actor: Actor, contact: EmployerContact, site_url: str
) -> EmployerContact:
    """Send an active contact a new link to set their password (the old link keeps
    working until it expires or is used). ValidationError for a deactivated contact
    or a mail that cannot be sent."""
    _require_contact_holder(actor, contact)
    if not contact.user.is_active:
        raise ValidationError(
            _("This contact person is deactivated: reactivate them first.")
        )
    contact.invited_by = actor.user
    contact.invited_at = timezone.now()
    contact.save(update_fields=["invited_by", "invited_at"])
    _send_invitation(contact, site_url)
    return contact


def set_contact_active(
    *, actor: Actor, contact: EmployerContact, active: bool
) -> EmployerContact:
    """Deactivate a contact (they can no longer log in, their sessions and API key stop
    working; what they recorded stays) or reactivate them (their password, if they set
    one, works again). Idempotent."""
    _require_contact_holder(actor, contact)
    user = contact.user
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
    return contact
