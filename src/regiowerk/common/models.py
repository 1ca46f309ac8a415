"""Abstract base models shared by the domain apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds creation and last-change timestamps."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A model under optimistic locking: every change must name the version it started from.

    Writes go through :func:`regiowerk.common.locking.save_versioned`, which refuses a
    change based on an out-of-date version instead of silently overwriting someone else's.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class PublishedFigures(models.Model):
    """Figures about persons as published for one calendar month (``common.published``).

    Small-cell suppression does not stop differencing: a reader who sees aggregates
    only and looks before and after one registration learns about that person from the
    change (12 → 13). So such a reader gets figures counted once per month, at the
    first look in that month, and shown unchanged until the next month. ``scope`` names
    whose figures they are (``monitoring.project:7``); ``figures`` holds them by key,
    raw (suppression applies when they are shown). No person is named in them.
    """

    scope = models.CharField(_("scope"), max_length=100)
    month = models.DateField(_("month"))  # the first day of the month published for
    figures = models.JSONField(_("figures"), default=dict)
    counted_at = models.DateTimeField(_("counted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("published figures")
        verbose_name_plural = _("published figures")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "month"], name="one_publication_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.month:%Y-%m}"
