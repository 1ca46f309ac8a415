"""Forms of the project page: each parses input for one action."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.forms import DATE_INPUT, VersionedForm
from regiowerk.monitoring.constants import (
    ActivityCategory,
    Approver,
    CoFinancingStatus,
    CostKind,
    DeliverableStatus,
    EligibilityRuleKind,
    IndicatorKind,
    TargetChangeKind,
)
from regiowerk.monitoring.trace import CUMULATIVE, IN_PERIOD
from regiowerk.people.constants import LabourStatus


def evidence_field(help_text: Any) -> forms.CharField:
    """Where an entered figure comes from (required: an auditor asks for it)."""
    return forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=help_text,
    )


class TargetChangeForm(forms.Form):
    new_value = forms.DecimalField(
        label=_("New target"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        localize=True,
    )
    drops_target = forms.BooleanField(
        label=_("The target is dropped"),
        required=False,
        help_text=_("Tick to drop the target; leave the new target empty then."),
    )
    changed_on = forms.DateField(
        label=_("Agreed on"),
        widget=DATE_INPUT,
        help_text=_("The day the change was agreed with the funder."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of change"), choices=TargetChangeKind.choices
    )
    approver = forms.ChoiceField(
        label=_("Approved by"),
        required=False,
        choices=[("", "—"), *Approver.choices],
        help_text=_("Required for an approved change request."),
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ManualValueForm(forms.Form):
    value = forms.DecimalField(
        label=_("Realised"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
    )
    evidence_note = evidence_field(
        _("Where the figure comes from: a list, an attendance record…")
    )


class DeliverableForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Deliverable status"), choices=DeliverableStatus.choices
    )
    evidence_note = evidence_field(
        _("Which document, which version, where it is kept.")
    )


class DocumentForm(forms.Form):
    """A version of a deliverable's document; the action checks type and size."""

    file = forms.FileField(label=_("Document"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. what changed since the previous version"),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
    )


class PeriodForm(forms.Form):
    periode = forms.TypedChoiceField(
        label=_("Reporting period"), coerce=int, required=False
    )

    def __init__(self, periods: Sequence[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["periode"])
        field.choices = [
            (p.index, f"{p.label} ({p.start:%d-%m-%Y} – {p.end:%d-%m-%Y})")
            for p in periods
        ]


class TraceForm(PeriodForm):
    """Which figure of a computed indicator to trace: the period, and within it only
    or from the project's start (the realised value)."""

    telling = forms.ChoiceField(
        label=_("Counted"),
        required=False,
        choices=[
            (CUMULATIVE, _("From the project's start to the end of the period")),
            (IN_PERIOD, _("Within the period only")),
        ],
    )


class ReportSubmitForm(forms.Form):
    """Submit the report over one ended period (those not yet submitted)."""

    period_start = forms.TypedChoiceField(
        label=_("Report over"), coerce=date.fromisoformat
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. where the report was sent"),
    )

    def __init__(
        self, open_reports: Sequence[tuple[date, str]], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["period_start"])
        field.choices = [(start.isoformat(), label) for start, label in open_reports]


# --- Costs and budget: amounts are entered in euros, the actions take cents -------------
def _cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


def _euro_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.Field:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        localize=True,
        **kwargs,
    )


class MoneyForm(forms.Form):
    """A form whose euro fields become the action's ``<name>_cents`` arguments."""

    money_fields: tuple[str, ...] = ()
    labels: dict[str, Any] = {}

    @property
    def field_map(self) -> dict[str, str]:
        """The action's field names that differ from the form's."""
        return {f"{name}_cents": name for name in self.money_fields}

    def action_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in self.money_fields:
            data[f"{name}_cents"] = _cents(data.pop(name))
        return data


class CostEntryForm(MoneyForm):
    prefix = "kosten"
    money_fields = ("hourly_rate", "amount")

    kind = forms.ChoiceField(label=_("Kind of cost"), choices=CostKind.choices)
    entered_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    description = forms.CharField(label=_("Description"), max_length=300)
    hours = forms.DecimalField(
        label=_("Hours"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=9,
        decimal_places=2,
        localize=True,
        help_text=_("Staff hours only: the hours registered."),
    )
    hourly_rate = _euro_field(
        _("Hourly rate (euros)"),
        required=False,
        help_text=_("Staff hours only; the amount is hours times the rate."),
    )
    amount = _euro_field(
        _("Amount (euros)"), required=False, help_text=_("Material only.")
    )
    evidence_note = evidence_field(
        _("The time sheet, invoice or receipt, and where it is kept.")
    )


class CoFinancingForm(MoneyForm):
    prefix = "cofinanciering"
    money_fields = ("amount",)

    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_("Who pays: employers, a sector fund, a municipality…"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=CoFinancingStatus.choices)
    entered_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    amount = _euro_field(_("Amount (euros)"))
    evidence_note = evidence_field(
        _("The letter of commitment or the payment, and where it is kept.")
    )


class PlannedSpendingForm(forms.Form):
    """One euro field per reporting period: the planned spending curve."""

    field_map: dict[str, str] = {}
    labels = {"amounts": _("Planned spending")}

    def __init__(self, periods: Sequence[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = list(periods)
        for period in self.periods:
            self.fields[f"periode_{period.index}"] = _euro_field(
                f"{period.label} ({period.start:%d-%m-%Y} – {period.end:%d-%m-%Y})",
                required=False,
            )

    def action_data(self) -> dict[str, Any]:
        return {
            "amounts": {
                p.start: _cents(self.cleaned_data[f"periode_{p.index}"])
                for p in self.periods
            }
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=2000,
        help_text=_("Why the entry was wrong; it stays in the trail."),
    )


class EligibilityRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rule"), choices=EligibilityRuleKind.choices)
    months = forms.IntegerField(
        label=_("Months"),
        required=False,
        min_value=0,
        max_value=600,
        help_text=_("For “at most N months on WW”."),
    )
    years = forms.IntegerField(
        label=_("Age in years"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("For “at least N years old”."),
    )
    statuses = forms.MultipleChoiceField(
        label=_("Labour statuses"),
        required=False,
        choices=LabourStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For the target group by labour status."),
    )


# --- Defining a project: the project, its activities and indicators ------------------------
class ProjectForm(MoneyForm):
    """A new project of a programme; the maximum subsidy defaults to the rule."""

    money_fields = ("direct_costs", "max_subsidy")

    code = forms.CharField(label=_("Project code"), max_length=40)
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_on = forms.DateField(label=_("Subsidy period from"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Subsidy period until"), widget=DATE_INPUT)
    direct_costs = _euro_field(_("Budgeted direct costs (euros)"))
    max_subsidy = _euro_field(_("Maximum subsidy (euros)"), required=False)
    max_subsidy_note = forms.CharField(
        label=_("Why the maximum subsidy differs from the rule"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, programme: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["max_subsidy"].help_text = _(
            "Leave empty to compute it by the programme's rule: %(percentage)s %% of "
            "the budgeted direct costs, %(rounding)s."
        ) % {
            "percentage": formats.number_format(
                programme.subsidy_percentage.normalize()
            ),
            "rounding": programme.get_subsidy_rounding_display().lower(),
        }


class ActivityForm(forms.Form):
    name = forms.CharField(label=_("Title"), max_length=300)
    category = forms.ChoiceField(
        label=_("DWSRA category"),
        required=False,
        choices=[("", "—"), *ActivityCategory.choices],
    )


def _fact_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(t.name, f"{t.title} ({t.name})") for t in facts.registered()]


def _date_column_choices() -> list[tuple[str, str]]:
    names = sorted(
        {
            c.name
            for t in facts.registered()
            for c in t.columns_of(facts.ColumnKind.DATE)
        }
    )
    return [("", "—"), *((n, n) for n in names)]


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=60)
    kind = forms.ChoiceField(label=_("Kind"), choices=IndicatorKind.choices)
    target = forms.DecimalField(
        label=_("Original target"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        localize=True,
    )
    table = forms.ChoiceField(
        label=_("Fact table"),
        required=False,
        choices=_fact_choices,
        help_text=_("Computed indicators only: what the registry counts."),
    )
    measure = forms.ChoiceField(
        label=_("Measure"),
        required=False,
        choices=[
            ("", "—"),
            (facts.Measure.COUNT_SUBJECTS.value, _("Distinct persons")),
            (facts.Measure.COUNT_ROWS.value, _("Rows")),
            (facts.Measure.SUM.value, _("Sum of a column")),
        ],
    )
    date_column = forms.ChoiceField(
        label=_("Date column"),
        required=False,
        choices=_date_column_choices,
        help_text=_("The date that places a row in a period."),
    )
    column = forms.CharField(label=_("Column to sum"), required=False, max_length=60)


class ActivityEditForm(VersionedForm, ActivityForm):
    """An activity's title and category, from the activity as it is."""

    @classmethod
    def initial_for(cls, activity: Any) -> dict[str, Any]:
        return {
            "name": activity.name,
            "category": activity.category,
            "version": activity.version,
        }


class IndicatorEditForm(VersionedForm):
    """An indicator's name and unit; its target changes through a target change."""

    name = forms.CharField(label=_("Name"), max_length=300)
    unit = forms.CharField(label=_("Unit"), max_length=60)

    @classmethod
    def initial_for(cls, indicator: Any) -> dict[str, Any]:
        return {
            "name": indicator.name,
            "unit": indicator.unit,
            "version": indicator.version,
        }
