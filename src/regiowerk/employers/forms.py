"""Forms of the employer and vacancy pages: they parse input; actions validate rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regiowerk.employers import rules
from regiowerk.employers.constants import (
    ContractType,
    Sector,
    SizeClass,
    VacancySource,
)
from regiowerk.employers.models import Employer

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmployerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or KvK number"), max_length=100, required=False)
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("All sectors")), *Sector.choices],
        required=False,
    )


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=12,
        help_text=_("8 digits, from the Chamber of Commerce register."),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    employees = forms.IntegerField(
        label=_("Number of employees"),
        min_value=0,
        required=False,
        help_text=_("Sets the size class."),
    )
    size_class = forms.ChoiceField(
        label=_("Size"),
        choices=[("", _("From the number of employees")), *SizeClass.choices],
        required=False,
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)

    def clean_kvk_number(self) -> str:
        kvk = rules.normalise_kvk_number(self.cleaned_data["kvk_number"])
        if not rules.is_valid_kvk_number(kvk):
            raise forms.ValidationError(_("A KvK number has exactly 8 digits."))
        return kvk

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("employees") is None and not data.get("size_class"):
            self.add_error(
                "employees", _("Give the number of employees or choose the size.")
            )
        return data


class VacancySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Title, occupation or employer"), max_length=100, required=False
    )


class VacancyForm(forms.Form):
    """The fields of a vacancy people type in; the occupation is linked afterwards."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("As the employer writes it; an occupation is suggested next."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    hours_min = forms.IntegerField(
        label=_("Minimum hours per week"), min_value=1, max_value=60
    )
    hours_max = forms.IntegerField(
        label=_("Maximum hours per week"), min_value=1, max_value=60
    )
    contract_type = forms.ChoiceField(
        label=_("Contract type"), choices=ContractType.choices
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False)
    city = forms.CharField(label=_("Place of work"), max_length=100, required=False)
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE_INPUT)
    closes_on = forms.DateField(label=_("Closes on"), widget=DATE_INPUT, required=False)
    source = forms.ChoiceField(
        label=_("Source"), choices=VacancySource.choices, initial=VacancySource.EMPLOYER
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("hours_min"), data.get("hours_max")
        if low is not None and high is not None and low > high:
            self.add_error("hours_max", _("The maximum must not be below the minimum."))
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on", _("The closing date lies before the opening date.")
            )
        return data


class VacancyCreateForm(VacancyForm):
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Employer.objects.filter(is_active=True).order_by("name"),
        empty_label=_("Choose an employer"),
    )
    field_order = ["employer"]


class VacancyEditForm(VacancyForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
