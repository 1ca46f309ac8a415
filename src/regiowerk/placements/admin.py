"""Candidacies and placements name a person: read-only in the admin, shown by id,
without the person or free text (``common/admin.py``)."""

from django.contrib import admin

from regiowerk.common.admin import ReadOnlyAdmin
from regiowerk.placements.models import Candidacy, Placement


@admin.register(Candidacy)
class CandidacyAdmin(ReadOnlyAdmin):
    list_display = ["id", "vacancy", "stage", "stage_on", "ended_as"]
    list_filter = ["stage", "ended_as", "source"]
    fields = readonly_fields = (
        "id",
        "vacancy",
        "organisation",
        "source",
        "stage",
        "stage_on",
        "ended_as",
        "ended_on",
    )


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ["id", "employer", "kind", "contract_type", "starts_on"]
    list_filter = ["kind", "contract_type"]
    fields = readonly_fields = (
        "id",
        "employer",
        "organisation",
        "kind",
        "contract_type",
        "starts_on",
        "contract_ends_on",
        "hours_per_week",
    )
