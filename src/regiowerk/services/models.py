"""The service catalogue, enrolments with attendance, events and their registrations.

Writes go through actions.py (which checks the rules in rules.py); reads of persons'
enrolments through queries.py, which relies on people.access.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from regiowerk.common.models import TimeStampedModel, VersionedModel
from regiowerk.organisations.fields import organisation_reference, user_reference
from regiowerk.services import rules
from regiowerk.services.constants import (
    ACTIVE_ENROLMENT_STATUSES,
    EnrolmentStatus,
    EventType,
    ServiceType,
    TargetGroup,
    Theme,
)

ERASED_TEXT = "(verwijderd)"  # stands in for erased free text where a value is required

EVIDENCE_MAX_LENGTH = 200


def _validate_codes(value: Any, choices: type[models.TextChoices]) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Enter a list of codes."), code="invalid")
    unknown = [v for v in value if v not in choices.values]
    if unknown:
        raise ValidationError(
            ngettext(
                "Unknown option: %(codes)s. Choose from: %(options)s.",
                "Unknown options: %(codes)s. Choose from: %(options)s.",
                len(unknown),
            ),
            code="invalid_choice",
            params={"codes": ", ".join(unknown), "options": ", ".join(choices.values)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("An option is listed twice."), code="duplicate")


def validate_themes(value: Any) -> None:
    _validate_codes(value, Theme)


def validate_target_groups(value: Any) -> None:
    _validate_codes(value, TargetGroup)


def capacity_field(
    help_text: Any,
) -> "models.PositiveIntegerField[int | None, int | None]":
    """How many may take part (at least one); empty means unlimited."""
    return models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=help_text,
    )


class ServiceQuerySet(models.QuerySet["Service"]):
    # Themes and target groups are JSON lists of codes. JSON "contains" is not portable
    # (SQLite lacks it), but matching the quoted code in the JSON text is: codes never
    # contain quotes and no quoted code is part of another.
    def with_theme(self, theme: str) -> "ServiceQuerySet":
        return self.filter(themes__icontains=f'"{theme}"')

    def for_target_group(self, target_group: str) -> "ServiceQuerySet":
        return self.filter(target_groups__icontains=f'"{target_group}"')

    def active_on(self, on: date) -> "ServiceQuerySet":
        return self.filter(
            Q(is_active=True),
            Q(active_from__isnull=True) | Q(active_from__lte=on),
            Q(active_until__isnull=True) | Q(active_until__gte=on),
        )


class Service(TimeStampedModel):
    """One offer in the regional catalogue (cafeteria), delivered by a provider."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("type"), max_length=30, choices=ServiceType.choices)
    provider = organisation_reference(_("provider"), related_name="services")
    price_cents = models.PositiveIntegerField(
        _("price (cents)"), default=0, help_text=_("Price per participant, in cents.")
    )
    capacity = capacity_field(
        _("Maximum number of active participants; empty means unlimited.")
    )
    duration_hours = models.PositiveSmallIntegerField(
        _("duration (hours)"), null=True, blank=True
    )
    session_count = models.PositiveSmallIntegerField(
        _("number of sessions"), null=True, blank=True
    )
    themes = models.JSONField(
        _("sustainable-employability themes"),
        default=list,
        blank=True,
        validators=[validate_themes],
    )
    target_groups = models.JSONField(
        _("target groups"),
        default=list,
        blank=True,
        validators=[validate_target_groups],
    )
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = user_reference(_("created by"))

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "name"], name="unique_service_name_per_provider"
            ),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_until__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="service_active_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        try:
            rules.check_period(self.active_from, self.active_until)
        except rules.RuleError as exc:
            raise ValidationError(
                {"active_until": _("The end date lies before the start date.")}
            ) from exc

    def is_active_on(self, on: date) -> bool:
        return rules.is_active_on(
            on,
            is_active=self.is_active,
            active_from=self.active_from,
            active_until=self.active_until,
        )

    def get_themes_display(self) -> list[str]:
        return _labels(Theme, self.themes)

    def get_target_groups_display(self) -> list[str]:
        return _labels(TargetGroup, self.target_groups)


