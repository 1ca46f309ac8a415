"""Helpers the people actions share: field errors, today, and the BSN checks."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.people import bsn as bsn_crypto
from regiowerk.people import rules
from regiowerk.people.models import Person


def _error(field: str, message: Any, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _today() -> date:
    return timezone.localdate()


def _not_in_future(field: str, value: date | None) -> None:
    if value is not None and value > _today():
        raise _error(field, _("This date lies in the future."))


# --- BSN ---------------------------------------------------------------------------------


def _clean_bsn(raw: str) -> str:
    bsn = rules.normalise_bsn(raw)
    if not rules.is_valid_bsn(bsn):
        raise _error(
            "bsn",
            _("This is not a valid BSN: it must have 9 digits and pass the 11-check."),
        )
    return bsn


def _assign_bsn(person: Person, bsn: str, *, encrypt: bool) -> bool:
    """Set the pseudonym (and encrypted copy); return whether another partner has it.

    Raises ValidationError on ``bsn`` when the organisation already registered it.
    """
    pseudonym = bsn_crypto.pseudonymise_bsn(bsn)
    same_bsn = Person.objects.filter(bsn_pseudonym=pseudonym).exclude(pk=person.pk)
    if same_bsn.filter(organisation_id=person.organisation_id).exists():
        raise _error(
            "bsn",
            _("A person with this BSN is already registered in your organisation."),
            code="duplicate",
        )
    elsewhere = same_bsn.exclude(organisation_id=person.organisation_id)
    known_elsewhere = elsewhere.exists()
    if known_elsewhere:
        elsewhere.update(has_duplicate_elsewhere=True)
        person.counts_in_region = False  # the earlier registration is already counted
    person.bsn_pseudonym = pseudonym
    person.has_duplicate_elsewhere = known_elsewhere
    if encrypt:
        person.bsn_encrypted = bsn_crypto.encrypt_bsn(bsn)
    return known_elsewhere


def _duplicate_bsn_error() -> ValidationError:
    return _error(
        "bsn",
        _("A person with this BSN is already registered in your organisation."),
        code="duplicate",
    )
