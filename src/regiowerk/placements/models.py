"""Candidacies (with their steps), placements and their endings.

Writes go through ``actions.py``, which checks the pipeline's rules (``rules.py``) and
the rights (``permissions.py``); reads of a record that names a person go through
``queries.py`` over the gate in ``people.access``.
"""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regiowerk.common.models import TimeStampedModel, VersionedModel
from regiowerk.organisations.fields import organisation_reference, user_reference
from regiowerk.placements.constants import (
    SIGNAL_SCALE,
    ActionOwner,
    CandidacyEnding,
    CandidacySource,
    CheckInKind,
    CheckInStatus,
    CheckInWith,
    EndingFactor,
    EndingReason,
    PlacementContract,
    PlacementKind,
    Signal,
    Stage,
    Support,
)

NOTE_MAX_LENGTH = 1000
PROGRAMME_NAME_MAX_LENGTH = 200
MAX_HOURS = 60


def _validate_codes(value: Any, choices: type[models.TextChoices]) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Enter a list of codes."), code="invalid")
    if any(v not in choices.values for v in value) or len(set(value)) != len(value):
        raise ValidationError(
            _("Unknown or repeated option. Choose from: %(options)s."),
            code="unknown_option",
            params={"options": ", ".join(choices.values)},
        )


def validate_support(value: Any) -> None:
    _validate_codes(value, Support)


def validate_factors(value: Any) -> None:
    _validate_codes(value, EndingFactor)


class CandidacyQuerySet(models.QuerySet["Candidacy"]):
    def open(self) -> "CandidacyQuerySet":
        """Not ended and not yet placed: still in the pipeline."""
        return self.filter(ended_as="").exclude(stage=Stage.PLACED)


