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


def _accessed(text: str) -> Promise:
    return pgettext_lazy("access log", text)


# The access-log codes matching logs (people.access_labels), and what they say.
ACCESS_LABELS: dict[str, Promise] = {
    "matching: occupations": _accessed("matching: occupations"),
    "matching: skills": _accessed("matching: skills"),
    "matching: occupations and skills": _accessed("matching: occupations and skills"),
    "matching: link occupation": _accessed("matching: link an occupation"),
    "matching: remove occupation": _accessed("matching: remove an occupation"),
    "matching: add skills": _accessed("matching: add skills"),
    "matching: remove skill": _accessed("matching: remove a skill"),
    "matching: matched vacancies": _accessed("matching: matching vacancies"),
    "matching: transitions": _accessed("matching: transitions"),
    "matching: candidates for a vacancy": _accessed(
        "matching: candidates for a vacancy"
    ),
    "api: occupations": _accessed("API: occupations"),
    "api: skills": _accessed("API: skills"),
    "api: link occupation": _accessed("API: link an occupation"),
    "api: remove occupation": _accessed("API: remove an occupation"),
    "api: add skills": _accessed("API: add skills"),
    "api: remove skill": _accessed("API: remove a skill"),
    "api: matched vacancies": _accessed("API: matching vacancies"),
    "api: transitions": _accessed("API: transitions"),
}
