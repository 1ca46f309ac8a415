"""Forms of the employer and vacancy pages: they parse input; actions validate rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from regiowerk.common.forms import DATE_INPUT, VersionedForm, any_of
from regiowerk.employers import rules
from regiowerk.employers.constants import Sector, SizeClass
from regiowerk.employers.models import (
    EMPLOYER_FIELD_NAMES,
    VACANCY_FIELDS,
    Editable,
    Employer,
    Vacancy,
)


class EmployerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or KvK number"), max_length=100, required=False)
    sector = any_of(_("Sector"), Sector.choices, all_label=_("All sectors"))


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=12,
        help_text=_("8 digits, from the Chamber of Commerce register."),
    )
    # No sector is chosen for the user: the list starts empty and one must be picked.
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Choose a sector")), *Sector.choices]
    )
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


class EmployerEditForm(VersionedForm, EmployerForm):
    """The registration's fields, starting from the employer as it is now."""

    @classmethod
    def initial_for(cls, employer: Employer) -> dict[str, Any]:
        fields = {name: getattr(employer, name) for name in EMPLOYER_FIELD_NAMES}
        if employer.employees is not None:  # the size follows from the number
            fields["size_class"] = ""
        return fields | {"version": employer.version}


class VacancySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Title, occupation or employer"), max_length=100, required=False
    )


def _form_field(field: Editable) -> forms.Field:
    """The web form's input for one of a record's editable fields."""
    common: dict[str, Any] = {
        "label": field.label,
        "required": field.required,
        "help_text": field.form_help,
    }
    if field.choices is not None:
        # A choice with a default is never empty: the select starts on the default
        # (which may be a "not stated" choice, the empty value).
        common["required"] = field.required or field.default not in (None, "")
        return forms.ChoiceField(
            choices=field.choices.choices, initial=field.default, **common
        )
    if field.kind == "integer":
        return forms.IntegerField(
            min_value=field.min_value, max_value=field.max_value, **common
        )
    if field.kind == "number":
        return forms.FloatField(
            min_value=field.min_value, max_value=field.max_value, **common
        )
    if field.kind == "date":
        return forms.DateField(widget=DATE_INPUT, **common)
    if field.kind == "long_text":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    return forms.CharField(max_length=field.max_length, **common)


class VacancyForm(forms.Form):
    """The fields of a vacancy people type in (``VACANCY_FIELDS``); the occupation is
    linked afterwards."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        declared = {f.name: _form_field(f) for f in VACANCY_FIELDS if f.on_form}
        self.fields = {**declared, **self.fields}
        self.order_fields(self.field_order)

    @classmethod
    def initial_for(cls, vacancy: Vacancy) -> dict[str, Any]:
        """The form's starting values: the vacancy as it is now."""
        return {f.name: getattr(vacancy, f.name) for f in VACANCY_FIELDS if f.on_form}

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


class VacancyEditForm(VersionedForm, VacancyForm):
    @classmethod
    def initial_for(cls, vacancy: Vacancy) -> dict[str, Any]:
        return super().initial_for(vacancy) | {"version": vacancy.version}


class ContactInviteForm(forms.Form):
    """A contact person of the employer invited to log in (the action checks the rest:
    an e-mail address no other user has)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        help_text=_(
            "The invitation to set a password goes here; it is also their username."
        ),
    )
