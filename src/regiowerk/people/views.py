"""Web pages about people: search, register, the person's dossier page, consents,
data-subject rights, aggregates and the persons import.

Views only translate: a form parses the request, ``people.access`` fetches (and logs)
the person or dossier, an action in ``people.actions`` makes the change. ``AccessDenied``
becomes the same 404 for a missing and a forbidden record, so ids cannot be probed.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from regiowerk.common.views import import_page
from regiowerk.common.web import not_found_is_404, save_form
from regiowerk.organisations.constants import Role
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import ActorRequest, actor_required
from regiowerk.people import actions, contributions, imports, queries
from regiowerk.people.access import (
    AccessDenied,
    access_dossier,
    access_person,
    access_person_by_bsn,
    display_bsn,
    log_access,
    may_change_person,
    may_erase,
    may_register_persons,
)
from regiowerk.people.constants import (
    AccessPurpose,
    ConsentPurpose,
    ContactStatus,
    DossierStatus,
)
from regiowerk.people.export import intake_rows
from regiowerk.people.forms import (
    BSN_IN_SEARCH,
    ConsentForm,
    ContactCancelForm,
    ContactHeldForm,
    ContactMomentForm,
    ContactPlanForm,
    DossierCloseForm,
    DossierOpenForm,
    EraseForm,
    GoalsForm,
    HandOverForm,
    IntakeForm,
    ObservationForm,
    PersonBsnLookupForm,
    PersonCreateForm,
    PersonEditForm,
    PersonSearchForm,
    PlanActionForm,
    intake_initial,
)
from regiowerk.people.models import Dossier, Person

PAGE_SIZE = 25
ACCESS_LOG_SHOWN = 20  # the latest reads; the export holds the whole log
CASEWORK = AccessPurpose.CASEWORK
# Form prefixes keep the ids of the several forms on the dossier page unique.
OBSERVATION_PREFIX = "observation"
CONSENT_PREFIX = "consent"
OPEN_PREFIX = "open"
ACTION_PREFIX = "action"
CONTACT_PREFIX = "contact"
PLAN_CONTACT_PREFIX = "plan_contact"
HELD_PREFIX = "held"
CANCEL_PREFIX = "cancel"
CLOSE_PREFIX = "close"
HAND_OVER_PREFIX = "hand_over"

T = TypeVar("T")


# --- Helpers ---------------------------------------------------------------------------------


def _get_person(
    request: ActorRequest, person_id: uuid.UUID, *, write: bool = False, what: str
) -> Person:
    return access_person(
        actor=request.actor,
        person_id=person_id,
        purpose=CASEWORK,
        what=what,
        write=write,
    )


def _get_dossier(request: ActorRequest, dossier_id: uuid.UUID, *, what: str) -> Dossier:
    """A dossier the actor may change (its own organisation's)."""
    return access_dossier(
        actor=request.actor,
        dossier_id=dossier_id,
        purpose=CASEWORK,
        what=what,
        write=True,
    )


def _do(request: HttpRequest, change: Callable[[], object], done: Any) -> None:
    """Make a change that has no form (a button): its refusal becomes an error message."""
    try:
        change()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)


# --- List, search, register --------------------------------------------------------------------


def _person_list_page(
    request: ActorRequest, bsn_form: PersonBsnLookupForm, status: int = 200
) -> HttpResponse:
    actor = request.actor
    if not actor.does_casework:
        if actor.has_role(Role.ANALYST):
            return redirect("person-aggregates")
        raise PermissionDenied(_("Only casework roles see individual people."))
    form = PersonSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.has_error("q", "bsn_in_search"):
        # A BSN in the name box: not searched, not shown, and out of the address bar.
        messages.error(request, BSN_IN_SEARCH)
        rest: dict[str, str] = {
            key: str(value)
            for key, value in request.GET.items()
            if key not in ("q", "page") and value
        }
        return redirect(f"{reverse('person-list')}?{urlencode(rest)}".rstrip("?"))
    persons = queries.persons_found(
        actor=actor,
        search=filters.get("q", ""),
        postcode=filters.get("postcode", ""),
        labour_status=filters.get("labour_status", ""),
    )
    page: Page = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("page"))
    log_access(
        actor=actor, persons=page.object_list, purpose=CASEWORK, what="person list"
    )
    query: dict[str, str] = {
        key: str(value) for key, value in request.GET.items() if key != "page" and value
    }
    return render(
        request,
        "people/person_list.html",
        {
            "form": form,
            "bsn_form": bsn_form,
            "page_obj": page,
            "query_string": urlencode(query),
            "searched": bool(query),
            "may_register": may_register_persons(actor),
        },
        status=status,
    )


