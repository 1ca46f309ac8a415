"""Serializers of the monitoring API: what each operation accepts and returns.

Input serializers only parse (the actions decide). The reports (the quarterly monitor,
the programme overview, an indicator's values per period) are rendered from the same
frozen structures as the web page, PDF and Excel (``reports``, ``programme_report``).
Targets and values are numbers in the indicator's unit; money is in integer cents.
"""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regiowerk.common.smallcells import SUPPRESSED
from regiowerk.monitoring.constants import (
    ActivityCategory,
    Approver,
    DeliverableStatus,
    IndicatorKind,
    ProgressState,
    TargetChangeKind,
)
from regiowerk.monitoring.models import (
    Activity,
    Indicator,
    Programme,
    Project,
    ProjectParty,
    TargetChange,
)
from regiowerk.monitoring.rules import CostCategory

SUPPRESSIBLE = {"oneOf": [{"type": "number"}, {"type": "string", "enum": [SUPPRESSED]}]}


class _Suppressible:
    """A figure that is "x" where small-cell suppression hides it from an analyst."""

    def to_representation(self, value: Any) -> Any:
        if value == SUPPRESSED:
            return SUPPRESSED
        return super().to_representation(value)  # type: ignore[misc]


@extend_schema_field({**SUPPRESSIBLE, "nullable": True})
class Value(_Suppressible, serializers.DecimalField):
    """A target or realised value in the indicator's unit, as a JSON number ("x" when
    suppressed for an analyst)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("allow_null", True)
        super().__init__(
            max_digits=14, decimal_places=2, coerce_to_string=False, **kwargs
        )


@extend_schema_field(SUPPRESSIBLE)
class Count(_Suppressible, serializers.IntegerField):
    """A number of persons, "x" when suppressed for an analyst."""


@extend_schema_field({"type": "string", "nullable": True})
class UserName(serializers.Field):
    """Who recorded or decided something: a staff member's name (never a participant)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str | None:
        return str(value.get_full_name() or value.get_username()) if value else None


# --- Programmes and projects ---------------------------------------------------------------


class ProgrammeOutputSerializer(serializers.ModelSerializer):
    subsidy_percentage = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True
    )

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "name",
            "funder",
            "regulation",
            "subsidy_percentage",
            "subsidy_rounding",
            "reporting_cadence",
            "report_due_days",
        ]


class ProjectFilterSerializer(serializers.Serializer):
    programme = serializers.SlugField(
        required=False, max_length=40, help_text="The programme's code."
    )


class ProjectPartyOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectParty
        fields = ["name", "role", "organisation"]


class ProjectOutputSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    requested_percentage_of_max = serializers.IntegerField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "programme",
            "code",
            "project_number",
            "title",
            "region_or_sector",
            "starts_on",
            "ends_on",
            "direct_costs_cents",
            "max_subsidy_cents",
            "max_subsidy_note",
            "requested_subsidy_cents",
            "requested_percentage_of_max",
            "declared_subsidy_cents",
            "grant_decided_on",
        ]


class ProjectDetailOutputSerializer(ProjectOutputSerializer):
    parties = ProjectPartyOutputSerializer(many=True)

    class Meta(ProjectOutputSerializer.Meta):
        fields = [*ProjectOutputSerializer.Meta.fields, "parties"]


class ActivityOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "name", "category", "position", "version"]


# --- Defining a project, its activities and indicators (the pages' actions) ---------------


class ProjectCreateInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=300)
    starts_on = serializers.DateField(help_text="The subsidy period's first day.")
    ends_on = serializers.DateField(help_text="The subsidy period's last day.")
    direct_costs_cents = serializers.IntegerField(min_value=0)
    max_subsidy_cents = serializers.IntegerField(
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Default (null or left out): the programme's rule; a different "
        "maximum needs max_subsidy_note.",
    )
    max_subsidy_note = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class ActivityCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(
        choices=ActivityCategory.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="The DWSRA category, or empty.",
    )


def _definition_part(max_length: int, help_text: str) -> serializers.CharField:
    """A part of a computed indicator's definition (``facts.parse_definition`` checks
    it against the published tables); empty for the other kinds."""
    return serializers.CharField(
        max_length=max_length,
        required=False,
        allow_blank=True,
        default="",
        help_text=help_text,
    )


class ActivityUpdateInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The version you read.")
    name = serializers.CharField(max_length=300, required=False)
    category = serializers.ChoiceField(
        choices=ActivityCategory.choices, required=False, allow_blank=True
    )


class IndicatorUpdateInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The version you read.")
    name = serializers.CharField(max_length=300, required=False)
    unit = serializers.CharField(max_length=60, required=False)


class IndicatorCreateInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    unit = serializers.CharField(max_length=60)
    kind = serializers.ChoiceField(choices=IndicatorKind.choices)
    target = Value(
        required=False, min_value=0, help_text="The original target; null: none."
    )
    table = _definition_part(60, "Computed only: the published fact table counted.")
    measure = _definition_part(30, "Computed only: count_subjects, count_rows or sum.")
    date_column = _definition_part(
        60, "Computed only: the date that places a row in a period."
    )
    column = _definition_part(60, "A sum only: the column summed.")


# --- Indicators, targets and their changes -------------------------------------------------


class IndicatorOutputSerializer(serializers.ModelSerializer):
    activity = serializers.PrimaryKeyRelatedField(read_only=True)  # type: ignore[var-annotated]
    original_target = Value(source="target.original_value", read_only=True)
    current_target = Value(source="target.current_value", read_only=True)
    target_is_revised = serializers.BooleanField(
        source="target.is_revised", read_only=True
    )
    realised_value = Value(
        read_only=True,
        help_text="Entered by hand (manual, deliverable); null for a computed "
        "indicator: its values are counted, see values/ and monitor/.",
    )
    recorded_by = UserName()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "activity",
            "name",
            "unit",
            "kind",
            "position",
            "definition",
            "original_target",
            "current_target",
            "target_is_revised",
            "realised_value",
            "evidence_note",
            "deliverable_status",
            "recorded_by",
            "recorded_at",
            "version",
        ]


class TargetChangeOutputSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="target.indicator_id", read_only=True)
    previous_value = Value(read_only=True)
    new_value = Value(read_only=True)
    recorded_by = UserName()
    decided_by = UserName()

    class Meta:
        model = TargetChange
        fields = [
            "id",
            "indicator",
            "changed_on",
            "previous_value",
            "new_value",
            "kind",
            "approver",
            "reason",
            "status",
            "recorded_by",
            "created_at",
            "decided_by",
            "decided_at",
        ]


class TargetChangeInputSerializer(serializers.Serializer):
    new_value = Value(
        required=False,
        min_value=0,
        help_text="The new target; null or left out only with drops_target.",
    )
    drops_target = serializers.BooleanField(
        required=False,
        default=False,
        help_text="True drops the target (no target); new_value stays empty then.",
    )
    changed_on = serializers.DateField(
        help_text="The day it was agreed with the funder (not in the future)."
    )
    kind = serializers.ChoiceField(choices=TargetChangeKind.choices)
    approver = serializers.ChoiceField(
        choices=Approver.choices,
        required=False,
        allow_blank=True,
        help_text="Required for an approved change request.",
    )
    reason = serializers.CharField(max_length=2000)


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("approve", "approve"), ("reject", "reject")]
    )


class ManualValueInputSerializer(serializers.Serializer):
    value = Value(required=True, min_value=0)
    evidence_note = serializers.CharField(max_length=4000)


class DeliverableInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DeliverableStatus.choices)
    evidence_note = serializers.CharField(max_length=4000)


# --- Reports (frozen structures) -----------------------------------------------------------


class PeriodFilterSerializer(serializers.Serializer):
    period = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The reporting period by its index (0: the first); default: the "
        "current one.",
    )


class ReportPeriodSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    start = serializers.DateField()
    end = serializers.DateField()


class IndicatorLineSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField()
    activity = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.ChoiceField(choices=IndicatorKind.choices)
    original = Value()
    current = Value()
    realised = Value(help_text="Up to the end of the chosen period.")
    in_period = Value(help_text="Within the chosen period (computed only).")
    per_period = serializers.ListField(
        child=Value(),
        help_text="Per reporting period, in the order of `periods` (computed only).",
    )
    progress = serializers.ChoiceField(choices=ProgressState.choices)
    is_revised = serializers.BooleanField()
    deliverable_status = serializers.CharField(
        help_text="Its label, deliverables only."
    )
    evidence = serializers.CharField()
    how_counted = serializers.CharField(help_text="Computed: the definition in words.")
    persons = Count(
        allow_null=True,
        help_text="Computed: how many persons were counted (the cohort for a share).",
    )
    percentage_of_target = serializers.IntegerField(allow_null=True)


class ChangeLineSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    changed_on = serializers.DateField(allow_null=True)
    previous = Value()
    new = Value()
    kind = serializers.CharField()
    approver = serializers.CharField()
    reason = serializers.CharField()
    status = serializers.CharField()
    recorded_by = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)


class EntryLineSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    value = Value()
    deliverable_status = serializers.CharField()
    evidence = serializers.CharField()
    recorded_by = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class PartyLineSerializer(serializers.Serializer):
    role = serializers.CharField()
    name = serializers.CharField()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        role, name = instance
        return {"role": role, "name": name}


class BudgetPointSerializer(serializers.Serializer):
    planned_cents = serializers.IntegerField(allow_null=True)
    spent_cents = serializers.IntegerField()
    planned_total_cents = serializers.IntegerField(allow_null=True)
    spent_total_cents = serializers.IntegerField()
    used_percentage = serializers.IntegerField(
        allow_null=True, help_text="Spent so far as whole % of the budget."
    )
    deviation_cents = serializers.IntegerField(
        allow_null=True, help_text="Spent minus planned so far (above zero: ahead)."
    )


@extend_schema_field(
    {
        "type": "object",
        "properties": {str(c): {"type": "integer"} for c in CostCategory},
        "description": "Cents per cost category.",
    }
)
class ByCategory(serializers.Field):
    """Cents per cost category, keyed by the category's code."""

    def to_representation(self, value: Any) -> dict[str, int]:
        return {
            str(category): cents
            for category, cents in zip(CostCategory, value, strict=True)
        }


class CostPeriodSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    by_category = ByCategory()
    point = BudgetPointSerializer()


class CoFinancingSourceSerializer(serializers.Serializer):
    source = serializers.CharField()  # type: ignore[assignment]
    pledged_cents = serializers.IntegerField()
    received_cents = serializers.IntegerField()


class CostLineSerializer(serializers.Serializer):
    entered_on = serializers.DateField()
    kind = serializers.CharField()
    description = serializers.CharField()
    hours = serializers.DecimalField(
        max_digits=9, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    hourly_rate_cents = serializers.IntegerField(allow_null=True)
    amount_cents = serializers.IntegerField()
    evidence = serializers.CharField()
    recorded_by = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    withdrawn = serializers.CharField(help_text="Empty while it counts.")


class CoFinancingLineSerializer(serializers.Serializer):
    entered_on = serializers.DateField()
    source = serializers.CharField()  # type: ignore[assignment]
    status = serializers.CharField()
    amount_cents = serializers.IntegerField()
    evidence = serializers.CharField()
    recorded_by = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    withdrawn = serializers.CharField(help_text="Empty while it counts.")


class CostsSerializer(serializers.Serializer):
    """Costs and budget up to the end of the period (``costs.Costs``), as the page,
    PDF and Excel show them; the entries are empty without the trail."""

    overhead_percentage = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False
    )
    periods = CostPeriodSerializer(many=True)
    by_category = ByCategory()
    total_cents = serializers.IntegerField()
    planned_total_cents = serializers.IntegerField(allow_null=True)
    used_percentage = serializers.IntegerField(allow_null=True)
    hours = serializers.DecimalField(
        max_digits=9, decimal_places=2, coerce_to_string=False
    )
    participants = Count()
    per_participant_cents = serializers.IntegerField(allow_null=True)
    co_financing = CoFinancingSourceSerializer(many=True)
    co_financing_pledged_cents = serializers.IntegerField()
    co_financing_received_cents = serializers.IntegerField()
    entries = CostLineSerializer(many=True)
    co_financing_entries = CoFinancingLineSerializer(many=True)


