"""Admin bases for records that name a person.

Such records are read and changed through the gate (``people.access``: rights checked,
every read logged) and the apps' actions (rules, optimistic locking). The Django admin
is for support staff and must not be a way around that: it lists these records and
shows them read-only, by id, without names or free text.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext


class ReadOnlyAdmin(admin.ModelAdmin):
    """No add, change or delete (nor the bulk delete action): view only."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@dataclass(frozen=True)
class _ShownById:
    """What the admin's titles and breadcrumbs print for a record: its id."""

    pk: Any

    def __str__(self) -> str:
        return str(self.pk)


class ShownByIdAdmin(ReadOnlyAdmin):
    """Read-only, for a model whose ``__str__`` names the person (``Person``): the change
    and history pages are titled by the record's id instead."""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        shown = {"subtitle": object_id, "original": _ShownById(object_id)}
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), **shown}
        )

    def history_view(
        self,
        request: HttpRequest,
        object_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        shown = {
            "title": gettext("Change history: %s") % object_id,
            "object": _ShownById(object_id),
        }
        return super().history_view(
            request, object_id, {**(extra_context or {}), **shown}
        )