@actor_required
def person_list(request: ActorRequest) -> HttpResponse:
    return _person_list_page(request, PersonBsnLookupForm())


@sensitive_post_parameters("bsn")
@require_POST
@actor_required
def person_find_by_bsn(request: ActorRequest) -> HttpResponse:
    """The person with the BSN typed into the lookup: the BSN comes in the POST body and
    the answer is a redirect to the person's page, so it never reaches a URL or log.
    Unknown and not accessible look the same (404, the list with the form's error)."""
    if not request.actor.does_casework:
        raise PermissionDenied(_("Only casework roles see individual people."))
    form = PersonBsnLookupForm(request.POST)
    if not form.is_valid():
        return _person_list_page(request, form)
    try:
        person = access_person_by_bsn(
            actor=request.actor, bsn=form.cleaned_data["bsn"], purpose=CASEWORK
        )
    except AccessDenied:
        form.add_error("bsn", str(AccessDenied.message))
        return _person_list_page(request, form, status=404)
    return redirect("person-detail", person_id=person.pk)


@sensitive_post_parameters("bsn")
@actor_required
def person_create(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    if not may_register_persons(actor):
        raise PermissionDenied(_("Only casework roles register persons."))
    form = PersonCreateForm(request.POST or None)
    result = save_form(
        request,
        form,
        lambda data: actions.register_person(
            actor=actor,
            **form.person_data(),
            bsn=data["bsn"],
            bsn_reporting_consent=data["bsn_reporting_consent"],
            register_anyway=data["register_anyway"],
        ),
        _("The person is registered."),
    )
    if result is not None:
        for notice in result.notices:
            messages.warning(request, notice)
        return redirect("person-detail", person_id=result.person.pk)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "title": _("Register a person"),
            "submit_label": _("Register"),
            "back_url": reverse("person-list"),
        },
    )


# --- The dossier page --------------------------------------------------------------------------


@dataclass
class DossierPanel:
    """One dossier with what the page shows of it, and its forms when it may change."""

    dossier: Dossier
    intake: list[tuple[str, Any]]
    plan_actions: list[Any]
    contact_moments: list[Any]
    is_writable: bool
    # planned contact moments, each with its "held" and "cancel" forms when writable
    planned_contacts: list[tuple[Any, dict[str, forms.BaseForm] | None]] = field(
        default_factory=list
    )
    plan_contact_form: forms.BaseForm | None = None
    action_form: forms.BaseForm | None = None
    contact_form: forms.BaseForm | None = None
    close_form: forms.BaseForm | None = None
    hand_over_form: forms.BaseForm | None = None


def _versioned(dossier: Dossier) -> dict[str, Any]:
    return {"version": dossier.version}


