"""Forms of the matching pages: they parse and validate input, actions do the work."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from regiowerk.common.forms import search_words
from regiowerk.employers.constants import ContractType
from regiowerk.matching.constants import SkillSource
from regiowerk.matching.models import Occupation, Skill
from regiowerk.matching.queries import IntakeLimits, vacancy_filters
from regiowerk.organisations.models import Region
from skillmatch import Filters

MAX_SKILLS_PER_ADD = 20


def _either(label: Any, *, yes: Any, no: Any) -> forms.TypedChoiceField:
    """Two radio buttons, the first chosen at the start: True for ``yes``."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("1", yes), ("0", no)],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )


def _offer_only(form: forms.Form, skills: list[Skill] | None) -> None:
    """Let the form's ``skills`` field accept only ``skills`` (all when None)."""
    if skills is not None:
        field = cast(forms.ModelMultipleChoiceField, form.fields["skills"])
        field.queryset = Skill.objects.filter(pk__in=[s.pk for s in skills])


class OccupationSearchForm(forms.Form):
    """Free text (a job title as the person says it) to look up occupations for."""

    text = search_words(
        _("Job title in your own words"),
        help_text=_("For example “chauffeur”, “verzorgende IG” or “orderpicker”."),
        max_length=200,
    )


class OccupationLinkForm(forms.Form):
    """The occupation the consultant confirms, and whether the person holds it now."""

    occupation = forms.ModelChoiceField(
        label=_("Occupation"),
        queryset=Occupation.objects.all(),
        to_field_name="uri",
        error_messages={
            "invalid_choice": _("Choose one of the suggested occupations.")
        },
    )
    is_current = _either(
        _("Held"), yes=_("Current occupation"), no=_("Previous occupation")
    )


class SkillSearchForm(forms.Form):
    """Words to find skills by their name."""

    q = search_words(
        _("Search skills by name"),
        help_text=_("For example “heftruck”, “klant” or “plannen”."),
    )


class _SkillChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class PersonSkillAddForm(forms.Form):
    """Skills found by a search, to add as declared or assessed."""

    skills = _SkillChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        to_field_name="uri",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one skill."),
            "invalid_choice": _("Choose skills from the search results."),
        },
    )
    q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    source = forms.ChoiceField(
        label=_("How do we know?"),
        choices=SkillSource.choices,
        initial=SkillSource.DECLARED,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, found: list[Skill] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _offer_only(self, found)

    def clean_skills(self) -> Any:
        skills = self.cleaned_data["skills"]
        if len(skills) > MAX_SKILLS_PER_ADD:
            raise forms.ValidationError(
                _("Add at most %(n)s skills at a time.") % {"n": MAX_SKILLS_PER_ADD}
            )
        return skills


class VacancySkillAddForm(PersonSkillAddForm):
    """Skills found by a search, to add to a vacancy as required or optional."""

    source = None  # type: ignore[assignment]  # vacancies have no skill source
    is_essential = _either(
        _("The vacancy"), yes=_("requires these skills"), no=_("would like these")
    )


class VacancyFilterForm(forms.Form):
    """Filters for a person's matched vacancies (all optional). The page starts with
    the ones the intake gives (:meth:`data_from_intake`); the consultant changes them."""

    hours_min = forms.IntegerField(
        label=_("At least hours per week"), min_value=0, max_value=60, required=False
    )
    hours_max = forms.IntegerField(
        label=_("At most hours per week"), min_value=1, max_value=60, required=False
    )
    contract_type = forms.MultipleChoiceField(
        label=_("Contract type"),
        choices=ContractType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    avoid_heavy_work = forms.BooleanField(
        label=_("Leave out physically heavy work"), required=False
    )
    own_region = forms.BooleanField(
        label=_("Only employers in the person's region"), required=False
    )
    # Marks a submitted search: "no filters" differs from "start from the intake".
    filtered = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)

    def __init__(self, *args: Any, region: Region | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.region = region
        if region is None:
            del self.fields["own_region"]
        else:
            self.fields["own_region"].label = _(
                "Only employers in the person's region (%(region)s)"
            ) % {"region": region.name}

    @staticmethod
    def data_from_intake(limits: IntakeLimits) -> dict[str, str]:
        """The form as submitted with the intake's limits: at most the hours available,
        no heavy work when the person cannot do it, their own region."""
        data = {"filtered": "1"}
        if limits.hours_available is not None:
            data["hours_max"] = str(limits.hours_available)
        if limits.avoids_heavy_work:
            data["avoid_heavy_work"] = "on"
        if limits.region is not None:
            data["own_region"] = "on"
        return data

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("hours_min"), data.get("hours_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "hours_max",
                _("The maximum must not be below the minimum number of hours."),
            )
        return data

    def filters(self) -> Filters | None:
        """The engine's filters for the valid input (None when nothing is filtered)."""
        data = self.cleaned_data
        return vacancy_filters(
            hours_min=data.get("hours_min"),
            hours_max=data.get("hours_max"),
            contract_types=data.get("contract_type") or (),
        )

    def narrowing(self) -> dict[str, Any]:
        """The vacancies left out before ranking (``matched_vacancies`` arguments)."""
        data = self.cleaned_data
        own = data.get("own_region") and self.region is not None
        return {
            "avoid_heavy_work": bool(data.get("avoid_heavy_work")),
            "region_id": self.region.pk if own and self.region else None,
        }


class ServiceSkillsForm(forms.Form):
    """The skills a catalogue service teaches (replaces the previous set)."""

    skills = _SkillChoiceField(
        label=_("Skills this service teaches"),
        queryset=Skill.objects.all(),
        to_field_name="uri",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: list[Skill] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _offer_only(self, choices)
