"""Forms of the project page: each parses input for one action."""

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from regiowerk.monitoring.constants import (
    Approver,
    DeliverableStatus,
    TargetChangeKind,
)


class TargetChangeForm(forms.Form):
    new_value = forms.DecimalField(
        label=_("New target"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        help_text=_("Leave empty to drop the target."),
    )
    changed_on = forms.DateField(
        label=_("Agreed on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
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
    evidence_note = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Where the figure comes from: a list, an attendance record…"),
    )


class DeliverableForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Deliverable status"), choices=DeliverableStatus.choices
    )
    evidence_note = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Which document, which version, where it is kept."),
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
