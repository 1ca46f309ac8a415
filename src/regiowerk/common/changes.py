"""Applying a caller's field changes to a model instance: the one check of which fields
an action lets its callers change.

An app declares its editable fields once (e.g. ``people.models.PERSON_EDITABLE_FIELDS``)
and passes them as ``allowed``; forms, serializers and import columns derive from the
same declaration. A name outside ``allowed`` is refused with a ValidationError on that
name, so an API client sees which key was wrong and nothing is set.
"""

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _


def refuse_unknown_fields(
    model: type[Model], names: Iterable[str], *, allowed: Collection[str]
) -> None:
    """Raise ValidationError naming each of ``names`` not in ``allowed``: "This field
    cannot be changed here." for a field of ``model``, "Unknown field." for any other
    name. Nothing happens when every name is allowed."""
    refused = sorted(set(names) - set(allowed))
    if refused:
        raise ValidationError(
            {
                name: ValidationError(_message(model, name), code="not_editable")
                for name in refused
            }
        )


def _message(model: type[Model], name: str) -> Any:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return _("Unknown field.")
    return _("This field cannot be changed here.")


def apply_changes(
    instance: Model, changes: Mapping[str, Any], *, allowed: Collection[str]
) -> list[str]:
    """Set ``changes`` (field name to new value) on ``instance``, unsaved, and return the
    names whose value differs from before, in the order of ``changes``.

    Raises ValidationError (see :func:`refuse_unknown_fields`) before setting anything
    when a name is not in ``allowed``. Validating the values and saving stay with the
    action.
    """
    refuse_unknown_fields(type(instance), changes, allowed=allowed)
    changed = []
    for name, value in changes.items():
        if getattr(instance, name) != value:
            changed.append(name)
        setattr(instance, name, value)
    return changed


__all__ = ["apply_changes", "refuse_unknown_fields"]
