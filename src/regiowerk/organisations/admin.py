from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from regiowerk.organisations.models import Membership, Organisation, Region, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class RegiowerkUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "region", "is_active"]
    list_filter = ["type", "region", "is_active"]
    search_fields = ["name"]


admin.site.register(Region)