@dataclass(frozen=True)
class PanelForm:
    """A form on a dossier's panel (``DossierPanel.<prefix>_form``) and what its POST
    does: read the dossier for ``what`` (the access log), ``change(actor=, dossier=,
    **cleaned_data)``, say ``done`` and go back to the dossier's ``part``. A form
    class that takes the dossier (``takes_dossier``) gets it."""

    form_class: type[forms.BaseForm]
    what: str
    change: Callable[..., object]
    done: Any
    part: str = ""
    initial: Callable[[Dossier], dict[str, Any]] | None = None  # else the form's own

    def form_kwargs(self, dossier: Dossier) -> dict[str, Any]:
        takes_dossier = getattr(self.form_class, "takes_dossier", False)
        return {"dossier": dossier} if takes_dossier else {}

    def blank(self, prefix: str, dossier: Dossier) -> forms.BaseForm:
        kwargs = self.form_kwargs(dossier)
        if self.initial is not None:
            kwargs["initial"] = self.initial(dossier)
        return self.form_class(prefix=prefix, **kwargs)


def _close(*, closing_reason: str, **data: Any) -> object:
    return actions.close_dossier(reason=closing_reason, **data)


# The forms on a dossier's panel, by prefix; each has its POST view below.
PANEL_FORMS: dict[str, PanelForm] = {
    ACTION_PREFIX: PanelForm(
        PlanActionForm,
        "plan",
        actions.add_plan_action,
        _("The action is added to the plan."),
        part="plan",
    ),
    CONTACT_PREFIX: PanelForm(
        ContactMomentForm,
        "contact moments",
        actions.record_contact,
        _("The contact moment is recorded."),
        part="contacts",
    ),
    CLOSE_PREFIX: PanelForm(
        DossierCloseForm,
        "close dossier",
        _close,
        _("The dossier is closed."),
        initial=_versioned,
    ),
    PLAN_CONTACT_PREFIX: PanelForm(
        ContactPlanForm,
        "contact moments",
        actions.plan_contact,
        _("The contact moment is planned."),
        part="contacts",
    ),
    # Hand the client over to a colleague: they become the responsible consultant.
    HAND_OVER_PREFIX: PanelForm(
        HandOverForm,
        "hand over dossier",
        actions.hand_over_dossier,
        _("The client is handed over."),
        part="responsible",
        initial=lambda dossier: {
            "version": dossier.version,
            "responsible": dossier.responsible_id,
        },
    ),
}


def _dossier_panels(
    actor: Actor, person: Person, bound: dict[str, Any]
) -> list[DossierPanel]:
    panels = []
    for dossier in queries.dossiers_of(person=person):
        writable = (
            may_change_person(actor=actor, person=person)
            and dossier.organisation_id == actor.organisation.pk
            and dossier.status == DossierStatus.OPEN
        )
        contacts = list(queries.contact_moments_of(dossier=dossier))
        mine = bound.get("dossier_id") == dossier.pk
        panel = DossierPanel(
            dossier=dossier,
            intake=intake_rows(dossier.intake),
            plan_actions=list(queries.plan_actions_of(dossier=dossier)),
            contact_moments=[c for c in contacts if c.status != ContactStatus.PLANNED],
            is_writable=writable,
            planned_contacts=[
                (contact, (writable and _contact_forms(contact, bound)) or None)
                for contact in reversed(contacts)
                if contact.status == ContactStatus.PLANNED
            ],
        )
        if writable:
            for prefix, spec in PANEL_FORMS.items():
                posted = mine and bound.get(f"{prefix}_form")
                setattr(panel, f"{prefix}_form", posted or spec.blank(prefix, dossier))
        panels.append(panel)
    return panels


# What can be done with a planned contact moment: its form class and prefix.
CONTACT_FORMS: dict[str, tuple[type[forms.Form], str]] = {
    "held": (ContactHeldForm, HELD_PREFIX),
    "cancel": (ContactCancelForm, CANCEL_PREFIX),
}


def _contact_forms(contact: Any, bound: dict[str, Any]) -> dict[str, forms.BaseForm]:
    """The "record as held" and "cancel" forms of a planned contact moment (the one
    posted, if it had errors); each has its own prefix, so the ids on the page stay
    unique."""
    made: dict[str, forms.BaseForm] = {}
    for kind, (form_class, prefix) in CONTACT_FORMS.items():
        if bound.get("planned_contact") == (kind, contact.pk):
            made[kind] = bound["contact_form_posted"]
        else:
            made[kind] = form_class(
                prefix=f"{prefix}-{contact.pk}", initial={"version": contact.version}
            )
    return made


