"""Programmes, projects, activities, indicators and targets with their history.

Writes go through actions.py. Monitoring reads the registry only through the fact
tables of ``common.facts`` (a computed indicator stores a definition, never a value);
organisations and users are referred to by foreign key only.
"""

import uuid
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.models import TimeStampedModel, VersionedModel
from regiowerk.monitoring import rules
from regiowerk.monitoring.constants import (
    ActivityCategory,
    Approver,
    CoFinancingStatus,
    CostKind,
    DeliverableStatus,
    EligibilityRuleKind,
    IndicatorKind,
    PartyRole,
    ReportingCadence,
    SubsidyRounding,
    TargetChangeKind,
    TargetChangeStatus,
)
from regiowerk.organisations.fields import (
    organisation_reference,
    region_reference,
    user_reference,
)


def value_field(verbose_name: Any) -> models.DecimalField:
    """An indicator value (a target or a realised figure) in the indicator's unit."""
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, null=True, blank=True
    )


def deliverable_status_field() -> "models.CharField[str, str]":
    """A deliverable's status (empty for the other kinds of indicator)."""
    return models.CharField(
        _("deliverable status"),
        max_length=20,
        choices=DeliverableStatus.choices,
        blank=True,
    )


class Programme(TimeStampedModel):
    """A subsidy programme (e.g. DWSRA 2016) with its subsidy rule and cadence."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funder"), max_length=200)
    funder_organisation = organisation_reference(
        _("funder in regiowerk"),
        optional=True,
        help_text=_(
            "Its programme managers see every project of the programme and approve "
            "target changes."
        ),
    )
    regulation = models.CharField(_("regulation"), max_length=300, blank=True)
    subsidy_percentage = models.DecimalField(
        _("subsidy percentage"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(69),
        help_text=_("Maximum subsidy as a percentage of the budgeted direct costs."),
    )
    subsidy_rounding = models.CharField(
        _("rounding of the maximum subsidy"),
        max_length=20,
        choices=SubsidyRounding.choices,
        default=SubsidyRounding.DOWN_TO_EURO,
    )
    overhead_percentage = models.DecimalField(
        _("overhead percentage"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        help_text=_(
            "Overhead (indirect costs) a project may count, as a percentage of its "
            "staff costs."
        ),
    )
    reporting_cadence = models.CharField(
        _("reporting cadence"),
        max_length=20,
        choices=ReportingCadence.choices,
        default=ReportingCadence.QUARTERLY,
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("report due (days after the period)"), default=30
    )
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_(
            "From this day the programme is closed (its final declarations are "
            "settled): no period reports are due any more."
        ),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subsidy_percentage__gte=0, subsidy_percentage__lte=100),
                name="programme_subsidy_percentage_in_range",
            ),
            models.CheckConstraint(
                condition=Q(overhead_percentage__gte=0, overhead_percentage__lte=100),
                name="programme_overhead_percentage_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_closed(self, on: date) -> bool:
        """Closed by ``on``: its final declarations settled, nothing is due or added."""
        return self.closed_on is not None and self.closed_on <= on

    def rule_max_subsidy_cents(self, direct_costs_cents: int) -> int:
        return rules.max_subsidy_cents(
            direct_costs_cents,
            percentage=self.subsidy_percentage,
            rounding=rules.Rounding(self.subsidy_rounding),
        )


class Project(TimeStampedModel):
    """A subsidised project: budget, maximum subsidy, period and grant decision."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    code = models.CharField(_("code"), max_length=40)
    project_number = models.CharField(_("project number"), max_length=40, blank=True)
    title = models.CharField(_("title"), max_length=300)
    region_or_sector = models.CharField(
        _("region or sector"), max_length=300, blank=True
    )
    region = region_reference(
        optional=True,
        help_text=_("Computed indicators count the registrations of this region."),
    )
    starts_on = models.DateField(_("subsidy period from"))
    ends_on = models.DateField(_("subsidy period until"))
    direct_costs_cents = models.PositiveBigIntegerField(
        _("budgeted direct costs (cents)")
    )
    max_subsidy_cents = models.PositiveBigIntegerField(_("maximum subsidy (cents)"))
    max_subsidy_note = models.TextField(
        _("why the maximum subsidy differs from the rule"), blank=True
    )
    requested_subsidy_cents = models.PositiveBigIntegerField(
        _("requested subsidy (cents)"), null=True, blank=True
    )
    declared_subsidy_cents = models.PositiveBigIntegerField(
        _("declared subsidy (cents)"), null=True, blank=True
    )
    grant_decided_on = models.DateField(_("grant decision on"), null=True, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    source_reference = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["programme", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="project_unique_code_per_programme"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="project_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def period(self) -> rules.Period:
        return rules.Period(self.starts_on, self.ends_on)

    @property
    def rule_max_subsidy_cents(self) -> int:
        return self.programme.rule_max_subsidy_cents(self.direct_costs_cents)

    @property
    def requested_percentage_of_max(self) -> int | None:
        if self.requested_subsidy_cents is None:
            return None
        return rules.percentage_of(self.requested_subsidy_cents, self.max_subsidy_cents)

    def scope(self) -> facts.Scope:
        """Whose registrations the computed indicators count: the region, and the
        organisations in regiowerk that take part in the project."""
        return facts.Scope(
            region_id=self.region_id,
            organisation_ids=frozenset(
                p.organisation_id
                for p in self.parties.all()
                if p.organisation_id is not None
            ),
        )


class ProjectParty(TimeStampedModel):
    """An organisation taking part in a project, with its role. ``name`` is as the grant
    names it; ``organisation`` links it to regiowerk when it works in the registry."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="parties"
    )
    name = models.CharField(_("name"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    organisation = organisation_reference(_("organisation"), optional=True)

    class Meta:
        verbose_name = _("project party")
        verbose_name_plural = _("project parties")
        ordering = ["role", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "role", "name"], name="party_unique_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Advance(TimeStampedModel):
    """An advance (voorschot) the project received."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="advances"
    )
    received_on = models.DateField(_("received on"))
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("advance")
        verbose_name_plural = _("advances")
        ordering = ["received_on"]

    def __str__(self) -> str:
        return f"{self.received_on:%Y-%m-%d}"


class Activity(VersionedModel):
    """A part of a project (sub-project, pilot, track) that indicators belong to."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="activities"
    )
    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(
        _("category"), max_length=30, choices=ActivityCategory.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["project", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="activity_unique_name_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(VersionedModel):
    """What an activity is measured by: computed from the registry (a definition over
    the fact tables), entered by hand with evidence, or a deliverable."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # computed: a common.facts definition (validated by actions); never a typed value
    definition = models.JSONField(_("definition"), null=True, blank=True)
    # manual: the realised value with its evidence
    realised_value = value_field(_("realised"))
    evidence_note = models.TextField(_("evidence"), blank=True)
    recorded_by = user_reference(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    # deliverable
    deliverable_status = deliverable_status_field()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["activity", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "position"],
                name="indicator_unique_position_per_activity",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=IndicatorKind.COMPUTED, definition__isnull=False)
                    & Q(realised_value__isnull=True)
                )
                | (~Q(kind=IndicatorKind.COMPUTED) & Q(definition__isnull=True)),
                name="indicator_only_computed_has_definition_and_no_typed_value",
            ),
            models.CheckConstraint(
                condition=Q(kind=IndicatorKind.DELIVERABLE) & ~Q(deliverable_status="")
                | ~Q(kind=IndicatorKind.DELIVERABLE) & Q(deliverable_status=""),
                name="indicator_only_deliverable_has_status",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Target(TimeStampedModel):
    """An indicator's target: the original one and, after changes, the current one."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="target"
    )
    original_value = value_field(_("original target"))
    current_value = value_field(_("current target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.current_value}"

    @property
    def is_revised(self) -> bool:
        return rules.is_revised(self.original_value, self.current_value)


class TargetChange(TimeStampedModel):
    """One change of a target, with its reason and how it was agreed."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="changes")
    changed_on = models.DateField(
        _("changed on"), null=True, blank=True, help_text=_("Empty when not known.")
    )
    previous_value = value_field(_("previous target"))
    new_value = value_field(_("new target"))
    reason = models.TextField(_("reason"))
    kind = models.CharField(
        _("kind of change"), max_length=30, choices=TargetChangeKind.choices
    )
    approver = models.CharField(
        _("approved by"), max_length=20, choices=Approver.choices, blank=True
    )
    recorded_by = user_reference(_("recorded by"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TargetChangeStatus.choices,
        default=TargetChangeStatus.RECORDED,
    )
    decided_by = user_reference(_("approved or rejected by"))
    decided_at = models.DateTimeField(
        _("approved or rejected at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("target change")
        verbose_name_plural = _("target changes")
        ordering = ["target", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=TargetChangeKind.CHANGE_REQUEST) | ~Q(approver=""),
                name="target_change_request_names_its_approver",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="target_change_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.previous_value} → {self.new_value}"


# What a project leader may change of an activity and of an indicator once defined
# (a target changes through a target change; a kind or definition is defined anew).
ACTIVITY_EDITABLE_FIELDS = ("name", "category")
INDICATOR_EDITABLE_FIELDS = ("name", "unit")


class RealisedEntry(TimeStampedModel):
    """One entry of a manual indicator's realised value or a deliverable's status, kept
    so an auditor sees who entered what and when (the indicator holds the latest)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="entries"
    )
    value = value_field(_("realised"))
    deliverable_status = deliverable_status_field()
    evidence_note = models.TextField(_("evidence"), blank=True)
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("realised entry")
        verbose_name_plural = _("realised entries")
        ordering = ["indicator", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


def _document_path(document: "DeliverableDocument", filename: str) -> str:
    """Where a document is stored: by project and indicator, under a random name (the
    uploaded name is kept in the row, never in the path)."""
    suffix = PurePath(filename).suffix.lower()
    indicator = document.indicator
    return (
        f"monitoring/{indicator.activity.project_id}/{indicator.pk}/"
        f"v{document.version}-{uuid.uuid4().hex}{suffix}"
    )


class DeliverableDocument(TimeStampedModel):
    """One version of a deliverable's document (a report, a policy plan, a covenant):
    the file, who uploaded it and when. Versions are kept; the highest is current."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="documents"
    )
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.TextField(_("note"), blank=True)
    uploaded_by = user_reference(_("uploaded by"))

    class Meta:
        verbose_name = _("deliverable document")
        verbose_name_plural = _("deliverable documents")
        ordering = ["indicator", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "version"],
                name="deliverable_document_unique_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


# --- Costs and budget ---------------------------------------------------------------------
class MoneyEntry(TimeStampedModel):
    """An amount a project leader enters for a project, dated, with its evidence and
    who entered it (``created_at`` says when). Entries are kept, never edited: a wrong
    one is withdrawn with its reason, and stays in the trail without counting."""

    entered_on = models.DateField(_("date"))
    amount_cents = models.PositiveBigIntegerField(_("amount (cents)"))
    evidence_note = models.TextField(_("evidence"))
    recorded_by = user_reference(_("recorded by"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = user_reference(_("withdrawn by"))
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    @property
    def counts(self) -> bool:
        return self.withdrawn_at is None

    class Meta:
        abstract = True
        ordering = ["entered_on", "pk"]


class CostEntry(MoneyEntry):
    """A project-level cost: staff hours (hours times the hourly rate) or material."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="cost_entries"
    )
    kind = models.CharField(_("kind of cost"), max_length=20, choices=CostKind.choices)
    description = models.CharField(_("description"), max_length=300)
    hours = models.DecimalField(
        _("hours"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    hourly_rate_cents = models.PositiveIntegerField(
        _("hourly rate (cents)"), null=True, blank=True
    )

    class Meta(MoneyEntry.Meta):
        verbose_name = _("cost entry")
        verbose_name_plural = _("cost entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind=CostKind.STAFF,
                    hours__isnull=False,
                    hourly_rate_cents__isnull=False,
                )
                | (
                    ~Q(kind=CostKind.STAFF)
                    & Q(hours__isnull=True, hourly_rate_cents__isnull=True)
                ),
                name="cost_entry_only_staff_has_hours_and_rate",
            ),
            models.CheckConstraint(
                condition=~Q(evidence_note=""), name="cost_entry_has_evidence"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class CoFinancing(MoneyEntry):
    """Co-financing from one source (employers, a sector fund, a municipality):
    pledged or received."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="co_financing"
    )
    source = models.CharField(_("source"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=CoFinancingStatus.choices
    )

    class Meta(MoneyEntry.Meta):
        verbose_name = _("co-financing")
        verbose_name_plural = _("co-financing")
        constraints = [
            models.CheckConstraint(
                condition=~Q(evidence_note=""), name="co_financing_has_evidence"
            ),
        ]

    def __str__(self) -> str:
        return self.source


class PlannedSpending(TimeStampedModel):
    """The spending planned for one reporting period: together the project's planned,
    not necessarily even, budget curve."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="planned_spending"
    )
    period_start = models.DateField(_("period from"))
    amount_cents = models.PositiveBigIntegerField(_("planned (cents)"))
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("planned spending")
        verbose_name_plural = _("planned spending")
        ordering = ["project", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_start"],
                name="planned_spending_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d}"


class PeriodReport(TimeStampedModel):
    """The report over one reporting period of a project: submitted when and by whom,
    and when its leaders were reminded that it is late (once). A row exists only once
    either happened; a period without one has no report yet."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="period_reports"
    )
    period_start = models.DateField(_("period starts on"))
    period_end = models.DateField(_("period ends on"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = user_reference(_("submitted by"))
    note = models.TextField(_("note"), blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        ordering = ["project", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_start"],
                name="period_report_unique_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period_start:%Y-%m-%d}"


class EligibilityRule(TimeStampedModel):
    """One rule of a programme that decides which participants count for the funder
    (data the programme manager edits; evaluated by ``rules.declarability``)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    kind = models.CharField(
        _("rule"), max_length=30, choices=EligibilityRuleKind.choices
    )
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    years = models.PositiveSmallIntegerField(_("years"), null=True, blank=True)
    statuses = models.JSONField(_("labour statuses"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["programme", "position", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def as_rule(self) -> rules.EligibilityRule:
        return rules.EligibilityRule(
            kind=rules.EligibilityKind(self.kind),
            months=self.months,
            years=self.years,
            statuses=frozenset(self.statuses),
        )
