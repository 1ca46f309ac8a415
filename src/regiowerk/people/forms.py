"""Web forms of the people pages: they parse and validate input, nothing more.

Saving is the job of ``people.actions``; the views pass ``cleaned_data`` on. A BSN typed
into a form is never sent back to the browser: its widget does not render the value and
its error messages name the reason, never the digits.
"""

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common.forms import DATE_INPUT, DATETIME_INPUT, VersionedForm
from regiowerk.organisations.models import Organisation, User
from regiowerk.organisations.queries import caseworkers_of
from regiowerk.people import rules
from regiowerk.people.constants import (
    INTAKE_QUESTIONS,
    ConsentPurpose,
    ContactType,
    IntakeSection,
    LabourStatus,
)
from regiowerk.people.models import (
    PERSON_EDITABLE_FIELDS,
    ContactMoment,
    Dossier,
    LabourStatusObservation,
    Person,
    PlanAction,
)
from regiowerk.people.rules import AnswerKind, IntakeQuestion

BSN_INVALID = _("The BSN is not valid (elfproef).")
SHORT_TEXT_MAX = 200  # intake answers up to this length get a one-line input


class NonEchoingInput(forms.TextInput):
    """A text input that never renders its value: a BSN is not sent back to the browser."""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        return super().get_context(name, None, attrs)


