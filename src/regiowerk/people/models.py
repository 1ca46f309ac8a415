"""Persons, their dossiers, consents, labour-status history and the access log.

Writes go through actions.py; reads of personal data through access.py. A BSN is never
stored in plain text: only its keyed pseudonym and, with consent, an encrypted copy.
"""

import uuid
from datetime import date
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common.models import TimeStampedModel, VersionedModel
from regiowerk.organisations.fields import (
    organisation_reference,
    region_reference,
    user_reference,
)
from regiowerk.people import rules
from regiowerk.people.access_labels import what_label
from regiowerk.people.constants import (
    AccessPurpose,
    ConsentPurpose,
    ContactStatus,
    ContactType,
    ContractType,
    DossierStatus,
    EducationLevel,
    Gender,
    LabourStatus,
    ObservationSource,
)


class PersonQuerySet(models.QuerySet["Person"]):
    def fifty_plus(self, *, on: date | None = None) -> "PersonQuerySet":
        """Persons aged 50 or more on ``on`` (default today): the 50+ target group."""
        cutoff = rules.latest_birth_date_for_50_plus(on or timezone.localdate())
        return self.filter(birth_date__lte=cutoff)

    def with_is_50_plus(self, *, on: date | None = None) -> "PersonQuerySet":
        """Annotate ``is_50_plus_on`` (unknown birth date: False)."""
        cutoff = rules.latest_birth_date_for_50_plus(on or timezone.localdate())
        return self.annotate(
            is_50_plus_on=models.Case(
                models.When(birth_date__lte=cutoff, then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )


class Person(VersionedModel):
    """A worker or job seeker, as registered by one partner organisation.

    The same human registered by two partners is two records, linked only through
    ``bsn_pseudonym``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = organisation_reference(
        _("holding organisation"), related_name="persons"
    )
    first_name = models.CharField(_("first name"), max_length=100)
    name_prefix = models.CharField(
        _("name prefix"), max_length=20, blank=True, help_text=_("e.g. 'van der'")
    )
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    # Kept on erasure, when the birth date is coarsened to the year (age-group counts).
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, editable=False
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = region_reference(related_name="persons", optional=True)
    education_level = models.CharField(
        _("education level"),
        max_length=20,
        choices=EducationLevel.choices,
        default=EducationLevel.UNKNOWN,
    )
    labour_status = models.CharField(
        _("labour status"), max_length=30, choices=LabourStatus.choices
    )
    labour_status_since = models.DateField(
        _("labour status since"), null=True, blank=True
    )
    has_occupational_disability = models.BooleanField(
        _("occupational disability"), default=False
    )
    is_banenafspraak = models.BooleanField(
        _("banenafspraak target group"), default=False
    )
    current_occupation = models.CharField(
        _("current occupation"), max_length=200, blank=True
    )
    previous_occupations = models.TextField(_("previous occupations"), blank=True)
    # BSN: keyed HMAC (hex) for linkage; Fernet token only with bsn_reporting consent.
    bsn_pseudonym = models.CharField(
        _("BSN pseudonym"), max_length=64, blank=True, db_index=True, editable=False
    )
    bsn_encrypted = models.TextField(
        _("encrypted BSN"), null=True, blank=True, editable=False
    )
    has_duplicate_elsewhere = models.BooleanField(
        _("also registered at another partner"), default=False, editable=False
    )
    # False when the same BSN was registered earlier at another partner in the region:
    # region figures then count the human once. Kept on erasure, so counts stay intact.
    counts_in_region = models.BooleanField(
        _("counted in region figures"), default=True, editable=False
    )
    is_anonymised = models.BooleanField(_("anonymised"), default=False, editable=False)
    anonymised_on = models.DateField(
        _("anonymised on"), null=True, blank=True, editable=False
    )
    created_by = user_reference(_("registered by"))

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["organisation", "last_name"])]
        constraints = [
            # Two simultaneous registrations of one BSN in one organisation: one fails.
            models.UniqueConstraint(
                fields=["organisation", "bsn_pseudonym"],
                condition=~models.Q(bsn_pseudonym=""),
                name="person_unique_bsn_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or str(_("Anonymised person"))

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.first_name, self.name_prefix, self.last_name) if part
        )

    @property
    def is_50_plus(self) -> bool:
        """Target group 50+, derived from the birth date (never stored)."""
        return rules.is_50_plus(self.birth_date, timezone.localdate())

    @property
    def has_bsn(self) -> bool:
        return bool(self.bsn_pseudonym)


# The person's fields a caseworker fills in and changes, in the order the forms show
# them. The one declaration: ``register_person`` accepts and ``update_person`` allows
# these (``common.changes.apply_changes``); the web forms, the API's serializers and the
# import columns are derived from it. A new editable field is added here only.
PERSON_EDITABLE_FIELDS = (
    "first_name",
    "name_prefix",
    "last_name",
    "birth_date",
    "gender",
    "email",
    "phone",
    "postcode",
    "city",
    "region",
    "education_level",
    "labour_status",
    "labour_status_since",
    "has_occupational_disability",
    "is_banenafspraak",
    "current_occupation",
    "previous_occupations",
)


class Dossier(VersionedModel):
    """One organisation's trajectory with a person: intake, goals, plan, contacts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="dossiers",
    )
    organisation = organisation_reference(_("organisation"), related_name="dossiers")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DossierStatus.choices,
        default=DossierStatus.OPEN,
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_reason = models.CharField(_("closing reason"), max_length=200, blank=True)
    # Answers keyed by constants.INTAKE_QUESTIONS keys; validated by actions.record_intake.
    intake = models.JSONField(_("intake answers"), default=dict, blank=True)
    intake_recorded_on = models.DateField(
        _("intake recorded on"), null=True, blank=True
    )
    goals = models.TextField(_("goals"), blank=True)
    is_anonymised = models.BooleanField(_("anonymised"), default=False, editable=False)
    opened_by = user_reference(_("opened by"))
    # The consultant whose client this is ("Mijn klanten"): the opener at first, handed
    # over to a colleague with actions.hand_over_dossier.
    responsible = user_reference(_("responsible consultant"))

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-opened_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=DossierStatus.OPEN, closed_on__isnull=True)
                | models.Q(status=DossierStatus.CLOSED, closed_on__isnull=False),
                name="dossier_closed_on_matches_status",
            ),
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(status=DossierStatus.OPEN),
                name="dossier_one_open_per_person_and_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Dossier')} {self.opened_on:%Y-%m-%d} ({self.get_status_display()})"


