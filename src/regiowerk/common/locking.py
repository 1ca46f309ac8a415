"""Optimistic locking: concurrent edits cannot silently overwrite each other."""

from typing import TypeVar

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from regiowerk.common.models import VersionedModel

M = TypeVar("M", bound=VersionedModel)


class ConcurrentEditError(Exception):
    """Raised when a record changed after the editor loaded it."""

    message = _(
        "Someone else changed this record while you were editing it. "
        "Reload the page to see their changes, then make yours again."
    )

    def __init__(self, *, expected_version: int, current_version: int | None) -> None:
        super().__init__(str(self.message))
        self.expected_version = expected_version
        self.current_version = current_version


def save_versioned(instance: M, *, expected_version: int, fields: list[str]) -> M:
    """Write ``fields`` of ``instance`` only if the stored version is ``expected_version``.

    The check and the write are one UPDATE statement, so two simultaneous saves cannot
    both succeed. Raises ConcurrentEditError otherwise; the instance's version is bumped.
    """
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    if "updated_at" in {f.name for f in model._meta.fields}:
        from django.utils import timezone

        values["updated_at"] = instance.updated_at = timezone.now()
    updated = model._default_manager.filter(
        pk=instance.pk, version=expected_version
    ).update(version=F("version") + 1, **values)
    if updated != 1:
        current = (
            model._default_manager.filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        raise ConcurrentEditError(
            expected_version=expected_version, current_version=current
        )
    instance.version = expected_version + 1
    return instance