class ProjectMonitorSerializer(serializers.Serializer):
    """The quarterly monitor (``reports.ProjectMonitor``). ``changes`` and ``entries``
    are empty when the reader may not see who changed what (``has_trail`` false)."""

    programme = serializers.CharField()
    funder = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField()
    parties = PartyLineSerializer(many=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    periods = ReportPeriodSerializer(many=True)
    period = ReportPeriodSerializer()
    as_of = serializers.DateField()
    direct_costs_cents = serializers.IntegerField()
    max_subsidy_cents = serializers.IntegerField()
    requested_subsidy_cents = serializers.IntegerField(allow_null=True)
    requested_percentage = serializers.IntegerField(allow_null=True)
    indicators = IndicatorLineSerializer(many=True)
    changes = ChangeLineSerializer(many=True)
    entries = EntryLineSerializer(many=True)
    has_trail = serializers.BooleanField()
    suppressed = serializers.BooleanField(
        help_text='Small counts of persons are "x" (an analyst: small-cell suppression).'
    )
    counted_on = serializers.DateField(
        allow_null=True,
        help_text="An analyst: the day the figures about persons were counted; they are "
        "published once a month, the same all month.",
    )
    costs = CostsSerializer()


class TraceFilterSerializer(PeriodFilterSerializer):
    span = serializers.ChoiceField(
        required=False,
        choices=[
            ("cumulative", "From the project's start to the end of the period"),
            ("period", "Within the period only"),
        ],
        help_text="Which figure: the realised value (default) or the period's own.",
    )


class TracePersonSerializer(serializers.Serializer):
    person_id = serializers.UUIDField(help_text="For the person's own operations.")
    name = serializers.CharField()
    masked_bsn = serializers.CharField(help_text="Masked, or empty.")
    outcome = serializers.BooleanField(
        allow_null=True, help_text="A share: met the outcome (null: no observation)."
    )


class TraceSerializer(serializers.Serializer):
    """How one computed figure was counted (``trace.Trace``); ``persons`` only for the
    roles that read person records (each read logged), the others get the counts."""

    indicator_id = serializers.IntegerField()
    indicator = serializers.CharField()
    activity = serializers.CharField()
    unit = serializers.CharField()
    definition = serializers.ListField(
        child=serializers.CharField(), help_text="The definition in words."
    )
    table = serializers.CharField(help_text="The fact table counted.")
    organisations = serializers.ListField(
        child=serializers.CharField(), help_text="Whose registrations count."
    )
    period = ReportPeriodSerializer()
    span = serializers.SerializerMethodField()
    start = serializers.DateField()
    end = serializers.DateField()
    value = Value()
    is_share = serializers.BooleanField()
    counts_persons = serializers.BooleanField()
    subjects = Count(
        allow_null=True, help_text="Distinct persons (or employers) counted."
    )
    with_outcome = Count(allow_null=True)
    without_observation = Count(allow_null=True)
    method = serializers.ListField(
        child=serializers.CharField(), help_text="An outcome's method and source."
    )
    counted_on = serializers.DateField(
        allow_null=True,
        help_text="An analyst: the day the figures were counted (published monthly).",
    )
    may_list = serializers.BooleanField()
    persons = serializers.SerializerMethodField()
    not_listed = serializers.IntegerField(
        help_text="Counted persons whose records the reader may not read."
    )

    def get_span(self, trace: Any) -> str:
        return "period" if trace.span == "periode" else "cumulative"

    @extend_schema_field(TracePersonSerializer(many=True))
    def get_persons(self, trace: Any) -> list[dict[str, Any]]:
        return [
            {
                "person_id": person.person_id,
                "name": person.name,
                "masked_bsn": person.masked_bsn,
                "outcome": outcome,
            }
            for person, outcome in trace.person_rows
        ]


class IndicatorValuesSerializer(serializers.Serializer):
    """One indicator's values per reporting period, as the quarterly monitor has them."""

    periods = ReportPeriodSerializer(many=True)
    line = IndicatorLineSerializer()


class OverviewLineSerializer(serializers.Serializer):
    project_id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    direct_costs_cents = serializers.IntegerField()
    max_subsidy_cents = serializers.IntegerField()
    requested_subsidy_cents = serializers.IntegerField(allow_null=True)
    requested_percentage = serializers.IntegerField(allow_null=True)
    indicators = serializers.IntegerField()
    met = serializers.IntegerField()
    revised = serializers.IntegerField()
    missed = serializers.IntegerField()
    readable = serializers.BooleanField(
        help_text="Whether you may open the project (its monitor and indicators)."
    )


# The columns of an overview line that the totals row sums (``ProgrammeOverview.total``;
# a project without a request counts 0 requested, so no total is null).
TOTALLED = (
    "direct_costs_cents",
    "max_subsidy_cents",
    "requested_subsidy_cents",
    "indicators",
    "met",
    "revised",
    "missed",
)


class OverviewTotalsSerializer(serializers.Serializer):
    # the totals row (no docstring: drf-spectacular would publish it)
    def get_fields(self) -> dict[str, serializers.Field]:
        return {name: serializers.IntegerField() for name in TOTALLED}

    def to_representation(self, instance: Any) -> dict[str, int]:
        return {name: instance.total(name) for name in TOTALLED}


class ProgrammeOverviewSerializer(serializers.Serializer):
    """The programme overview (``programme_report.ProgrammeOverview``)."""

    programme_id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    funder = serializers.CharField()
    regulation = serializers.CharField()
    cadence = serializers.CharField()
    as_of = serializers.DateField()
    projects = OverviewLineSerializer(many=True)
    totals = OverviewTotalsSerializer(source="*")