def _render_person(request: ActorRequest, person: Person, **bound: Any) -> HttpResponse:
    """The dossier page; ``bound`` carries a submitted form that has errors."""
    actor = request.actor
    writable = may_change_person(actor=actor, person=person)
    context: dict[str, Any] = {
        "person": person,
        "bsn_display": display_bsn(actor=actor, person=person),
        "is_holder": person.organisation_id == actor.organisation.pk,
        "may_write": writable,
        "may_erase": may_erase(actor=actor, person=person),
        "observations": list(queries.labour_status_history(person=person)),
        "consents": list(queries.consents_of(person=person)),
        "dossiers": _dossier_panels(actor, person, bound),
        "contributed": contributions.dossier_parts(actor, person),
        "target_groups": _target_groups(person),
        "access_log": (
            list(queries.access_log_of(person=person)[:ACCESS_LOG_SHOWN])
            if writable
            else []
        ),
    }
    if writable:
        context["observation_form"] = bound.get("observation_form") or ObservationForm(
            prefix=OBSERVATION_PREFIX
        )
        context["consent_form"] = bound.get("consent_form") or ConsentForm(
            prefix=CONSENT_PREFIX, holder=person.organisation
        )
        has_open = queries.open_dossier_of(
            person=person, organisation=actor.organisation
        )
        if has_open is None:
            context["open_form"] = bound.get("open_form") or DossierOpenForm(
                prefix=OPEN_PREFIX
            )
    return render(request, "people/person_detail.html", context)


def _target_groups(person: Person) -> list[str]:
    groups = []
    if person.is_50_plus:
        groups.append(_("50+"))
    if person.has_occupational_disability:
        groups.append(_("Occupational disability"))
    if person.is_banenafspraak:
        groups.append(_("Banenafspraak"))
    return [str(group) for group in groups]


@actor_required
@not_found_is_404
def person_detail(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    person = _get_person(request, person_id, what="dossier page")
    return _render_person(request, person)


@sensitive_post_parameters("bsn")
@actor_required
@not_found_is_404
def person_edit(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    actor = request.actor
    person = _get_person(request, person_id, write=True, what="edit person")
    if person.is_anonymised:
        raise AccessDenied
    form = PersonEditForm(
        request.POST or None, instance=person, initial={"version": person.version}
    )
    saved = save_form(
        request,
        form,
        lambda data: actions.update_person(
            actor=actor,
            person=person,
            version=data["version"],
            changes=form.person_data(),
            bsn=data["bsn"],
        ),
        _("The changes are saved."),
    )
    if saved is not None:
        return redirect("person-detail", person_id=person.pk)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "person": person,
            "title": _("Edit personal data"),
            "submit_label": _("Save"),
            "back_url": reverse("person-detail", args=[person.pk]),
        },
    )


def _back_to(person: Person, anchor: str) -> HttpResponse:
    return redirect(f"{reverse('person-detail', args=[person.pk])}#{anchor}")


