from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from regiowerk.common.admin import ReadOnlyAdmin
from regiowerk.employers.models import Employer, EmployerContact, Vacancy, VacancySkill


class VacancySkillInline(admin.TabularInline):
    model = VacancySkill
    extra = 0


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "kvk_number", "sector", "size_class", "region"]
    list_filter = ["sector", "size_class", "region"]
    search_fields = ["name", "kvk_number"]


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "employer",
        "occupation_label",
        "status",
        "opens_on",
        "closes_on",
    ]
    list_filter = ["status", "contract_type", "occupation_status"]
    search_fields = ["title", "employer__name", "occupation_label"]
    inlines = [VacancySkillInline]


@admin.register(EmployerContact)
class EmployerContactAdmin(ReadOnlyAdmin):
    """Which user is a contact person of which employer, view only. A contact is made
    by the invitation on the employer's page (``actions.invite_employer_contact``: no
    membership, no usable password until they set one) and (de)activated there; a
    contact made here would skip those rules. They are users, not data subjects, so
    they are shown by username like any user in the admin; the user's own page (the
    user admin) is where support staff reset a log-in."""

    list_display = ["user", "employer", "is_active", "invited_at"]
    list_filter = ["user__is_active"]
    search_fields = ["user__username", "user__email", "employer__name"]
    list_select_related = ["user", "employer"]
    fields = readonly_fields = ("user", "employer", "invited_by", "invited_at")

    @admin.display(boolean=True, description=_("active"))
    def is_active(self, contact: EmployerContact) -> bool:
        return contact.user.is_active
