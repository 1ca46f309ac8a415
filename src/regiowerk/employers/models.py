"""Employers and their vacancies, and the one declaration of a vacancy's editable fields."""

from dataclasses import dataclass
from typing import Any, Literal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regiowerk.common.models import VersionedModel
from regiowerk.employers.constants import (
    ContractType,
    OccupationStatus,
    PhysicalLoad,
    Sector,
    SizeClass,
    VacancySource,
    VacancyStatus,
)
from regiowerk.organisations.fields import (
    organisation_reference,
    region_reference,
    user_reference,
)


class Employer(VersionedModel):
    """An employer in the region, identified by its KvK number."""

    name = models.CharField(_("name"), max_length=200)
    kvk_number = models.CharField(_("KvK number"), max_length=8, unique=True)
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices)
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    region = region_reference(related_name="employers")
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    account_organisation = organisation_reference(
        _("account held by"),
        on_delete=models.SET_NULL,
        related_name="employer_accounts",
        optional=True,
        help_text=_("The partner organisation that manages the relationship."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# What a user sets on an employer: the registration and the change (web form, API,
# import); register_employer and update_employer refuse any other field.
EMPLOYER_FIELD_NAMES = (
    "name",
    "kvk_number",
    "sector",
    "employees",
    "size_class",
    "postcode",
    "city",
)


class Vacancy(VersionedModel):
    """A vacancy of an employer, with the ESCO occupation and skills it asks for."""

    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    organisation = organisation_reference(_("registered by"), related_name="vacancies")
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
    occupation_confirmed_by = user_reference()
    hours_min = models.PositiveSmallIntegerField(_("minimum hours per week"))
    hours_max = models.PositiveSmallIntegerField(_("maximum hours per week"))
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=ContractType.choices
    )
    physical_load = models.CharField(
        _("physical load"),
        max_length=10,
        choices=PhysicalLoad.choices,
        blank=True,
        default=PhysicalLoad.NOT_STATED,
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


@dataclass(frozen=True)
class Editable:
    """A field a user sets on a record, with the limits every adapter applies.

    ``kind`` picks the input: ``text`` (one line), ``long_text``, ``integer``,
    ``number`` (a float) or ``date``; with ``choices`` it is one of those. An optional field
    left out is ``default`` ("" for text). ``form_help`` is shown under the web form's
    input only; ``on_form`` and ``in_import`` leave a field out of the web form or the
    import file (the API takes every field).
    """

    name: str
    label: str | Promise
    kind: Literal["text", "long_text", "integer", "number", "date"] = "text"
    required: bool = False
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    choices: type[models.TextChoices] | None = None
    default: Any = None
    form_help: str | Promise = ""
    on_form: bool = True
    in_import: bool = True


def _coordinate(name: str, label: Promise, limit: int) -> Editable:
    """A latitude or longitude in degrees, within ±``limit``: only the API sets it."""
    return Editable(
        name,
        label,
        "number",
        min_value=-limit,
        max_value=limit,
        on_form=False,
        in_import=False,
    )


# What a user may set on a vacancy: the web form (employers.forms.VacancyForm), the API
# (employers.api.serializers.VacancyFieldsSerializer) and the import columns
# (employers.imports.VACANCY_SPEC) are made from this, and create_vacancy and
# update_vacancy refuse any other field (common.changes.apply_changes).
VACANCY_FIELDS: tuple[Editable, ...] = (
    Editable(
        "title",
        _("Title"),
        "text",
        required=True,
        max_length=200,
        form_help=_("As the employer writes it; an occupation is suggested next."),
    ),
    Editable("description", _("Description"), "long_text", default=""),
    Editable(
        "hours_min",
        _("Minimum hours per week"),
        "integer",
        required=True,
        min_value=1,
        max_value=60,
    ),
    Editable(
        "hours_max",
        _("Maximum hours per week"),
        "integer",
        required=True,
        min_value=1,
        max_value=60,
    ),
    Editable(
        "contract_type",
        _("Contract type"),
        required=True,
        choices=ContractType,
    ),
    Editable(
        "physical_load",
        _("Physical load"),
        choices=PhysicalLoad,
        default=PhysicalLoad.NOT_STATED,
        form_help=_("Matching leaves heavy work out for who cannot do it."),
    ),
    Editable("postcode", _("Postcode"), "text", max_length=7, default=""),
    Editable("city", _("Place of work"), "text", max_length=100, default=""),
    _coordinate("latitude", _("Latitude"), 90),
    _coordinate("longitude", _("Longitude"), 180),
    Editable("opens_on", _("Opens on"), "date", required=True),
    Editable("closes_on", _("Closes on"), "date"),
    Editable(
        "source",
        _("Source"),
        choices=VacancySource,
        default=VacancySource.EMPLOYER,
        in_import=False,  # an imported vacancy's source is "import"
    ),
)
VACANCY_FIELD_NAMES = tuple(field.name for field in VACANCY_FIELDS)


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


class EmployerContact(models.Model):
    """A user of its own kind: a contact person at an employer (werkgeverscontact), not
    a member of any partner organisation. Without a membership every partner page and
    endpoint refuses them (``organisations.web.actor_required``, ``api_actor``); their
    only page is the employer's view of their placed workers (placements)."""

    user = models.OneToOneField(
        "organisations.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="employer_contact",
    )
    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    # the invitation (employers.actions.invite_employer_contact); empty for a contact
    # made before invitations existed (the demo's, one made in the shell)
    invited_by = user_reference(_("invited by"))
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("employer contact")
        verbose_name_plural = _("employer contacts")

    def __str__(self) -> str:
        return f"{self.user} — {self.employer}"