class BsnField(forms.CharField):
    """An optional BSN: spaces, dots and hyphens allowed; checked with the elfproef.

    Cleans to the normalised 9 digits, or "" when left empty.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("BSN"))
        kwargs.setdefault(
            "help_text",
            _(
                "Optional. Stored only as a pseudonym; shown masked, and only with "
                "the person's consent for BSN reporting."
            ),
        )
        kwargs.setdefault(
            "widget",
            NonEchoingInput(
                attrs={
                    "autocomplete": "off",
                    "inputmode": "numeric",
                    "spellcheck": "false",
                }
            ),
        )
        super().__init__(max_length=20, **kwargs)
        # The default max-length message is value-free, but keep all BSN messages ours.
        self.error_messages["max_length"] = BSN_INVALID

    def clean(self, value: Any) -> str:
        raw = super().clean(value)
        if not raw:
            return ""
        bsn = rules.normalise_bsn(raw)
        if not rules.is_valid_bsn(bsn):
            raise forms.ValidationError(BSN_INVALID, code="invalid_bsn")
        return bsn


# --- Persons -------------------------------------------------------------------------------

# The editable fields (models.PERSON_EDITABLE_FIELDS) but the region: on the web a
# person is registered in the organisation's region.
PERSON_FORM_FIELDS = [name for name in PERSON_EDITABLE_FIELDS if name != "region"]


# A number of 8 or more digits (spaces, dots or hyphens between them) may be a BSN: it
# is never searched for by name, because a search goes into the URL. The browser refuses
# it before sending (the pattern); the form refuses it too.
BSN_LIKE = re.compile(r"\d(?:[\s.\-]?\d){7}")
BSN_LIKE_PATTERN = r"(?!.*\d([\s.\-]?\d){7}).*"
BSN_IN_SEARCH = _(
    "Do not search for a BSN here (a search ends up in the address bar); "
    "use Find by BSN."
)


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"pattern": BSN_LIKE_PATTERN, "title": BSN_IN_SEARCH}
        ),
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=10)
    labour_status = forms.ChoiceField(
        label=_("Labour status"),
        required=False,
        choices=[("", _("All")), *LabourStatus.choices],
    )

    def clean_q(self) -> str:
        value: str = self.cleaned_data["q"]
        if BSN_LIKE.search(value):
            raise forms.ValidationError(BSN_IN_SEARCH, code="bsn_in_search")
        return value


class PersonBsnLookupForm(forms.Form):
    """Find a person by BSN: sent in the body of a POST, never in a URL."""

    bsn = BsnField(
        required=True,
        help_text=_("Sent with the form, never in the address bar or the history."),
    )


class PersonForm(forms.ModelForm):
    """The fields a consultant fills in about a person. Parsing only: not saved here."""

    class Meta:
        model = Person
        fields = PERSON_FORM_FIELDS
        widgets = {
            "birth_date": DATE_INPUT,
            "labour_status_since": DATE_INPUT,
            "previous_occupations": forms.Textarea(attrs={"rows": 3}),
        }

    def person_data(self) -> dict[str, Any]:
        """The cleaned person fields (without the BSN or the version)."""
        return {name: self.cleaned_data[name] for name in PERSON_FORM_FIELDS}


class PersonCreateForm(PersonForm):
    bsn = BsnField()
    bsn_reporting_consent = forms.BooleanField(
        label=_("The person consents to BSN-based reporting to the funder"),
        required=False,
        help_text=_("Only with this consent is the BSN kept (encrypted)."),
    )

    register_anyway = forms.BooleanField(
        label=_("Register anyway"),
        required=False,
        help_text=_(
            "Only when the person already registered under this name and date of "
            "birth is someone else."
        ),
    )

    field_order = [
        *PERSON_FORM_FIELDS,
        "bsn",
        "bsn_reporting_consent",
        "register_anyway",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:  # asked only once a likely duplicate was found
            del self.fields["register_anyway"]


class PersonEditForm(PersonForm):
    """Editing: the form carries the version it was loaded at (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    bsn = BsnField(
        help_text=_(
            "Leave empty to keep the registered BSN (if any); it is never shown."
        )
    )


# --- Labour status, consent ------------------------------------------------------------------


class ObservationForm(forms.ModelForm):
    class Meta:
        model = LabourStatusObservation
        fields = ["observed_on", "status", "contract_type", "source"]
        widgets = {"observed_on": DATE_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"observed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only for sharing: the organisation the person shares with."),
    )
    given_on = forms.DateField(label=_("Given on"), widget=DATE_INPUT)
    bsn = BsnField(
        help_text=_(
            "Only for BSN-based reporting, and only when no BSN is kept yet: "
            "it is then stored encrypted."
        )
    )

    def __init__(self, *args: Any, holder: Organisation, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        # Sharing is with partners in the same region, never with the holder itself.
        self.fields["partner"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(region=holder.region, is_active=True)
            .exclude(pk=holder.pk)
            .order_by("name")
        )


# --- Dossiers --------------------------------------------------------------------------------


class DossierOpenForm(forms.Form):
    opened_on = forms.DateField(label=_("Opened on"), widget=DATE_INPUT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"opened_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class DossierCloseForm(VersionedForm):
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE_INPUT)
    closing_reason = forms.CharField(
        label=_("Closing reason"),
        max_length=200,
        help_text=_("For example: found work, moved, stopped on own request."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        initial: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        initial = {"closed_on": timezone.localdate(), **(initial or {})}
        super().__init__(data, initial=initial, **kwargs)


class HandOverForm(VersionedForm):
    """Hand a client over: the colleague who becomes the responsible consultant."""

    takes_dossier = True  # views._post_to_dossier passes the dossier
    responsible = forms.ModelChoiceField(
        label=_("Responsible consultant"),
        queryset=User.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        field.queryset = caseworkers_of(dossier.organisation)  # type: ignore[attr-defined]
        field.label_from_instance = _user_label  # type: ignore[attr-defined]


def _user_label(user: User) -> str:
    return user.get_full_name() or user.get_username()


class GoalsForm(VersionedForm):
    goals = forms.CharField(
        label=_("Goals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the person wants to achieve, in their own words."),
    )


_YES_NO = [("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))]


def _intake_field(question: IntakeQuestion) -> forms.Field:
    """The form field for one intake question; every question may stay unanswered."""
    label = question.label
    if question.kind is AnswerKind.BOOLEAN:
        return forms.TypedChoiceField(
            label=label,
            choices=_YES_NO,
            required=False,
            coerce=lambda value: value == "yes",
            empty_value=None,
        )
    if question.kind is AnswerKind.INTEGER:
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=question.minimum,
            max_value=question.maximum,
        )
    if question.kind is AnswerKind.CHOICE:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", _("Not answered")), *((c, c) for c in question.choices)],
        )
    widget = (
        forms.TextInput()
        if question.max_length <= SHORT_TEXT_MAX
        else forms.Textarea(attrs={"rows": 3})
    )
    return forms.CharField(
        label=label, required=False, max_length=question.max_length, widget=widget
    )


def intake_initial(answers: dict[str, Any]) -> dict[str, Any]:
    """Stored intake answers as form initial values (booleans become yes/no)."""
    initial: dict[str, Any] = {}
    for question in INTAKE_QUESTIONS:
        value = answers.get(question.key)
        if question.kind is AnswerKind.BOOLEAN and value is not None:
            value = "yes" if value else "no"
        initial[question.key] = value
    return initial


class IntakeForm(VersionedForm):
    """The structured intake questions (constants.INTAKE_QUESTIONS), grouped by section."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in INTAKE_QUESTIONS:
            self.fields[question.key] = _intake_field(question)

    def answers(self) -> dict[str, Any]:
        """Answers keyed by question; unanswered questions are ``None`` (cleared)."""
        answers: dict[str, Any] = {}
        for question in INTAKE_QUESTIONS:
            value = self.cleaned_data.get(question.key)
            answers[question.key] = None if value in ("", None) else value
        return answers

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The visible fields grouped by their question's section, in question order."""
        labels = dict(IntakeSection.choices)
        grouped: dict[str, list[forms.BoundField]] = {}
        for question in INTAKE_QUESTIONS:
            grouped.setdefault(question.section, []).append(self[question.key])
        return [(labels.get(key, key), fields) for key, fields in grouped.items()]


class PlanActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["description", "due_on", "responsible"]
        widgets = {
            "due_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 2}),
        }


class ContactMomentForm(forms.ModelForm):
    class Meta:
        model = ContactMoment
        fields = ["type", "occurred_at", "notes"]
        widgets = {
            "occurred_at": DATETIME_INPUT,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"occurred_at": timezone.localtime().replace(second=0)}
        )
        super().__init__(*args, **kwargs)


class ContactPlanForm(forms.Form):
    """Plan a contact moment ahead."""

    type = forms.ChoiceField(label=_("Type"), choices=ContactType.choices)
    planned_at = forms.DateTimeField(label=_("Planned for"), widget=DATETIME_INPUT)
    notes = forms.CharField(
        label=_("What it is for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContactHeldForm(VersionedForm):
    """Record a planned contact moment as held."""

    occurred_at = forms.DateTimeField(
        label=_("Held at"),
        widget=DATETIME_INPUT,
        required=False,
        help_text=_("Empty: at the moment planned."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ContactCancelForm(VersionedForm):
    """Cancel a planned contact moment, with the reason."""

    reason = forms.CharField(label=_("Reason for cancelling"), max_length=200)


# --- Data-subject rights, import ---------------------------------------------------------------


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that the personal data of this person will be removed "
            "for good; only anonymous counts remain."
        ),
        required=True,
    )
