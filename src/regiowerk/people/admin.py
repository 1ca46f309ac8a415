"""Admin: for support staff. No BSN fields are shown; the access log is read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from regiowerk.people.models import (
    AccessLog,
    Consent,
    Dossier,
    LabourStatusObservation,
    Person,
)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "labour_status", "is_anonymised"]
    list_filter = ["organisation", "labour_status", "is_anonymised"]
    search_fields = ["last_name", "first_name"]
    # bsn_pseudonym and bsn_encrypted are deliberately absent (and not editable anyway).
    exclude = ["bsn_pseudonym", "bsn_encrypted"]
    readonly_fields = ["has_duplicate_elsewhere", "is_anonymised", "created_by"]


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "status", "opened_on", "closed_on"]
    list_filter = ["organisation", "status"]
    readonly_fields = ["person"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "partner", "given_on", "withdrawn_on"]
    list_filter = ["purpose"]
    readonly_fields = ["person"]


admin.site.register(LabourStatusObservation)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the access log is append-only evidence."""

    list_display = ["at", "user", "organisation", "person", "purpose", "what"]
    list_filter = ["purpose", "organisation"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
