"""Helpers the services actions share (not part of the public API)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def refuse_unknown_fields(names: Iterable[str], allowed: Iterable[str]) -> None:
    """Raise ValidationError naming each of ``names`` that is not ``allowed``."""
    unknown = set(names) - set(allowed)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