class Candidacy(VersionedModel):
    """A person put forward for a vacancy (kandidaatstelling), from recruited to
    placed, or ended (withdrawn, rejected by the employer, declined)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="candidacies",
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacancy"),
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    organisation = organisation_reference(_("worked by"), related_name="candidacies")
    source = models.CharField(
        _("source"), max_length=10, choices=CandidacySource.choices
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.RECRUITED
    )
    stage_on = models.DateField(_("in this stage since"))
    ended_as = models.CharField(
        _("ended as"), max_length=10, choices=CandidacyEnding.choices, blank=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason"), blank=True, max_length=NOTE_MAX_LENGTH)
    started_by = user_reference(_("started by"))

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        ordering = ["-stage_on", "-created_at"]
        constraints = [
            # One open candidacy per person and vacancy: a new one after it ended.
            models.UniqueConstraint(
                fields=["person", "vacancy"],
                condition=Q(ended_as=""),
                name="one_open_candidacy_per_person_and_vacancy",
            ),
            models.CheckConstraint(
                condition=Q(ended_as="", ended_on__isnull=True)
                | (~Q(ended_as="") & Q(ended_on__isnull=False)),
                name="candidacy_ended_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} — {self.vacancy_id}"

    @property
    def is_open(self) -> bool:
        return not self.ended_as and self.stage != Stage.PLACED


class CandidacyStep(models.Model):
    """One step of a candidacy's history: the stage reached (or the ending), when,
    who recorded it and a note."""

    candidacy = models.ForeignKey(
        Candidacy,
        verbose_name=_("candidacy"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    ended_as = models.CharField(
        _("ended as"), max_length=10, choices=CandidacyEnding.choices, blank=True
    )
    on = models.DateField(_("date"))
    recorded_by = user_reference(_("recorded by"))
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("candidacy step")
        verbose_name_plural = _("candidacy steps")
        ordering = ["on", "created_at", "pk"]
        indexes = [models.Index(fields=["candidacy", "stage"])]

    def __str__(self) -> str:
        return f"{self.get_ended_as_display() or self.get_stage_display()} ({self.on})"


class Placement(VersionedModel):
    """A person at work with an employer (plaatsing): what kind of place, which
    contract, the support around it and who follows it up."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacancy"),
        on_delete=models.PROTECT,
        related_name="placements",
        null=True,
        blank=True,
    )
    candidacy = models.OneToOneField(
        Candidacy,
        verbose_name=_("candidacy"),
        on_delete=models.PROTECT,
        related_name="placement",
        null=True,
        blank=True,
    )
    organisation = organisation_reference(_("followed by"), related_name="placements")
    kind = models.CharField(_("kind"), max_length=20, choices=PlacementKind.choices)
    contract_type = models.CharField(
        _("contract type"), max_length=20, choices=PlacementContract.choices
    )
    starts_on = models.DateField(_("starts on"))
    contract_ends_on = models.DateField(_("contract ends on"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOURS)],
    )
    has_wage_cost_subsidy = models.BooleanField(_("wage-cost subsidy"), default=False)
    wage_cost_subsidy_cents = models.PositiveIntegerField(
        _("wage-cost subsidy per month (cents)"), null=True, blank=True
    )
    support = models.JSONField(
        _("support arrangements"),
        default=list,
        blank=True,
        validators=[validate_support],
    )
    support_ends_on = models.DateField(_("support ends on"), null=True, blank=True)
    host_mentor = models.CharField(
        _("host mentor"),
        max_length=200,
        blank=True,
        help_text=_("The mentor at the employer (work-learning places)."),
    )
    responsible = user_reference(_("responsible labour expert or job coach"))
    created_by = user_reference(_("created by"))
    # the schedule it follows unless it has its own (queries.schedule_of)
    follow_up_programme = models.ForeignKey(
        "FollowUpProgramme",
        verbose_name=_("follow-up programme"),
        on_delete=models.PROTECT,
        related_name="placements",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "-created_at"]
        indexes = [models.Index(fields=["responsible", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_ends_on__isnull=True)
                | Q(contract_ends_on__gte=models.F("starts_on")),
                name="placement_contract_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.employer}"

    @property
    def wage_cost_subsidy_euro(self) -> float | None:
        cents = self.wage_cost_subsidy_cents
        return cents / 100 if cents is not None else None

    def get_support_display(self) -> list[str]:
        labels = dict(Support.choices)
        return [str(labels.get(code, code)) for code in self.support]


# What a user sets on a placement (create, change; web form and API): create_placement
# and update_placement refuse any other field (common.changes.apply_changes).
PLACEMENT_FIELD_NAMES = (
    "kind",
    "contract_type",
    "starts_on",
    "contract_ends_on",
    "hours_per_week",
    "has_wage_cost_subsidy",
    "wage_cost_subsidy_cents",
    "support",
    "support_ends_on",
    "host_mentor",
)


class PlacementEnding(TimeStampedModel):
    """How and why a placement ended (beëindiging), and what was learnt from it."""

    placement = models.OneToOneField(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="ending",
    )
    ends_on = models.DateField(_("ended on"))
    reason = models.CharField(_("reason"), max_length=20, choices=EndingReason.choices)
    moved_on_to_work = models.BooleanField(_("moved on to other work"), default=False)
    lesson = models.TextField(
        _("lesson learnt"), blank=True, max_length=NOTE_MAX_LENGTH
    )
    factors = models.JSONField(
        _("factors"), default=list, blank=True, validators=[validate_factors]
    )
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("placement ending")
        verbose_name_plural = _("placement endings")
        indexes = [models.Index(fields=["ends_on"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.ends_on})"

    def get_factors_display(self) -> list[str]:
        labels = dict(EndingFactor.choices)
        return [str(labels.get(code, code)) for code in self.factors]


# --- Follow-up (nazorg) ----------------------------------------------------------------------
def _signal_field(label: Any) -> Any:
    low, high = SIGNAL_SCALE
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
    )


class ScheduleFields(models.Model):
    """The intervals of a follow-up schedule, as ``rules.Schedule`` has them:
    ``first_days`` after the start, then after each of ``months``, then every
    ``every_months`` up to ``years``."""

    first_days = models.PositiveSmallIntegerField(_("first check-in after (days)"))
    months = models.JSONField(_("then after (months)"), default=list, blank=True)
    every_months = models.PositiveSmallIntegerField(_("then every (months)"))
    years = models.PositiveSmallIntegerField(_("for (years)"))

    class Meta:
        abstract = True


class FollowUpProgramme(ScheduleFields, VersionedModel):
    """A follow-up programme of the organisation that follows placements
    (nazorgprogramma, e.g. "Banenafspraak — nazorg 5 jaar"): a named schedule its
    placements follow instead of ``rules.DEFAULT_SCHEDULE``, unless a placement has its
    own (``FollowUpSchedule``). The fields are those of ``rules.Schedule``."""

    organisation = organisation_reference(
        _("organisation"), related_name="follow_up_programmes"
    )
    name = models.CharField(_("name"), max_length=PROGRAMME_NAME_MAX_LENGTH)
    description = models.TextField(
        _("description"), blank=True, max_length=NOTE_MAX_LENGTH
    )
    set_by = user_reference(_("set by"))

    class Meta:
        verbose_name = _("follow-up programme")
        verbose_name_plural = _("follow-up programmes")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="one_follow_up_programme_per_name",
            )
        ]

    def __str__(self) -> str:
        return self.name


