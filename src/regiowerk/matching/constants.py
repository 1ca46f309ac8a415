"""Choice lists for the matching app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkSource(models.TextChoices):
    """How a person's occupation or skill was established."""

    SUGGESTED = "suggested", _("Suggested from free text")
    CONFIRMED = "confirmed", _("Confirmed by consultant")


class SkillSource(models.TextChoices):
    DECLARED = "declared", _("Declared by the person")
    ASSESSED = "assessed", _("Assessed")
