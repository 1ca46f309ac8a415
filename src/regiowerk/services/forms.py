"""Forms of the catalogue, enrolment and event pages (parsing only; actions decide)."""

from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from regiowerk.common.forms import (
    DATE_INPUT,
    DATETIME_INPUT,
    DATETIME_LOCAL_FORMAT,
    CheckboxGroup,
    VersionedForm,
    any_of,
    search_words,
)
from regiowerk.organisations.models import Organisation
from regiowerk.services import rules
from regiowerk.services.constants import EventType, ServiceType, TargetGroup, Theme
from regiowerk.services.models import Service

# How an action's error names a field that a form does not show ("Dienst: vol").
ACTION_FIELD_LABELS: dict[str, Any] = {
    "status": _("Status"),
    "service": _("Service"),
    "person": _("Person"),
    "event": _("Event"),
    "anonymous_head_count": _("Walk-ins (not registered)"),
    "has_attended": _("Attended"),
}


# --- Catalogue -------------------------------------------------------------------------


class ServiceFilterForm(forms.Form):
    """The catalogue's filters (GET); every field is optional."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    type = any_of(_("Type of service"), ServiceType.choices, all_label=_("All types"))
    theme = any_of(_("Theme"), Theme.choices, all_label=_("All themes"))
    target_group = any_of(
        _("Target group"), TargetGroup.choices, all_label=_("All target groups")
    )
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All providers"),
    )
    include_inactive = forms.BooleanField(
        label=_("Also show services that are not available now"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        providers = Organisation.objects.filter(services__isnull=False).distinct()
        self.fields["provider"].queryset = providers.order_by("name")  # type: ignore[attr-defined]


class ServiceForm(forms.Form):
    """A service in the catalogue; the price is entered in euros, stored in cents."""

    name = forms.CharField(label=_("Name"), max_length=200)
    type = forms.ChoiceField(
        label=_("Type of service"), choices=[("", _("Choose…")), *ServiceType.choices]
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the participant does and gains; who it is for."),
    )
    price = forms.DecimalField(
        label=_("Price per participant (euros)"),
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        initial=Decimal(0),
        localize=True,
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        help_text=_(
            "Maximum number of participants at the same time; empty: unlimited."
        ),
    )
    duration_hours = forms.IntegerField(
        label=_("Duration (hours)"), required=False, min_value=0, max_value=32767
    )
    session_count = forms.IntegerField(
        label=_("Number of sessions"), required=False, min_value=0, max_value=32767
    )
    themes = forms.MultipleChoiceField(
        label=_("Sustainable-employability themes"),
        required=False,
        choices=Theme.choices,
        widget=CheckboxGroup,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        required=False,
        choices=TargetGroup.choices,
        widget=CheckboxGroup,
    )
    active_from = forms.DateField(
        label=_("Available from"), required=False, widget=DATE_INPUT
    )
    active_until = forms.DateField(
        label=_("Available until"), required=False, widget=DATE_INPUT
    )
    is_active = forms.BooleanField(
        label=_("In the catalogue"),
        required=False,
        initial=True,
        help_text=_("Untick to take the service out; current participants continue."),
    )

    # Action field names that differ from the form's.
    field_map = {"price_cents": "price"}

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["is_active"]  # a new service is always in the catalogue

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("active_from"), data.get("active_until")
        if start and end and end < start:
            self.add_error(
                "active_until", _("The end date lies before the start date.")
            )
        return data

    def action_data(self) -> dict[str, Any]:
        """The cleaned values as the keyword arguments of create/update_service."""
        data = dict(self.cleaned_data)
        data["price_cents"] = int((data.pop("price") * 100).to_integral_value())
        return data

    @classmethod
    def initial_for(cls, service: Service) -> dict[str, Any]:
        return {
            "name": service.name,
            "type": service.type,
            "description": service.description,
            "price": Decimal(service.price_cents) / 100,
            "capacity": service.capacity,
            "duration_hours": service.duration_hours,
            "session_count": service.session_count,
            "themes": service.themes,
            "target_groups": service.target_groups,
            "active_from": service.active_from,
            "active_until": service.active_until,
            "is_active": service.is_active,
        }


# --- Enrolments ------------------------------------------------------------------------


class ServiceChoiceField(forms.ModelChoiceField):
    """Services labelled with provider, places left and whether consent is missing."""

    # Providers the person may be enrolled with (own organisation, sharing consent).
    allowed_provider_ids: frozenset[int] | None = None

    def label_from_instance(self, obj: Any) -> str:
        left = rules.places_left(obj.capacity, getattr(obj, "places_taken", 0))
        notes = [
            _("unlimited places")
            if left is None
            else ngettext("%(left)s place left", "%(left)s places left", left)
            % {"left": left}
        ]
        allowed = self.allowed_provider_ids
        if allowed is not None and obj.provider_id not in allowed:
            notes.append(_("no sharing consent yet"))
        return f"{obj.name} — {obj.provider.name} ({'; '.join(map(str, notes))})"


class EnrolmentCreateForm(forms.Form):
    service = ServiceChoiceField(
        label=_("Service"), queryset=Service.objects.none(), empty_label=_("Choose…")
    )
    registered_on = forms.DateField(
        label=_("Registration date"), widget=DATE_INPUT, initial=timezone.localdate
    )

    def __init__(
        self,
        *args: Any,
        services: Any,
        allowed_provider_ids: frozenset[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast(ServiceChoiceField, self.fields["service"])
        field.queryset = services
        field.allowed_provider_ids = allowed_provider_ids

    def clean_registered_on(self) -> date:
        value: date = self.cleaned_data["registered_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The registration date cannot lie in the future."))
        return value


def _today() -> date:
    return timezone.localdate()


class StartForm(VersionedForm):
    started_on = forms.DateField(
        label=_("Start date"), widget=DATE_INPUT, initial=_today
    )


class CompleteForm(VersionedForm):
    evidence = forms.CharField(
        label=_("Evidence of completion"),
        max_length=200,
        help_text=_("Certificate or diploma number, or another reference."),
    )
    completed_on = forms.DateField(
        label=_("Completion date"), widget=DATE_INPUT, initial=_today
    )


class DropOutForm(VersionedForm):
    drop_out_reason = forms.CharField(
        label=_("Reason for dropping out"), widget=forms.Textarea(attrs={"rows": 3})
    )
    dropped_out_on = forms.DateField(
        label=_("Date of dropping out"), widget=DATE_INPUT, initial=_today
    )


class SatisfactionForm(VersionedForm):
    score = forms.TypedChoiceField(
        label=_("Satisfaction score (1–10)"),
        coerce=int,
        choices=[("", "—")]
        + [
            (n, str(n))
            for n in range(rules.SATISFACTION_MIN, rules.SATISFACTION_MAX + 1)
        ],
        help_text=_(
            "The participant's own mark, as at school: 1 is very poor, 10 excellent."
        ),
    )


class RadioGroup(forms.RadioSelect):
    """Radio buttons whose label and error link point at the first button."""

    def id_for_label(self, id_: str, index: str | None = "0") -> str:
        return super().id_for_label(id_, index)


class AttendanceForm(forms.Form):
    session_on = forms.DateField(
        label=_("Session date"), widget=DATE_INPUT, initial=_today
    )
    is_present = forms.TypedChoiceField(
        label=_("Attendance"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Present")), ("no", _("Absent"))],
        widget=RadioGroup,
        initial="yes",
    )


# --- Events ----------------------------------------------------------------------------


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    type = forms.ChoiceField(
        label=_("Type of event"), choices=[("", _("Choose…")), *EventType.choices]
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=DATETIME_INPUT,
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        widget=DATETIME_INPUT,
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        help_text=_("Maximum number of named registrations; empty: unlimited."),
    )
    is_learning_network_meeting = forms.BooleanField(
        label=_("Meeting of a learning network"), required=False
    )
    network_name = forms.CharField(
        label=_("Learning network"),
        required=False,
        max_length=200,
        help_text=_("Required for a learning-network meeting."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return data

    @classmethod
    def initial_for(cls, event: Any) -> dict[str, Any]:
        tz = timezone.get_current_timezone()
        return {
            "title": event.title,
            "type": event.type,
            "description": event.description,
            "starts_at": event.starts_at.astimezone(tz),
            "ends_at": event.ends_at.astimezone(tz),
            "place": event.place,
            "capacity": event.capacity,
            "is_learning_network_meeting": event.is_learning_network_meeting,
            "network_name": event.network_name,
        }


class EventFilterForm(forms.Form):
    type = any_of(_("Type of event"), EventType.choices, all_label=_("All types"))


class PersonSearchForm(forms.Form):
    q = search_words(
        _("Find a person to register"),
        help_text=_("Name, e-mail, postcode or place of residence."),
    )


class HeadCountForm(forms.Form):
    anonymous_head_count = forms.IntegerField(
        label=_("Walk-ins (not registered)"),
        min_value=0,
        max_value=rules.HEAD_COUNT_MAX,
        help_text=_("People who came without registering: counted, never named."),
    )
