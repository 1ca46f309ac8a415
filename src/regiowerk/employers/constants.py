"""Choice lists for employers and vacancies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """Sections of the Dutch Standard Industrial Classification (SBI 2008)."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Energy supply")
    E = "E", _("Water supply and waste management")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade")
    H = "H", _("Transport and storage")
    I = "I", _("Accommodation and food service")  # noqa: E741 - SBI's own letter
    J = "J", _("Information and communication")
    K = "K", _("Financial services")
    L = "L", _("Real estate")
    M = "M", _("Professional, scientific and technical services")
    N = "N", _("Administrative and support services")
    O = "O", _("Public administration")  # noqa: E741 - SBI's own letter
    P = "P", _("Education")
    Q = "Q", _("Health and social care")
    R = "R", _("Culture, sports and recreation")
    S = "S", _("Other services")


class SizeClass(models.TextChoices):
    """Company size by employees (the SME/MKB classes used in regional reports)."""

    MICRO = "micro", _("Micro (fewer than 10)")
    SMALL = "small", _("Small (10–49)")
    MEDIUM = "medium", _("Medium (50–249)")
    LARGE = "large", _("Large (250 or more)")


class ContractType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    TEMPORARY = "temporary", _("Temporary")
    ON_CALL = "on_call", _("On call")
    AGENCY = "agency", _("Agency work")
    TRAINEESHIP = "traineeship", _("Traineeship / work-learning")


class VacancySource(models.TextChoices):
    EMPLOYER = "employer", _("Employer directly")
    SERVICE_DESK = "service_desk", _("Employer service desk")
    UWV = "uwv", _("UWV")
    AGENCY = "agency", _("Agency")
    IMPORT = "import", _("Import")


class VacancyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class OccupationStatus(models.TextChoices):
    """Whether a vacancy's ESCO occupation was only suggested or confirmed by a person."""

    NONE = "none", _("Not linked")
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")


class PhysicalLoad(models.TextChoices):
    """How physically demanding a vacancy's work is: matching leaves heavy work out for
    a person whose intake says they cannot do it."""

    NOT_STATED = "", _("Not stated")
    LIGHT = "light", _("Light (mostly sitting or walking)")
    MODERATE = "moderate", _("Moderate (some lifting or standing)")
    HEAVY = "heavy", _("Heavy (lifting, bending, standing for long)")