def _labels(choices: type[models.TextChoices], codes: Iterable[str]) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels.get(code, code)) for code in codes]


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def active(self) -> "EnrolmentQuerySet":
        """Registered or started: holding a place in the service."""
        return self.filter(status__in=ACTIVE_ENROLMENT_STATUSES)


class Enrolment(VersionedModel):
    """A person's participation in a service, from registration to completion."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    enrolled_by = user_reference(_("enrolled by"))
    enrolling_organisation = organisation_reference(_("enrolling organisation"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.REGISTERED,
    )
    registered_on = models.DateField(_("registered on"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    dropped_out_on = models.DateField(_("dropped out on"), null=True, blank=True)
    drop_out_reason = models.TextField(_("reason for dropping out"), blank=True)
    completion_evidence = models.CharField(
        _("completion evidence"),
        max_length=EVIDENCE_MAX_LENGTH,
        blank=True,
        help_text=_("Certificate or diploma number, or another reference."),
    )
    satisfaction_score = models.PositiveSmallIntegerField(
        _("satisfaction (1–10)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(rules.SATISFACTION_MIN),
            MaxValueValidator(rules.SATISFACTION_MAX),
        ],
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-registered_on", "-created_at"]
        constraints = [
            # The database backs the "no duplicate active enrolment" rule, so two
            # simultaneous enrolments cannot both succeed.
            models.UniqueConstraint(
                fields=["person", "service"],
                condition=Q(status__in=ACTIVE_ENROLMENT_STATUSES),
                name="one_active_enrolment_per_person_and_service",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.DROPPED_OUT)
                | ~Q(drop_out_reason=""),
                name="enrolment_drop_out_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction_score__isnull=True)
                | Q(
                    satisfaction_score__gte=rules.SATISFACTION_MIN,
                    satisfaction_score__lte=rules.SATISFACTION_MAX,
                ),
                name="enrolment_satisfaction_in_range",
            ),
        ]
        indexes = [models.Index(fields=["service", "status"])]

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_ENROLMENT_STATUSES


class Attendance(TimeStampedModel):
    """Whether the person attended one session of their enrolment."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    session_on = models.DateField(_("session date"))
    is_present = models.BooleanField(_("present"))
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session_on"], name="one_attendance_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_on:%Y-%m-%d}: {_('present') if self.is_present else _('absent')}"


class Event(TimeStampedModel):
    """An event or learning-network meeting, with named registrations and walk-ins."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("type"), max_length=30, choices=EventType.choices)
    organiser = organisation_reference(_("organiser"), related_name="events")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    capacity = capacity_field(
        _("Maximum number of named registrations; empty means unlimited.")
    )
    is_learning_network_meeting = models.BooleanField(
        _("learning-network meeting"), default=False
    )
    network_name = models.CharField(_("learning network"), max_length=200, blank=True)
    # People who came without registering: counted for reach, never named.
    anonymous_head_count = models.PositiveIntegerField(
        _("walk-ins (not registered)"), default=0
    )
    created_by = user_reference(_("created by"))

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(is_learning_network_meeting=False) | ~Q(network_name=""),
                name="event_network_meeting_names_its_network",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    @property
    def has_begun(self) -> bool:
        """Whether the event has begun: attendance and walk-ins are counted from then."""
        return self.starts_at <= timezone.now()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        if self.is_learning_network_meeting and not self.network_name.strip():
            errors["network_name"] = _(
                "Name the learning network this meeting belongs to."
            )
        if errors:
            raise ValidationError(errors)


class EventRegistration(TimeStampedModel):
    """A named registration for an event; ``has_attended`` is set afterwards.

    ``person`` becomes empty when the person record is deleted, so the event's reach
    stays intact.
    """

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    registered_by = user_reference(_("registered by"))
    registering_organisation = organisation_reference(_("registering organisation"))
    has_attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False),
                name="one_registration_per_person_and_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} — {_('registration')}"
