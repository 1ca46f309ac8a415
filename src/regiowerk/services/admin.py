"""Admin for the catalogue and events. Enrolments and registrations name persons, so
the admin shows them read-only and without names (use the dossier, which logs access).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from regiowerk.common.admin import ReadOnlyAdmin
from regiowerk.services.models import (
    Attendance,
    Enrolment,
    Event,
    EventRegistration,
    Service,
)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "provider", "price_cents", "capacity", "is_active"]
    list_filter = ["type", "is_active", "provider"]
    search_fields = ["name", "description"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    list_select_related = ["provider"]


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    # person is shown by id only: no names outside the access-logged dossier
    list_display = ["id", "service", "status", "registered_on", "completed_on"]
    list_filter = ["status", "service__provider"]
    fields = readonly_fields = (
        "person_id",
        "service",
        "enrolling_organisation",
        "status",
        "registered_on",
        "started_on",
        "completed_on",
        "dropped_out_on",
        "satisfaction_score",
        "version",
    )
    list_select_related = ["service"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["enrolment_id", "session_on", "is_present"]
    fields = readonly_fields = ("enrolment_id", "session_on", "is_present")


class EventRegistrationInline(admin.TabularInline):
    model = EventRegistration
    fields = readonly_fields = ("id", "registering_organisation", "has_attended")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "type",
        "organiser",
        "starts_at",
        "place",
        "capacity",
        "anonymous_head_count",
    ]
    list_filter = ["type", "is_learning_network_meeting", "organiser"]
    search_fields = ["title", "network_name", "place"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [EventRegistrationInline]
    list_select_related = ["organiser"]