class PlanAction(TimeStampedModel):
    """One action in a dossier's development/action plan."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="plan_actions"
    )
    description = models.TextField(_("description"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    responsible = models.CharField(
        _("responsible"),
        max_length=100,
        blank=True,
        help_text=_("Who does it: the person, the consultant, an employer…"),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["done_on", "due_on", "created_at"]

    def __str__(self) -> str:
        return self.description[:60]


class ContactMoment(VersionedModel):
    """A talk, call or e-mail with the person, with notes; planned ahead or recorded
    after the fact. A planned one's ``occurred_at`` is the moment planned; recording it
    as held sets the moment it took place; a cancelled one keeps who cancelled it,
    when and why. Recording and cancelling take the version the user saw."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="contact_moments"
    )
    type = models.CharField(_("type"), max_length=20, choices=ContactType.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ContactStatus.choices,
        default=ContactStatus.HELD,
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = user_reference(_("recorded by"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = user_reference(_("cancelled by"))
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.occurred_at:%Y-%m-%d}"


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self) -> "ConsentQuerySet":
        return self.filter(withdrawn_on__isnull=True)


class Consent(TimeStampedModel):
    """A person's consent for one purpose (sharing: with one named partner)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(
        _("purpose"), max_length=30, choices=ConsentPurpose.choices
    )
    partner = organisation_reference(
        _("partner organisation"),
        optional=True,
        help_text=_("Only for sharing: the organisation the person shares with."),
    )
    given_on = models.DateField(_("given on"))
    recorded_by = user_reference(_("recorded by"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = user_reference(_("withdrawal recorded by"))

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    purpose=ConsentPurpose.SHARING, partner__isnull=False
                )
                | (
                    ~models.Q(purpose=ConsentPurpose.SHARING)
                    & models.Q(partner__isnull=True)
                ),
                name="consent_partner_only_for_sharing",
            )
        ]

    def __str__(self) -> str:
        return str(self.get_purpose_display())

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class LabourStatusObservation(TimeStampedModel):
    """What a person's labour status was on a date, and where we learned it."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="labour_status_observations"
    )
    observed_on = models.DateField(_("observed on"))
    status = models.CharField(
        _("labour status"), max_length=30, choices=LabourStatus.choices
    )
    contract_type = models.CharField(
        _("contract type"),
        max_length=20,
        choices=ContractType.choices,
        default=ContractType.NONE,
    )
    source = models.CharField(
        _("source"), max_length=20, choices=ObservationSource.choices
    )
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("labour-status observation")
        verbose_name_plural = _("labour-status observations")
        ordering = ["-observed_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.observed_on:%Y-%m-%d}"


class AppendOnlyError(Exception):
    """The access log cannot be changed or deleted."""


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")


class AccessLog(models.Model):
    """Who read which person's data, when, why and what. Append-only."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = organisation_reference(_("organisation"))
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="access_log",
    )
    purpose = models.CharField(
        _("purpose"), max_length=30, choices=AccessPurpose.choices
    )
    what = models.CharField(_("what"), max_length=100)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access-log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    @property
    def what_label(self) -> str:
        """What was read, in the active language (the stored code's label)."""
        return what_label(self.what)


class PublishedOverview(models.Model):
    """The person overviews of one scope as published for one calendar month.

    Analysts see counts, never persons; if the counts followed every registration, an
    analyst comparing the overview before and after one registration would learn that
    person's markers (12 → 13 with an occupational disability). So the figures are
    counted once per month, at the first look in that month, and shown unchanged until
    the next month: one registration is lost among a month's changes.
    Raw counts are kept; small cells are suppressed when they are shown.
    """

    scope = models.CharField(_("scope"), max_length=20)  # "organisation" or "region"
    scope_id = models.PositiveBigIntegerField(_("scope id"))
    month = models.DateField(_("month"))  # the first day of the month published for
    counts = models.JSONField(_("counts"))  # {dimension: {value: number}}
    counted_at = models.DateTimeField(_("counted at"), default=timezone.now)

    objects: models.Manager["PublishedOverview"] = models.Manager()

    class Meta:
        verbose_name = _("published overview")
        verbose_name_plural = _("published overviews")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "scope_id", "month"], name="one_overview_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.scope_id} {self.month:%Y-%m}"
