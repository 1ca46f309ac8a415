"""Taxonomy tables (ESCO or the demo taxonomy) and the skill links of people and services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regiowerk.common.models import TimeStampedModel
from regiowerk.matching.constants import LinkSource, SkillSource
from regiowerk.people.models import Person
from regiowerk.services.models import Service


class TaxonomyRelease(TimeStampedModel):
    """One import of a taxonomy; the newest one is in use."""

    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source folders"))
    is_demo = models.BooleanField(
        _("demo taxonomy"),
        default=False,
        help_text=_("A small made-up taxonomy, not ESCO."),
    )
    occupation_count = models.PositiveIntegerField(default=0)
    skill_count = models.PositiveIntegerField(default=0)
    relation_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("taxonomy release")
        verbose_name_plural = _("taxonomy releases")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class Occupation(models.Model):
    """An occupation of the taxonomy (ESCO occupation URI as key)."""

    uri = models.CharField(_("URI"), max_length=200, unique=True)
    label = models.CharField(_("label"), max_length=300)
    alt_labels = models.TextField(_("alternative labels"), blank=True)  # one per line
    hidden_labels = models.TextField(_("hidden labels"), blank=True)  # one per line
    isco_group = models.CharField(_("ISCO group"), max_length=4, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Skill(models.Model):
    """A skill, competence or knowledge item of the taxonomy."""

    uri = models.CharField(_("URI"), max_length=200, unique=True)
    label = models.CharField(_("label"), max_length=400)
    skill_type = models.CharField(_("type"), max_length=30, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=30, blank=True)
    alt_labels = models.TextField(_("alternative labels"), blank=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class OccupationSkill(models.Model):
    """An occupation needs a skill: essentially or optionally."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="+"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    is_essential = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill"], name="unique_occupation_skill"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.skill_id}"


class SkillBroader(models.Model):
    """The skill hierarchy: ``narrower`` belongs under ``broader_uri`` (a skill or group)."""

    narrower = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    broader_uri = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["narrower", "broader_uri"], name="unique_skill_broader"
            )
        ]

    def __str__(self) -> str:
        return f"{self.narrower_id} ⊂ {self.broader_uri}"


class PersonOccupation(TimeStampedModel):
    """An occupation a person holds or held (personal data: read via people.access)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="occupation_links"
    )
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_current = models.BooleanField(_("current occupation"), default=False)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=LinkSource.choices,
        default=LinkSource.CONFIRMED,
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("occupation of a person")
        verbose_name_plural = _("occupations of people")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "occupation"], name="unique_person_occupation"
            )
        ]


class PersonSkill(TimeStampedModel):
    """A skill a person declared or that was assessed (personal data)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=SkillSource.choices,
        default=SkillSource.DECLARED,
    )

    class Meta:
        verbose_name = _("skill of a person")
        verbose_name_plural = _("skills of people")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "skill"], name="unique_person_skill"
            )
        ]


class ServiceSkill(models.Model):
    """A catalogue service (training, course) teaches a skill: it can close a gap."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="skill_links"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "skill"], name="unique_service_skill"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} teaches {self.skill_id}"