# What a user sets on a follow-up programme (create, change; web form and API).
FOLLOW_UP_PROGRAMME_FIELD_NAMES = (
    "name",
    "first_days",
    "months",
    "every_months",
    "years",
    "description",
)


class FollowUpSchedule(ScheduleFields, TimeStampedModel):
    """A placement's own follow-up schedule (more often when at risk), instead of the
    default of ``rules.DEFAULT_SCHEDULE``: ``first_days`` after the start, then after
    each of ``months``, then every ``every_months`` up to ``years``."""

    placement = models.OneToOneField(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="follow_up_schedule",
    )
    reason = models.TextField(_("reason"), blank=True, max_length=NOTE_MAX_LENGTH)
    set_by = user_reference(_("set by"))

    class Meta:
        verbose_name = _("follow-up schedule")
        verbose_name_plural = _("follow-up schedules")

    def __str__(self) -> str:
        return f"{self.first_days}d, {self.months}, /{self.every_months}m"


class CheckIn(VersionedModel):
    """A contact moment with the worker and/or the employer (contactmoment): a
    scheduled check-in with its signals and overall status, or an ad-hoc contact."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    held_on = models.DateField(_("held on"))
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=CheckInKind.choices,
        default=CheckInKind.SCHEDULED,
    )
    held_with = models.CharField(_("with"), max_length=10, choices=CheckInWith.choices)
    workload = _signal_field(Signal.WORKLOAD.label)
    health_energy = _signal_field(Signal.HEALTH_ENERGY.label)
    relation = _signal_field(Signal.RELATION.label)
    commuting = _signal_field(Signal.COMMUTING.label)
    private_situation = _signal_field(Signal.PRIVATE.label)
    training_or_adjustment = _signal_field(Signal.TRAINING.label)
    satisfaction_worker = _signal_field(Signal.SATISFACTION_WORKER.label)
    satisfaction_employer = _signal_field(Signal.SATISFACTION_EMPLOYER.label)
    status = models.CharField(
        _("overall status"), max_length=10, choices=CheckInStatus.choices, blank=True
    )
    advice = models.TextField(_("advice given"), blank=True, max_length=NOTE_MAX_LENGTH)
    notes = models.TextField(_("notes"), blank=True, max_length=NOTE_MAX_LENGTH)
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["placement", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.held_on})"

    @property
    def signals(self) -> dict[str, int]:
        """The signals given, by name (an unanswered one is left out)."""
        values = {name: getattr(self, name) for name in Signal.values}
        return {name: value for name, value in values.items() if value is not None}

    @property
    def signal_lines(self) -> list[str]:
        """The signals given as "Workload: 2", in the order of ``Signal``."""
        labels = dict(Signal.choices)
        return [f"{labels[name]}: {value}" for name, value in self.signals.items()]


# What a user sets on a check-in (record, change; web form and API).
CHECK_IN_FIELD_NAMES = (
    "held_on",
    "kind",
    "held_with",
    *Signal.values,
    "status",
    "advice",
    "notes",
)


class AgreedAction(TimeStampedModel):
    """What was agreed at a check-in: who does what by when."""

    check_in = models.ForeignKey(
        CheckIn,
        verbose_name=_("check-in"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description = models.TextField(_("action"), max_length=NOTE_MAX_LENGTH)
    owner = models.CharField(_("owner"), max_length=20, choices=ActionOwner.choices)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_owner_display()}: {self.due_on}"


class CheckInReminder(models.Model):
    """A reminder e-mail sent for a placement's due check-in; one per due date, so
    ``remind_due_checkins`` can run repeatedly."""

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="check_in_reminders",
    )
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_to = user_reference(_("sent to"))

    class Meta:
        verbose_name = _("check-in reminder")
        verbose_name_plural = _("check-in reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "due_on"], name="one_reminder_per_due_check_in"
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.due_on}"
