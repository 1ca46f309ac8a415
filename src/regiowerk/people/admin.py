"""Admin: for support staff, read-only and without names (common.admin).

Persons, dossiers, consents and status observations are read through the dossier page
(which logs every read) and changed through people.actions (which check rights and
bump versions), never here. Persons are shown by id; no BSN field, name, contact
detail or free text (intake, goals, notes) is shown. Plan actions and contact moments
are only free text about a person, so they are not registered at all. The access log
is append-only evidence.
"""

from django.contrib import admin

from regiowerk.common.admin import ReadOnlyAdmin, ShownByIdAdmin
from regiowerk.people.models import (
    AccessLog,
    Consent,
    Dossier,
    LabourStatusObservation,
    Person,
)


@admin.register(Person)
class PersonAdmin(ShownByIdAdmin):
    list_display = ["id", "organisation", "labour_status", "is_anonymised"]
    list_filter = ["organisation", "labour_status", "is_anonymised"]
    fields = readonly_fields = (
        "id",
        "organisation",
        "labour_status",
        "has_duplicate_elsewhere",
        "counts_in_region",
        "is_anonymised",
        "anonymised_on",
        "created_by",
        "created_at",
        "updated_at",
        "version",
    )
    list_select_related = ["organisation"]


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["id", "organisation", "status", "opened_on", "closed_on"]
    list_filter = ["organisation", "status"]
    fields = readonly_fields = (
        "id",
        "person_id",
        "organisation",
        "status",
        "opened_on",
        "closed_on",
        "intake_recorded_on",
        "is_anonymised",
        "opened_by",
        "version",
    )
    list_select_related = ["organisation"]


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["id", "purpose", "partner", "given_on", "withdrawn_on"]
    list_filter = ["purpose"]
    fields = readonly_fields = (
        "person_id",
        "purpose",
        "partner",
        "given_on",
        "recorded_by",
        "withdrawn_on",
        "withdrawn_by",
    )
    list_select_related = ["partner"]


@admin.register(LabourStatusObservation)
class LabourStatusObservationAdmin(ReadOnlyAdmin):
    list_display = ["id", "status", "observed_on", "source"]
    list_filter = ["status", "source"]
    fields = readonly_fields = (
        "person_id",
        "observed_on",
        "status",
        "contract_type",
        "source",
        "recorded_by",
    )


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    """The access log is append-only evidence: who read which person (by id), when, why."""

    list_display = ["at", "user", "organisation", "person_id", "purpose", "what"]
    list_filter = ["purpose", "organisation"]
    date_hierarchy = "at"
    fields = readonly_fields = (
        "at",
        "user",
        "organisation",
        "person_id",
        "purpose",
        "what",
    )
    list_select_related = ["user", "organisation"]