@require_POST
@actor_required
@not_found_is_404
def observation_create(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    return _post_on_person(
        request,
        person_id,
        what="labour status",
        form=lambda person: ObservationForm(request.POST, prefix=OBSERVATION_PREFIX),
        change=lambda person, data: actions.record_labour_status(
            actor=request.actor, person=person, **data
        ),
        done=_("The labour status is recorded."),
        anchor="labour-status",
        shown_as="observation_form",
    )


def _post_on_person(
    request: ActorRequest,
    person_id: uuid.UUID,
    *,
    what: str,
    form: Callable[[Person], forms.BaseForm],
    change: Callable[[Person, dict[str, Any]], object],
    done: Any,
    anchor: str,
    shown_as: str,
) -> HttpResponse:
    """A form posted on the dossier page about the person (a labour status, a consent,
    a new dossier): when saved, back to the page at ``anchor``; else the page again
    with the form (as its ``shown_as``) and its errors."""
    person = _get_person(request, person_id, write=True, what=what)
    bound = form(person)
    if save_form(request, bound, lambda data: change(person, data), done):
        return _back_to(person, anchor)
    return _render_person(request, person, **{shown_as: bound})


# --- Consents --------------------------------------------------------------------------------


@sensitive_post_parameters("consent-bsn")
@require_POST
@actor_required
@not_found_is_404
def consent_give(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    return _post_on_person(
        request,
        person_id,
        what="consents",
        form=lambda person: ConsentForm(
            request.POST, prefix=CONSENT_PREFIX, holder=person.organisation
        ),
        change=lambda person, data: actions.give_consent(
            actor=request.actor, person=person, **data
        ),
        done=_("The consent is recorded."),
        anchor="consents",
        shown_as="consent_form",
    )


@actor_required
@not_found_is_404
def consent_withdraw(
    request: ActorRequest, person_id: uuid.UUID, consent_id: int
) -> HttpResponse:
    """Asks first (GET), withdraws on the confirming POST: a withdrawal may delete the
    stored BSN, so no link a crawler or a prefetch follows may trigger it."""
    person = _get_person(request, person_id, write=True, what="consents")
    consent = queries.consent_of(person=person, consent_id=consent_id)
    if request.method == "POST":
        _do(
            request,
            lambda: actions.withdraw_consent(actor=request.actor, consent=consent),
            _("The consent is withdrawn, effective at once."),
        )
        return _back_to(person, "consents")
    return render(
        request,
        "people/consent_withdraw.html",
        {
            "person": person,
            "consent": consent,
            "deletes_bsn": consent.purpose == ConsentPurpose.BSN_REPORTING,
        },
    )


# --- Dossiers --------------------------------------------------------------------------------


@require_POST
@actor_required
@not_found_is_404
def dossier_open(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    return _post_on_person(
        request,
        person_id,
        what="open dossier",
        form=lambda person: DossierOpenForm(request.POST, prefix=OPEN_PREFIX),
        change=lambda person, data: actions.open_dossier(
            actor=request.actor, person=person, opened_on=data["opened_on"]
        ),
        done=_("The dossier is opened."),
        anchor="dossiers",
        shown_as="open_form",
    )


def _dossier_form_view(prefix: str) -> Callable[..., HttpResponse]:
    """The POST view of the form ``PANEL_FORMS[prefix]`` on a dossier's panel:
    ``change(actor=, dossier=, **cleaned_data)``, then back to the ``part`` of the
    dossier, or the page again with the form and its errors."""
    spec = PANEL_FORMS[prefix]

    @require_POST
    @actor_required
    @not_found_is_404
    def view(request: ActorRequest, dossier_id: uuid.UUID) -> HttpResponse:
        dossier = _get_dossier(request, dossier_id, what=spec.what)
        form = spec.form_class(request.POST, prefix=prefix, **spec.form_kwargs(dossier))
        if save_form(
            request,
            form,
            lambda data: spec.change(actor=request.actor, dossier=dossier, **data),
            spec.done,
        ):
            anchor = f"dossier-{dossier.pk}" + (f"-{spec.part}" if spec.part else "")
            return _back_to(dossier.person, anchor)
        return _render_person(
            request, dossier.person, dossier_id=dossier.pk, **{f"{prefix}_form": form}
        )

    return view


dossier_close, dossier_hand_over, plan_action_add, contact_plan, contact_add = (
    _dossier_form_view(prefix)
    for prefix in (
        CLOSE_PREFIX,
        HAND_OVER_PREFIX,
        ACTION_PREFIX,
        PLAN_CONTACT_PREFIX,
        CONTACT_PREFIX,
    )
)


@require_POST
@actor_required
@not_found_is_404
def plan_action_done(
    request: ActorRequest, dossier_id: uuid.UUID, action_id: int
) -> HttpResponse:
    dossier = _get_dossier(request, dossier_id, what="plan")
    plan_action = queries.plan_action_of(dossier=dossier, plan_action_id=action_id)
    _do(
        request,
        lambda: actions.complete_plan_action(
            actor=request.actor, plan_action=plan_action
        ),
        _("The action is marked as done."),
    )
    return _back_to(dossier.person, f"dossier-{dossier.pk}-plan")


def _contact_view(
    kind: str, change: Callable[..., object], done: Any
) -> Callable[..., HttpResponse]:
    """The POST view of a planned contact moment's form (``CONTACT_FORMS[kind]``):
    ``change(actor=, contact=, **cleaned_data)``, then back to the dossier's contact
    moments, or the page again with the form and its errors."""
    form_class, prefix = CONTACT_FORMS[kind]

    @require_POST
    @actor_required
    @not_found_is_404
    def view(
        request: ActorRequest, dossier_id: uuid.UUID, contact_id: int
    ) -> HttpResponse:
        dossier = _get_dossier(request, dossier_id, what="contact moments")
        contact = queries.contact_moment_of(dossier=dossier, contact_id=contact_id)
        contact.dossier = dossier
        form = form_class(request.POST, prefix=f"{prefix}-{contact.pk}")
        if save_form(
            request,
            form,
            lambda data: change(actor=request.actor, contact=contact, **data),
            done,
        ):
            return _back_to(dossier.person, f"dossier-{dossier.pk}-contacts")
        if contact.status != ContactStatus.PLANNED:  # its forms are no longer shown
            for error in form.non_field_errors():
                messages.error(request, str(error))
            return _back_to(dossier.person, f"dossier-{dossier.pk}-contacts")
        return _render_person(
            request,
            dossier.person,
            dossier_id=dossier.pk,
            planned_contact=(kind, contact.pk),
            contact_form_posted=form,
        )

    return view


# Record a planned contact moment as held (when, and its notes), or cancel it.
contact_held = _contact_view(
    "held", actions.record_contact_held, _("The contact moment is recorded as held.")
)
contact_cancel = _contact_view(
    "cancel", actions.cancel_contact, _("The contact moment is cancelled.")
)


def _dossier_page(
    request: ActorRequest,
    dossier: Dossier,
    form: forms.Form,
    *,
    title: Any,
    template: str = "people/person_form.html",
) -> HttpResponse:
    return render(
        request,
        template,
        {
            "form": form,
            "dossier": dossier,
            "person": dossier.person,
            "title": title,
            "submit_label": _("Save"),
            "back_url": reverse("person-detail", args=[dossier.person_id]),
        },
    )


@actor_required
@not_found_is_404
def dossier_intake(request: ActorRequest, dossier_id: uuid.UUID) -> HttpResponse:
    dossier = _get_dossier(request, dossier_id, what="intake")
    initial = {"version": dossier.version, **intake_initial(dossier.intake)}
    form = IntakeForm(request.POST or None, initial=initial)
    if save_form(
        request,
        form,
        lambda data: actions.record_intake(
            actor=request.actor,
            dossier=dossier,
            version=data["version"],
            answers=form.answers(),
        ),
        _("The intake is saved."),
    ):
        return _back_to(dossier.person, f"dossier-{dossier.pk}-intake")
    return _dossier_page(
        request,
        dossier,
        form,
        title=_("Intake"),
        template="people/intake_form.html",
    )


@actor_required
@not_found_is_404
def dossier_goals(request: ActorRequest, dossier_id: uuid.UUID) -> HttpResponse:
    dossier = _get_dossier(request, dossier_id, what="goals")
    form = GoalsForm(
        request.POST or None,
        initial={"version": dossier.version, "goals": dossier.goals},
    )
    if save_form(
        request,
        form,
        lambda data: actions.update_goals(
            actor=request.actor,
            dossier=dossier,
            version=data["version"],
            goals=data["goals"],
        ),
        _("The goals are saved."),
    ):
        return _back_to(dossier.person, f"dossier-{dossier.pk}-goals")
    return _dossier_page(request, dossier, form, title=_("Goals"))


# --- Data-subject rights -------------------------------------------------------------------------


@actor_required
@not_found_is_404
def person_export(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    """Asks first (GET: what the export holds), downloads on the confirming POST: the
    readable export (people.export) as a document to read or print (HTML) or as
    JSON."""
    if request.method != "POST":
        person = _get_person(request, person_id, write=True, what="export")
        return render(request, "people/person_export.html", {"person": person})
    person = access_person(
        actor=request.actor,
        person_id=person_id,
        purpose=AccessPurpose.DATA_SUBJECT_REQUEST,
        what="export",
        write=True,
    )
    export = actions.readable_person_export(actor=request.actor, person=person)
    if request.POST.get("format") == "html":
        response = render(
            request, "people/person_export_document.html", {"export": export}
        )
        extension = "html"
    else:
        response = HttpResponse(
            json.dumps(export.as_dict(), ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        extension = "json"
    # The file name carries the record's UUID only, never a name or BSN.
    response["Content-Disposition"] = (
        f'attachment; filename="persoon-{person.pk}.{extension}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@actor_required
@not_found_is_404
def person_erase(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    actor = request.actor
    person = _get_person(request, person_id, write=True, what="erase")
    if not may_erase(actor=actor, person=person):
        raise PermissionDenied(
            _("Only a project leader or an administrator may erase a person.")
        )
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.erase_person(actor=actor, person=person)
        messages.success(
            request, _("The person's data is erased; only anonymous counts remain.")
        )
        return redirect("person-detail", person_id=person.pk)
    return render(request, "people/person_erase.html", {"person": person, "form": form})


# --- Aggregates, import --------------------------------------------------------------------------

DIMENSION_LABELS = {
    "labour_status": _("Labour status"),
    "gender": _("Gender"),
    "education_level": _("Education level"),
    "age_group": _("Age group"),
    "is_50_plus": _("50+"),
    "has_occupational_disability": _("Occupational disability"),
    "is_banenafspraak": _("Banenafspraak target group"),
}
_VALUE_LABELS = {
    "true": _("Yes"),
    "false": _("No"),
    "under_27": _("Under 27"),
    "27_to_49": _("27 to 49"),
    "50_plus": _("50 and older"),
    "unknown": _("Unknown"),
}


@dataclass
class AggregateTable:
    by: str
    label: Any
    rows: list[tuple[Any, int | str]] = field(default_factory=list)
    total: int | str = 0


def _value_label(by: str, value: str) -> Any:
    choices = {
        "labour_status": Person._meta.get_field("labour_status").choices,
        "gender": Person._meta.get_field("gender").choices,
        "education_level": Person._meta.get_field("education_level").choices,
    }.get(by)
    if choices:
        return dict(choices).get(value, value)
    return _VALUE_LABELS.get(value, value)


@actor_required
def person_aggregates(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    overviews = queries.person_overviews(actor=actor)
    tables = [
        AggregateTable(
            by=aggregate.by,
            label=DIMENSION_LABELS.get(aggregate.by, aggregate.by),
            rows=[
                (_value_label(aggregate.by, k), n) for k, n in aggregate.cells.items()
            ],
            total=aggregate.total,
        )
        for aggregate in overviews
    ]
    return render(
        request,
        "people/person_aggregates.html",
        {
            "tables": tables,
            "scope": overviews[0].scope,
            "counted_on": overviews[0].counted_on,
        },
    )


@actor_required
def person_import(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    if not may_register_persons(actor):
        raise PermissionDenied(_("Only casework roles import persons."))
    return import_page(
        request,
        title=_("Import persons"),
        back_url=reverse("person-list"),
        spec=imports.PERSON_IMPORT_SPEC,
        run=partial(imports.import_persons, actor=actor),
    )
