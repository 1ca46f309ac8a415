"""Employers and their vacancies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regiowerk.common.models import TimeStampedModel, VersionedModel
from regiowerk.employers.constants import (
    ContractType,
    OccupationStatus,
    Sector,
    SizeClass,
    VacancySource,
    VacancyStatus,
)
from regiowerk.organisations.models import Organisation, Region


class Employer(TimeStampedModel):
    """An employer in the region, identified by its KvK number."""

    name = models.CharField(_("name"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, unique=True)
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices)
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="employers",
    )
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    account_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("account held by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employer_accounts",
        help_text=_("The partner organisation that manages the relationship."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Vacancy(VersionedModel):
    """A vacancy of an employer, with the ESCO occupation and skills it asks for."""

    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # ESCO URIs are stable identifiers; the matching app (above this one) resolves them.
    occupation_uri = models.CharField(_("ESCO occupation"), max_length=200, blank=True)
    occupation_label = models.CharField(_("occupation"), max_length=200, blank=True)
    occupation_status = models.CharField(
        _("occupation link"),
        max_length=10,
        choices=OccupationStatus.choices,
        default=OccupationStatus.NONE,
    )
    occupation_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hours_min = models.PositiveSmallIntegerField(_("minimum hours per week"))
    hours_max = models.PositiveSmallIntegerField(_("maximum hours per week"))
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices
    )
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=VacancySource.choices,
        default=VacancySource.EMPLOYER,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VacancyStatus.choices,
        default=VacancyStatus.OPEN,
    )

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-opens_on", "title"]
        indexes = [models.Index(fields=["status", "closes_on"])]

    def __str__(self) -> str:
        return f"{self.title} — {self.employer}"


class VacancySkill(models.Model):
    """A skill a vacancy asks for: essential (required) or optional."""

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="skills"
    )
    skill_uri = models.CharField(_("ESCO skill"), max_length=200)
    skill_label = models.CharField(_("skill"), max_length=300)
    is_essential = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("vacancy skill")
        verbose_name_plural = _("vacancy skills")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "skill_uri"], name="unique_vacancy_skill"
            )
        ]

    def __str__(self) -> str:
        return self.skill_label
