"""Consents: giving and withdrawing them, and the BSN stored for BSN reporting."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from regiowerk.organisations.models import Organisation
from regiowerk.organisations.queries import Actor
from regiowerk.people import bsn as bsn_crypto
from regiowerk.people.access import require_write
from regiowerk.people.actions._shared import (
    _assign_bsn,
    _clean_bsn,
    _duplicate_bsn_error,
    _error,
    _not_in_future,
    _today,
)
from regiowerk.people.constants import ConsentPurpose
from regiowerk.people.models import Consent, Person


@transaction.atomic
def give_consent(
    *,
    actor: Actor,
    person: Person,
    purpose: str,
    given_on: date | None = None,
    partner: Organisation | None = None,
    bsn: str = "",
) -> Consent:
    """Record the person's consent for ``purpose`` (sharing: with ``partner``).

    Giving an already active consent returns it. ``bsn_reporting`` stores the BSN
    encrypted, so the BSN must be entered (and match the registered one) unless an
    encrypted copy exists.
    """
    require_write(actor=actor, person=person)
    if purpose not in ConsentPurpose.values:
        raise _error("purpose", _("Choose a purpose."), code="invalid_choice")
    if purpose == ConsentPurpose.SHARING:
        if partner is None:
            raise _error(
                "partner",
                _("Choose the partner organisation the person shares with."),
                code="required",
            )
        if partner.pk == person.organisation_id:
            raise _error(
                "partner", _("Sharing is with another organisation than your own.")
            )
        if not partner.is_active:
            raise _error("partner", _("This organisation is no longer active."))
    elif partner is not None:
        raise _error(
            "partner", _("A partner organisation is only named for sharing consent.")
        )
    given_on = given_on or _today()
    _not_in_future("given_on", given_on)
    existing = Consent.objects.active().filter(
        person=person, purpose=purpose, partner=partner
    )
    if purpose == ConsentPurpose.BSN_REPORTING:
        _store_bsn_for_reporting(person, bsn)
    elif bsn.strip():
        raise _error("bsn", _("A BSN is only entered for BSN-reporting consent."))
    if (found := existing.first()) is not None:
        return found
    return Consent.objects.create(
        person=person,
        purpose=purpose,
        partner=partner,
        given_on=given_on,
        recorded_by=actor.user,
    )


def _store_bsn_for_reporting(person: Person, raw_bsn: str) -> None:
    if not raw_bsn.strip():
        if person.bsn_encrypted:
            return
        raise _error(
            "bsn",
            _(
                "Enter the person's BSN: it is stored (encrypted) only with this consent."
            ),
            code="required",
        )
    cleaned = _clean_bsn(raw_bsn)
    if person.has_bsn:
        if bsn_crypto.pseudonymise_bsn(cleaned) != person.bsn_pseudonym:
            raise _error(
                "bsn", _("This BSN does not match the BSN registered for this person.")
            )
        person.bsn_encrypted = bsn_crypto.encrypt_bsn(cleaned)
    else:
        _assign_bsn(person, cleaned, encrypt=True)
    try:
        with transaction.atomic():
            Person.objects.filter(pk=person.pk).update(
                bsn_pseudonym=person.bsn_pseudonym,
                bsn_encrypted=person.bsn_encrypted,
                has_duplicate_elsewhere=person.has_duplicate_elsewhere,
                counts_in_region=person.counts_in_region,
            )
    except IntegrityError:
        raise _duplicate_bsn_error() from None


@transaction.atomic
def withdraw_consent(
    *, actor: Actor, consent: Consent, withdrawn_on: date | None = None
) -> Consent:
    """Withdraw a consent, effective at once.

    Withdrawing the last active ``bsn_reporting`` consent deletes the encrypted BSN.
    """
    person = consent.person
    require_write(actor=actor, person=person)
    if consent.withdrawn_on is not None:
        raise _error(
            "withdrawn_on", _("This consent was already withdrawn."), code="withdrawn"
        )
    withdrawn_on = withdrawn_on or _today()
    _not_in_future("withdrawn_on", withdrawn_on)
    if withdrawn_on < consent.given_on:
        raise _error("withdrawn_on", _("Withdrawal cannot precede the consent."))
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_by = actor.user
    consent.save(update_fields=["withdrawn_on", "withdrawn_by", "updated_at"])
    if consent.purpose == ConsentPurpose.BSN_REPORTING:
        still_consented = Consent.objects.active().filter(
            person=person, purpose=ConsentPurpose.BSN_REPORTING
        )
        if not still_consented.exists():
            Person.objects.filter(pk=person.pk).update(bsn_encrypted=None)
            person.bsn_encrypted = None
    return consent
