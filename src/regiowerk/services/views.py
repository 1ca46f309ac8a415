"""Web pages of the service catalogue, enrolments and events.

Views only translate: a form parses the request, a query or ``people.access`` fetches
(and logs) what is shown, an action in ``services.actions`` makes the change and checks
the right again. ``AccessDenied`` becomes the same 404 for a missing and a forbidden
record, so ids cannot be probed; a role that may not do something at all gets 403.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.common.views import import_page
from regiowerk.common.web import add_conflict, add_errors, not_found_is_404
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import ActorRequest, actor_required
from regiowerk.people.access import AccessDenied, access_person
from regiowerk.people.constants import AccessPurpose
from regiowerk.services import actions, queries
from regiowerk.services.constants import EnrolmentStatus
from regiowerk.services.forms import (
    ACTION_FIELD_LABELS,
    AttendanceForm,
    CompleteForm,
    DropOutForm,
    EnrolmentCreateForm,
    EventFilterForm,
    EventForm,
    HeadCountForm,
    PersonSearchForm,
    SatisfactionForm,
    ServiceFilterForm,
    ServiceForm,
    StartForm,
)
from regiowerk.services.models import Enrolment, Event, Service
from regiowerk.services.permissions import (
    is_event_organiser,
    may_follow_enrolment,
    may_manage_catalogue,
    may_organise_events,
)

PURPOSE = AccessPurpose.SERVICE_DELIVERY
PARTICIPANTS_PER_PAGE = 25

# An action's errors on a form, naming the fields the form does not show.
add_action_errors = partial(add_errors, labels=ACTION_FIELD_LABELS)


# --- Helpers ---------------------------------------------------------------------------


def price_text(cents: int) -> str:
    """A price for display: "€ 1.250,50" in Dutch, "free" for zero."""
    if not cents:
        return _("free")
    amount = number_format(Decimal(cents) / 100, decimal_pos=2, force_grouping=True)
    return f"€\N{NO-BREAK SPACE}{amount}"


def _require_casework(actor: Actor) -> None:
    if not actor.does_casework:
        raise PermissionDenied(_("Only casework roles work with participants."))


# --- Catalogue -------------------------------------------------------------------------


@actor_required
def service_list(request: ActorRequest) -> HttpResponse:
    """The regional catalogue with filters; shows places left per service."""
    actor = request.actor
    form = ServiceFilterForm(request.GET or None)
    services = queries.catalogue(active_on=timezone.localdate())
    if form.is_valid():
        data = form.cleaned_data
        services = queries.catalogue(
            search=data["q"],
            type=data["type"] or None,
            theme=data["theme"] or None,
            target_group=data["target_group"] or None,
            provider=data["provider"],
            active_on=None if data["include_inactive"] else timezone.localdate(),
        )
    rows = [
        (service, queries.places_left(service=service), price_text(service.price_cents))
        for service in services
    ]
    return render(
        request,
        "services/service_list.html",
        {
            "form": form,
            "rows": rows,
            "filtered": form.is_bound
            and form.is_valid()
            and any(form.cleaned_data.values()),
            "may_manage": may_manage_catalogue(
                actor=actor, provider=actor.organisation
            ),
        },
    )


@actor_required
@not_found_is_404
def service_detail(request: ActorRequest, service_id: int) -> HttpResponse:
    actor = request.actor
    service = queries.get_service(service_id=service_id)
    is_provider = service.provider_id == actor.organisation.pk
    return render(
        request,
        "services/service_detail.html",
        {
            "service": service,
            "price": price_text(service.price_cents),
            "places_left": queries.places_left(service=service),
            "is_available": service.is_active_on(timezone.localdate()),
            "may_manage": may_manage_catalogue(actor=actor, provider=service.provider),
            # Counts per status carry no personal data: shown to the provider.
            "counts": (
                [
                    (EnrolmentStatus(status).label, count)
                    for status, count in queries.enrolment_counts(
                        service=service
                    ).items()
                ]
                if is_provider
                else None
            ),
            "may_see_participants": actor.does_casework,
        },
    )


def _service_form(
    request: ActorRequest,
    form: ServiceForm,
    save: Callable[[dict[str, Any]], Service],
    *,
    done: Callable[[Service], str],
    service: Service | None,
) -> HttpResponse:
    """The service form submitted to ``save`` (an action over the form's action data):
    on success the ``done(service)`` message and the service's page, else the form with
    the action's reasons on their fields."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.action_data())
        except ValidationError as exc:
            add_action_errors(form, exc, field_map=ServiceForm.field_map)
        else:
            messages.success(request, done(saved))
            return redirect("service-detail", service_id=saved.pk)
    return render(
        request, "services/service_form.html", {"form": form, "service": service}
    )


@actor_required
def service_create(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    if not may_manage_catalogue(actor=actor, provider=actor.organisation):
        raise PermissionDenied(
            _("Only administrators and project leaders add services.")
        )
    return _service_form(
        request,
        ServiceForm(request.POST or None),
        lambda data: actions.create_service(actor=actor, **data),
        done=lambda saved: _("Service “%(name)s” was added.") % {"name": saved.name},
        service=None,
    )


@actor_required
@not_found_is_404
def service_update(request: ActorRequest, service_id: int) -> HttpResponse:
    actor = request.actor
    service = queries.get_service(service_id=service_id)
    if not may_manage_catalogue(actor=actor, provider=service.provider):
        raise PermissionDenied(
            _("Only administrators and project leaders of the provider change it.")
        )
    form = ServiceForm(
        request.POST or None, initial=ServiceForm.initial_for(service), editing=True
    )
    return _service_form(
        request,
        form,
        lambda changes: actions.update_service(
            actor=actor, service=service, changes=changes
        ),
        done=lambda saved: _("The service was saved."),
        service=service,
    )


@actor_required
@not_found_is_404
def service_participants(request: ActorRequest, service_id: int) -> HttpResponse:
    """The participants of a service whom the actor may see (logged)."""
    actor = request.actor
    _require_casework(actor)
    service = queries.get_service(service_id=service_id)
    page = queries.read_participants_page(
        actor=actor,
        service=service,
        page=request.GET.get("page"),
        per_page=PARTICIPANTS_PER_PAGE,
    )
    rows = []
    for enrolment in page.object_list:
        flags = [a.is_present for a in enrolment.attendances.all()]
        rows.append((enrolment, sum(flags), len(flags)))
    total = sum(queries.enrolment_counts(service=service).values())
    return render(
        request,
        "services/service_participants.html",
        {
            "service": service,
            "rows": rows,
            "page_obj": page,
            "hidden_count": total - page.paginator.count,
        },
    )


@actor_required
def service_import(request: ActorRequest) -> HttpResponse:
    """Upload a CSV/xlsx of services for the actor's organisation: a row report."""
    from regiowerk.services import imports  # openpyxl is only needed for this page

    actor = request.actor
    if not may_manage_catalogue(actor=actor, provider=actor.organisation):
        raise PermissionDenied(
            _("Only administrators and project leaders import services.")
        )
    return import_page(
        request,
        title=_("Import services of %(name)s") % {"name": actor.organisation.name},
        back_url=reverse("service-list"),
        spec=imports.SERVICE_SPEC,
        run=partial(imports.import_services, provider=actor.organisation, actor=actor),
    )


# --- Enrolments ------------------------------------------------------------------------


@actor_required
@not_found_is_404
def enrolment_create(request: ActorRequest) -> HttpResponse:
    """Choose a service for a person (``?person=<uuid>``) the actor may see."""
    actor = request.actor
    person = access_person(
        actor=actor,
        person_id=request.GET.get("person", ""),
        purpose=PURPOSE,
        what="enrolment",
    )
    services = queries.catalogue(active_on=timezone.localdate())
    form = EnrolmentCreateForm(
        request.POST or None,
        services=services,
        allowed_provider_ids=queries.providers_for(person=person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = actions.enrol_person(
                actor=actor,
                person=person,
                service=form.cleaned_data["service"],
                on=form.cleaned_data["registered_on"],
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s is enrolled in “%(service)s”.")
                % {"person": str(person), "service": enrolment.service.name},
            )
            return redirect("enrolment-detail", enrolment_id=enrolment.pk)
    return render(
        request,
        "services/enrolment_create.html",
        {"form": form, "person": person, "person_url": _person_url(person.pk)},
    )


def _person_url(person_id: Any) -> str | None:
    """The person's page in the people app (casework view), if that page exists."""
    try:
        return reverse("person-detail", args=[person_id])
    except NoReverseMatch:  # the people UI is not installed
        return None


def _may_change(actor: Actor, enrolment: Enrolment) -> bool:
    return may_follow_enrolment(
        actor=actor, person=enrolment.person, provider_id=enrolment.service.provider_id
    )


ENROLMENT_FORMS: dict[str, type[forms.Form]] = {
    "start": StartForm,
    "attendance": AttendanceForm,
    "complete": CompleteForm,
    "drop_out": DropOutForm,
    "satisfaction": SatisfactionForm,
}


def _enrolment_forms(
    enrolment: Enrolment, bound: dict[str, forms.Form] | None = None
) -> dict[str, forms.Form]:
    """The forms that fit the enrolment's status; ``bound`` replaces one with errors."""
    status = enrolment.status
    names = {
        EnrolmentStatus.REGISTERED: ["start", "drop_out"],
        EnrolmentStatus.STARTED: ["attendance", "complete", "drop_out", "satisfaction"],
        EnrolmentStatus.COMPLETED: ["satisfaction"],
        EnrolmentStatus.DROPPED_OUT: ["satisfaction"],
    }[EnrolmentStatus(status)]
    initial = {"version": enrolment.version, "score": enrolment.satisfaction_score}
    result: dict[str, forms.Form] = {}
    for name in names:
        result[name] = (bound or {}).get(name) or ENROLMENT_FORMS[name](
            initial=initial, prefix=name
        )
    return result


def _render_enrolment(
    request: ActorRequest,
    enrolment: Enrolment,
    bound: dict[str, forms.Form] | None = None,
) -> HttpResponse:
    actor = request.actor
    attendances = list(queries.attendances_of(enrolment=enrolment))
    may_change = _may_change(actor, enrolment)
    return render(
        request,
        "services/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "person": enrolment.person,
            # access_enrolment let the actor read the person, so their page opens too.
            "person_url": _person_url(enrolment.person.pk),
            "attendances": attendances,
            "present_count": sum(1 for a in attendances if a.is_present),
            "may_change": may_change,
            "forms": _enrolment_forms(enrolment, bound) if may_change else {},
        },
    )


@actor_required
@not_found_is_404
def enrolment_detail(request: ActorRequest, enrolment_id: int) -> HttpResponse:
    enrolment = queries.access_enrolment(actor=request.actor, enrolment_id=enrolment_id)
    return _render_enrolment(request, enrolment)


ENROLMENT_CHANGES: dict[str, Callable[..., object]] = {
    "start": actions.start_enrolment,
    "complete": actions.complete_enrolment,
    "drop_out": actions.drop_out,
    "satisfaction": actions.rate_enrolment,
    "attendance": actions.record_attendance,
}
ENROLMENT_CHANGE_DONE = {
    "start": gettext_lazy("The enrolment was started."),
    "complete": gettext_lazy("The enrolment was completed."),
    "drop_out": gettext_lazy("The drop-out was recorded."),
    "satisfaction": gettext_lazy("The satisfaction score was saved."),
    "attendance": gettext_lazy("The attendance was recorded."),
}


def _enrolment_change(name: str) -> Callable[..., HttpResponse]:
    """A POST view that parses form ``name`` and applies its action to the enrolment."""

    @require_POST
    @actor_required
    @not_found_is_404
    def view(request: ActorRequest, enrolment_id: int) -> HttpResponse:
        actor = request.actor
        enrolment = queries.access_enrolment(
            actor=actor, enrolment_id=enrolment_id, what=f"enrolment {name}"
        )
        if not _may_change(actor, enrolment):
            raise AccessDenied
        form = ENROLMENT_FORMS[name](request.POST, prefix=name)
        if form.is_valid():
            try:
                actions.apply_enrolment_change(
                    ENROLMENT_CHANGES[name],
                    actor=actor,
                    enrolment=enrolment,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                add_action_errors(form, exc)
            except ConcurrentEditError:
                add_conflict(form)
            else:
                messages.success(request, ENROLMENT_CHANGE_DONE[name])
                return redirect("enrolment-detail", enrolment_id=enrolment.pk)
        enrolment.refresh_from_db()
        return _render_enrolment(request, enrolment, bound={name: form})

    return view


enrolment_start = _enrolment_change("start")
enrolment_complete = _enrolment_change("complete")
enrolment_drop_out = _enrolment_change("drop_out")
enrolment_satisfaction = _enrolment_change("satisfaction")
enrolment_attendance = _enrolment_change("attendance")


# --- Events ----------------------------------------------------------------------------


@actor_required
def event_list(request: ActorRequest) -> HttpResponse:
    """Upcoming and past events with their reach (no personal data)."""
    actor = request.actor
    form = EventFilterForm(request.GET or None)
    event_type = form.cleaned_data["type"] if form.is_valid() else None
    upcoming = queries.upcoming_events(type=event_type)
    past = queries.past_events(type=event_type)
    return render(
        request,
        "services/event_list.html",
        {
            "form": form,
            "upcoming": upcoming,
            "past": past,
            "may_organise": may_organise_events(actor),
        },
    )


@actor_required
def event_create(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    if not may_organise_events(actor):
        raise PermissionDenied(_("Analysts do not organise events."))
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = actions.create_event(actor=actor, **form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request, _("Event “%(title)s” was created.") % {"title": event.title}
            )
            return redirect("event-detail", event_id=event.pk)
    return render(request, "services/event_form.html", {"form": form, "event": None})


@actor_required
@not_found_is_404
def event_update(request: ActorRequest, event_id: int) -> HttpResponse:
    actor = request.actor
    event = queries.get_event(event_id=event_id)
    if not is_event_organiser(actor=actor, organiser_id=event.organiser_id):
        raise PermissionDenied(
            _("Only the organising organisation may change this event.")
        )
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_event(actor=actor, event=event, changes=form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("event-detail", event_id=event.pk)
    return render(request, "services/event_form.html", {"form": form, "event": event})


def _render_event(
    request: ActorRequest,
    event: Event,
    *,
    head_count_form: HeadCountForm | None = None,
) -> HttpResponse:
    actor = request.actor
    registrations = queries.read_registrations(actor=actor, event=event)
    search_form = None
    found: list[Any] = []
    if actor.does_casework:
        search_form = PersonSearchForm(request.GET or None)
        if search_form.is_valid():
            found = queries.persons_to_register(
                actor=actor, event=event, search=search_form.cleaned_data["q"]
            )
    is_organiser = is_event_organiser(actor=actor, organiser_id=event.organiser_id)
    reach = queries.event_reach(event=event)
    return render(
        request,
        "services/event_detail.html",
        {
            "event": event,
            "reach": reach,
            "registrations": registrations,
            "hidden_count": reach.registered - len(registrations),
            "places_left": None
            if event.capacity is None
            else max(event.capacity - reach.registered, 0),
            "is_past": event.ends_at < timezone.now(),
            "is_organiser": is_organiser,
            "search_form": search_form,
            "found": found,
            # Walk-ins are counted once the event has begun.
            "head_count_form": head_count_form
            or (
                HeadCountForm(
                    initial={"anonymous_head_count": event.anonymous_head_count}
                )
                if is_organiser and event.has_begun
                else None
            ),
        },
    )


@actor_required
@not_found_is_404
def event_detail(request: ActorRequest, event_id: int) -> HttpResponse:
    return _render_event(request, queries.get_event(event_id=event_id))


@require_POST
@actor_required
@not_found_is_404
def event_register(request: ActorRequest, event_id: int) -> HttpResponse:
    """Register a person (chosen from the search on the event page) for the event."""
    actor = request.actor
    event = queries.get_event(event_id=event_id)
    person = access_person(
        actor=actor,
        person_id=request.POST.get("person", ""),
        purpose=PURPOSE,
        what="event registration",
    )
    try:
        actions.register_for_event(actor=actor, event=event, person=person)
    except ValidationError as exc:
        for message in _named_messages(exc):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(person)s is registered for this event.") % {"person": str(person)},
        )
    return redirect("event-detail", event_id=event.pk)


def _named_messages(exc: ValidationError) -> list[str]:
    """An action's errors as text that names the field: "Person: already registered"."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    return [
        f"{ACTION_FIELD_LABELS.get(name, name)}: {message}"
        for name, errors in exc.message_dict.items()
        for message in errors
    ]


@require_POST
@actor_required
@not_found_is_404
def event_attendance(request: ActorRequest, event_id: int) -> HttpResponse:
    """Save the attended boxes of the registrations the actor sees on the page."""
    actor = request.actor
    event = queries.get_event(event_id=event_id)
    ticked = set(request.POST.getlist("attended"))
    changed = 0
    shown = queries.read_registrations(
        actor=actor, event=event, what="event attendance"
    )
    for registration in shown:
        attended = str(registration.pk) in ticked
        if registration.has_attended == attended:
            continue
        try:
            actions.record_event_attendance(
                actor=actor, registration=registration, has_attended=attended
            )
        except ValidationError as exc:
            for message in _named_messages(exc):
                messages.error(request, message)
            return redirect("event-detail", event_id=event.pk)
        changed += 1
    messages.success(
        request,
        ngettext(
            "Attendance saved (%(count)s change).",
            "Attendance saved (%(count)s changes).",
            changed,
        )
        % {"count": changed},
    )
    return redirect("event-detail", event_id=event.pk)


@require_POST
@actor_required
@not_found_is_404
def event_head_count(request: ActorRequest, event_id: int) -> HttpResponse:
    actor = request.actor
    event = queries.get_event(event_id=event_id)
    if not is_event_organiser(actor=actor, organiser_id=event.organiser_id):
        raise PermissionDenied(
            _("Only the organising organisation may change this event.")
        )
    form = HeadCountForm(request.POST)
    if form.is_valid():
        try:
            actions.set_anonymous_head_count(
                actor=actor,
                event=event,
                count=form.cleaned_data["anonymous_head_count"],
            )
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The number of walk-ins was saved."))
            return redirect("event-detail", event_id=event.pk)
    return _render_event(request, event, head_count_form=form)
