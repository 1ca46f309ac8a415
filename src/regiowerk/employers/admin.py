from django.contrib import admin

from regiowerk.employers.models import Employer, Vacancy, VacancySkill


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
