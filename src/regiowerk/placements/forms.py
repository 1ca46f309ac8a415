"""Forms of the pipeline and placement pages (parsing only; the actions decide)."""

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common.forms import (
    DATE_INPUT,
    CheckboxGroup,
    VersionedForm,
    search_words,
)
from regiowerk.employers.models import Employer
from regiowerk.organisations.models import User
from regiowerk.placements import rules
from regiowerk.placements.constants import (
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
from regiowerk.placements.models import (
    MAX_HOURS,
    NOTE_MAX_LENGTH,
    PROGRAMME_NAME_MAX_LENGTH,
    CheckIn,
    FollowUpProgramme,
    Placement,
)


def _today() -> Any:
    return timezone.localdate()


def _note(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CandidacyStartForm(forms.Form):
    """Put a person forward: the person's id and where they were found."""

    person = forms.UUIDField(widget=forms.HiddenInput)
    source = forms.ChoiceField(
        choices=CandidacySource.choices,
        initial=CandidacySource.BY_HAND,
        widget=forms.HiddenInput,
    )


class PersonSearchForm(forms.Form):
    q = search_words(
        _("Name, e-mail or place"), help_text=_("For example: Jansen, or Veenstad")
    )


class CandidacyMoveForm(VersionedForm):
    """Shown with the ending form on the candidacy page: its own element ids."""

    stage = forms.ChoiceField(label=_("Next stage"))
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=_today)
    note = _note(_("Note"))

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "move_%s")
        super().__init__(*args, **kwargs)
        following = rules.next_stages(rules.Stage(current))
        cast(forms.ChoiceField, self.fields["stage"]).choices = [
            (str(stage), Stage(stage).label) for stage in following
        ]


