"""Choice lists for the matching app."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LinkSource(models.TextChoices):
    """How a person's occupation or skill was established."""

    SUGGESTED = "suggested", _("Suggested from free text")
    CONFIRMED = "confirmed", _("Confirmed by consultant")


class SkillSource(models.TextChoices):
    DECLARED = "declared", _("Declared by the person")
    ASSESSED = "assessed", _("Assessed")


# The access-log codes matching logs (people.access_labels), and what they say.
ACCESS_LABELS: dict[str, Promise] = {
    "matching: occupations": pgettext_lazy("access log", "matching: occupations"),
    "matching: skills": pgettext_lazy("access log", "matching: skills"),
    "matching: occupations and skills": pgettext_lazy(
        "access log", "matching: occupations and skills"
    ),
    "matching: link occupation": pgettext_lazy(
        "access log", "matching: link an occupation"
    ),
    "matching: remove occupation": pgettext_lazy(
        "access log", "matching: remove an occupation"
    ),
    "matching: add skills": pgettext_lazy("access log", "matching: add skills"),
    "matching: remove skill": pgettext_lazy("access log", "matching: remove a skill"),
    "matching: matched vacancies": pgettext_lazy(
        "access log", "matching: matching vacancies"
    ),
    "matching: transitions": pgettext_lazy("access log", "matching: transitions"),
    "matching: candidates for a vacancy": pgettext_lazy(
        "access log", "matching: candidates for a vacancy"
    ),
    "api: occupations": pgettext_lazy("access log", "API: occupations"),
    "api: skills": pgettext_lazy("access log", "API: skills"),
    "api: link occupation": pgettext_lazy("access log", "API: link an occupation"),
    "api: remove occupation": pgettext_lazy("access log", "API: remove an occupation"),
    "api: add skills": pgettext_lazy("access log", "API: add skills"),
    "api: remove skill": pgettext_lazy("access log", "API: remove a skill"),
    "api: matched vacancies": pgettext_lazy("access log", "API: matching vacancies"),
    "api: transitions": pgettext_lazy("access log", "API: transitions"),
}