class CandidacyEndForm(VersionedForm):
    ending = forms.ChoiceField(label=_("How it ended"), choices=CandidacyEnding.choices)
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=_today)
    reason = _note(_("Reason (required when the employer rejected the candidate)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "end_%s")
        super().__init__(*args, **kwargs)


class CaseworkerField(forms.ModelChoiceField):
    """A user of the organisation, by name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class PlacementForm(forms.Form):
    """The fields of a placement (create and change); ``responsible`` from the
    organisation's caseworkers."""

    kind = forms.ChoiceField(
        label=_("Kind of placement"), choices=PlacementKind.choices
    )
    contract_type = forms.ChoiceField(
        label=_("Contract type"), choices=PlacementContract.choices
    )
    starts_on = forms.DateField(label=_("Start date"), widget=DATE_INPUT)
    contract_ends_on = forms.DateField(
        label=_("Contract ends on"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Required for a fixed-term contract."),
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"), min_value=1, max_value=MAX_HOURS
    )
    has_wage_cost_subsidy = forms.BooleanField(
        label=_("Wage-cost subsidy"), required=False
    )
    wage_cost_subsidy = forms.DecimalField(
        label=_("Wage-cost subsidy per month (euro)"),
        required=False,
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
    )
    support = forms.MultipleChoiceField(
        label=_("Support arrangements"),
        choices=Support.choices,
        required=False,
        widget=CheckboxGroup,
    )
    support_ends_on = forms.DateField(
        label=_("Support ends on"), widget=DATE_INPUT, required=False
    )
    host_mentor = forms.CharField(
        label=_("Host mentor"),
        max_length=200,
        required=False,
        help_text=_("The mentor at the employer (work-learning places)."),
    )
    responsible = CaseworkerField(
        label=_("Labour expert or job coach"),
        queryset=User.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, caseworkers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(CaseworkerField, self.fields["responsible"]).queryset = caseworkers

    def placement_fields(self) -> dict[str, Any]:
        """The cleaned values as the actions' placement fields."""
        data = dict(self.cleaned_data)
        amount = data.pop("wage_cost_subsidy")
        data.pop("responsible", None)
        data.pop("employer", None)
        data.pop("version", None)
        data["wage_cost_subsidy_cents"] = (
            int(amount * 100) if amount is not None else None
        )
        data["host_mentor"] = data["host_mentor"].strip()
        return data

    @staticmethod
    def initial_of(placement: Placement) -> dict[str, Any]:
        cents = placement.wage_cost_subsidy_cents
        return {
            "kind": placement.kind,
            "contract_type": placement.contract_type,
            "starts_on": placement.starts_on,
            "contract_ends_on": placement.contract_ends_on,
            "hours_per_week": placement.hours_per_week,
            "has_wage_cost_subsidy": placement.has_wage_cost_subsidy,
            "wage_cost_subsidy": Decimal(cents) / 100 if cents is not None else None,
            "support": placement.support,
            "support_ends_on": placement.support_ends_on,
            "host_mentor": placement.host_mentor,
            "responsible": placement.responsible_id,
            "version": placement.version,
        }


class PlacementByHandForm(PlacementForm):
    employer = forms.ModelChoiceField(
        label=_("Employer"), queryset=Employer.objects.filter(is_active=True)
    )

    field_order = ["employer"]


class PlacementChangeForm(VersionedForm, PlacementForm):
    pass


class PlacementEndForm(VersionedForm):
    ends_on = forms.DateField(label=_("End date"), widget=DATE_INPUT, initial=_today)
    reason = forms.ChoiceField(label=_("Reason"), choices=EndingReason.choices)
    moved_on_to_work = forms.BooleanField(
        label=_("The person moved on to other work"), required=False
    )
    factors = forms.MultipleChoiceField(
        label=_("What played a part"),
        choices=EndingFactor.choices,
        required=False,
        widget=CheckboxGroup,
    )
    lesson = _note(_("Lesson learnt"))


# --- Follow-up (nazorg) -----------------------------------------------------------------------
# The scale's ends are named in the choices: "Werkdruk: 2" alone does not say which way
# is good.
SCALE_CHOICES = [
    ("", "—"),
    ("1", _("1 (worrying)")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 (good)")),
]


class CheckInForm(forms.Form):
    """A check-in or ad-hoc contact, its signals (1 = bad, 5 = good; empty = not
    discussed) and at most one agreed action."""

    held_on = forms.DateField(label=_("Held on"), widget=DATE_INPUT, initial=_today)
    kind = forms.ChoiceField(label=_("Kind"), choices=CheckInKind.choices)
    held_with = forms.ChoiceField(label=_("With"), choices=CheckInWith.choices)
    status = forms.ChoiceField(
        label=_("Overall status"),
        choices=[("", "—"), *CheckInStatus.choices],
        required=False,
    )
    advice = _note(_("Advice given"))
    notes = _note(_("Notes"))
    action = forms.CharField(
        label=_("Agreed action"), required=False, max_length=NOTE_MAX_LENGTH
    )
    action_owner = forms.ChoiceField(
        label=_("Owner of the action"),
        choices=[("", "—"), *ActionOwner.choices],
        required=False,
    )
    action_due_on = forms.DateField(
        label=_("Action due on"), widget=DATE_INPUT, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for signal in Signal:
            self.fields[signal.value] = forms.TypedChoiceField(
                label=signal.label,
                choices=SCALE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") and not (
            data.get("action_owner") and data.get("action_due_on")
        ):
            self.add_error(
                "action_due_on", _("An agreed action needs an owner and a due date.")
            )
        return data

    def check_in_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "held_on",
                "kind",
                "held_with",
                "status",
                "advice",
                "notes",
                *Signal.values,
            )
        }

    @staticmethod
    def initial_of(check_in: CheckIn) -> dict[str, Any]:
        """The check-in's values as the form shows them to change them."""
        names = ("held_on", "kind", "held_with", "status", "advice", "notes")
        return {
            **{name: getattr(check_in, name) for name in (*names, *Signal.values)},
            "version": check_in.version,
        }

    def agreed(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        if not data.get("action"):
            return []
        return [
            {
                "description": data["action"],
                "owner": data["action_owner"],
                "due_on": data["action_due_on"],
            }
        ]


class CheckInChangeForm(VersionedForm, CheckInForm):
    """Changing a check-in from the version the user saw; an agreed action filled
    in is added to the ones agreed before."""


class _ScheduleFields(forms.Form):
    """The intervals of a follow-up schedule; the action checks them."""

    first_days = forms.IntegerField(
        label=_("First check-in after (days)"),
        help_text=_("Days after the start; the default is 14."),
    )
    months = forms.CharField(
        label=_("Then after (months)"),
        required=False,
        max_length=200,
        help_text=_(
            "Months after the start, separated by commas; the default is 1, 3, 6, 12."
        ),
    )
    every_months = forms.IntegerField(
        label=_("Then every (months)"), help_text=_("The default is 6.")
    )
    years = forms.IntegerField(label=_("For (years)"), help_text=_("The default is 5."))

    def clean_months(self) -> list[int]:
        words = self.cleaned_data["months"].replace(";", ",").split(",")
        try:
            return [int(word) for word in (w.strip() for w in words) if word]
        except ValueError:
            raise forms.ValidationError(
                _("Give whole months separated by commas (e.g. 1, 2, 3, 6)."),
                code="invalid",
            ) from None

    @staticmethod
    def schedule_initial(schedule: rules.Schedule) -> dict[str, Any]:
        return {
            "first_days": schedule.first_days,
            "months": ", ".join(str(m) for m in schedule.months),
            "every_months": schedule.every_months,
            "years": schedule.years,
        }


class FollowUpScheduleForm(_ScheduleFields):
    """A placement's own follow-up schedule; the action checks the intervals."""

    reason = _note(_("Why this placement has its own schedule"))

    @staticmethod
    def initial_of(schedule: rules.Schedule, reason: str = "") -> dict[str, Any]:
        return {**_ScheduleFields.schedule_initial(schedule), "reason": reason}


class FollowUpProgrammeForm(_ScheduleFields):
    """A follow-up programme: its name, its schedule and what it is for."""

    field_order = ("name", "first_days", "months", "every_months", "years")

    name = forms.CharField(
        label=_("Name"),
        max_length=PROGRAMME_NAME_MAX_LENGTH,
        help_text=_("For example “Banenafspraak — nazorg 5 jaar”."),
    )
    description = _note(_("What the programme is for"))

    @staticmethod
    def initial_of(programme: FollowUpProgramme) -> dict[str, Any]:
        schedule = rules.Schedule(
            first_days=programme.first_days,
            months=tuple(programme.months),
            every_months=programme.every_months,
            years=programme.years,
        )
        return {
            **_ScheduleFields.schedule_initial(schedule),
            "name": programme.name,
            "description": programme.description,
            "version": programme.version,
        }


class FollowUpProgrammeChangeForm(VersionedForm, FollowUpProgrammeForm):
    """Changing a follow-up programme from the version the user saw."""


class FollowUpProgrammeChoiceForm(forms.Form):
    """Which of the organisation's follow-up programmes a placement follows."""

    programme = forms.ModelChoiceField(
        label=_("Follow-up programme"),
        queryset=FollowUpProgramme.objects.none(),
        required=False,
        empty_label=_("None (the default schedule)"),
        help_text=_("An own schedule of the placement comes before its programme's."),
    )

    def __init__(self, *args: Any, programmes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["programme"])
        field.queryset = programmes
