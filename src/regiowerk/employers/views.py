"""Web pages of employers (/werkgevers/) and vacancies (/vacatures/).

Employers and vacancies are not personal data: every partner's users see them.
Registering them is for the roles ``employers.permissions`` allows, changing one for
those roles of the organisation that holds it (403 otherwise). A vacancy's occupation, skills and candidates live in the matching app's
pages (it sits above this app), linked from the vacancy page. An unknown id answers
the common 404 page.
"""

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from regiowerk.common.imports import ImportSpec
from regiowerk.common.views import import_page
from regiowerk.common.web import not_found_is_404, save_form
from regiowerk.employers import actions, imports, queries
from regiowerk.employers.forms import (
    ContactInviteForm,
    EmployerEditForm,
    EmployerForm,
    EmployerSearchForm,
    VacancyCreateForm,
    VacancyEditForm,
    VacancySearchForm,
)
from regiowerk.employers.permissions import (
    may_change_employer,
    may_change_vacancy,
    may_register_employers,
    may_see_unnamed_candidates,
)
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import ActorRequest, actor_required

PAGE_SIZE = 25


def _require_editor(actor: Actor) -> None:
    if not may_register_employers(actor):
        raise PermissionDenied(_("Your role may not register employers or vacancies."))


def _list_page(
    request: ActorRequest,
    template: str,
    form: forms.Form,
    rows: QuerySet[Any],
) -> HttpResponse:
    """A searchable list, ``PAGE_SIZE`` rows a page; the search survives paging."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        template,
        {
            "form": form,
            "page_obj": page,
            "query_string": urlencode(query),
            "may_edit": may_register_employers(request.actor),
        },
    )


def _form_page(
    request: ActorRequest,
    form: forms.Form,
    change: Callable[[dict[str, Any]], Any],
    *,
    done: str | Promise,
    then: Callable[[Any], HttpResponse],
    title: str | Promise,
    submit_label: str | Promise,
    back: str,
) -> HttpResponse:
    """A form submitted to ``change`` (an action over the cleaned data): on success the
    ``done`` message and ``then(record)``, else the form (with the action's reasons)."""
    saved = save_form(request, form, change, done)
    if saved is not None:
        return then(saved)
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": title, "submit_label": submit_label, "back": back},
    )


def _create_view(
    *,
    form: Callable[[ActorRequest], forms.Form],
    register: Callable[[Actor, dict[str, Any]], Any],
    done: str | Promise,
    then: Callable[[Any], HttpResponse],
    title: str | Promise,
    submit_label: str | Promise,
    back: str,
) -> Callable[..., HttpResponse]:
    """The registration page of a record, for the roles that register (403 else):
    ``register(actor, cleaned data)`` saves it, then ``then(record)``; ``back`` names
    the list page."""

    @actor_required
    def view(request: ActorRequest) -> HttpResponse:
        actor = request.actor
        _require_editor(actor)
        return _form_page(
            request,
            form(request),
            partial(register, actor),
            done=done,
            then=then,
            title=title,
            submit_label=submit_label,
            back=reverse(back),
        )

    return view


def _edit_view(
    kind: str,
    *,
    to_change: Callable[..., Any],
    update: Callable[..., Any],
    form_class: type[EmployerEditForm] | type[VacancyEditForm],
    title: str | Promise,
) -> Callable[..., HttpResponse]:
    """The edit page of a versioned ``kind`` of record (``<kind>_id`` in the URL):
    ``to_change`` fetches it (404, or 403 for whoever may not change it), the form
    starts from the record as it is, ``update`` saves it, then on to its page."""
    key, page = f"{kind}_id", f"{kind}-detail"

    @actor_required
    @not_found_is_404
    def view(request: ActorRequest, **ids: int) -> HttpResponse:
        actor = request.actor
        record = to_change(actor=actor, **ids)

        def change(data: dict[str, Any]) -> Any:
            changes = dict(data)
            version = changes.pop("version")
            return update(
                actor=actor, expected_version=version, **{kind: record}, **changes
            )

        return _form_page(
            request,
            form_class(request.POST or None, initial=form_class.initial_for(record)),
            change,
            done=_("The changes are saved."),
            then=_to(page, key),
            title=title,
            submit_label=_("Save"),
            back=reverse(page, args=[record.pk]),
        )

    return view


def _to(name: str, key: str) -> Callable[[Any], HttpResponse]:
    """After saving: to the record's page ``name`` (its id as ``key``)."""
    return lambda record: redirect(name, **{key: record.pk})


# --- Employers -------------------------------------------------------------------------


@actor_required
def employer_list(request: ActorRequest) -> HttpResponse:
    form = EmployerSearchForm(request.GET or None)
    search, sector = "", ""
    if form.is_bound and form.is_valid():
        search, sector = form.cleaned_data["q"], form.cleaned_data["sector"]
    rows = queries.employers(search=search, sector=sector).select_related("region")
    return _list_page(
        request, "employers/employer_list.html", form, rows.order_by("name", "pk")
    )


employer_create = _create_view(
    form=lambda request: EmployerForm(request.POST or None),
    register=lambda actor, data: actions.register_employer(
        actor=actor, region=actor.organisation.region, **data
    ),
    done=_("The employer is registered."),
    then=_to("employer-detail", "employer_id"),
    title=_("Register an employer"),
    submit_label=_("Register"),
    back="employer-list",
)


@actor_required
@not_found_is_404
def employer_detail(request: ActorRequest, employer_id: int) -> HttpResponse:
    actor = request.actor
    employer = queries.get_employer(employer_id=employer_id)
    may_edit = may_change_employer(actor=actor, employer=employer)
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "vacancies": queries.vacancies_of(employer),
            "may_register": may_register_employers(actor),
            "may_edit": may_edit,
            # the contact persons' names and addresses: for who manages them only
            "contacts": queries.contacts_of(employer) if may_edit else [],
        },
    )


employer_edit = _edit_view(
    "employer",
    to_change=queries.employer_to_change,
    update=actions.update_employer,
    form_class=EmployerEditForm,
    title=_("Change the employer"),
)


# --- Employer contacts (log-ins of the employer's contact persons) ---------------------


def _site_url(request: ActorRequest) -> str:
    return request.build_absolute_uri("/")


@actor_required
@not_found_is_404
def employer_contact_invite(request: ActorRequest, employer_id: int) -> HttpResponse:
    actor = request.actor
    employer = queries.employer_to_change(actor=actor, employer_id=employer_id)
    return _form_page(
        request,
        ContactInviteForm(request.POST or None),
        lambda data: actions.invite_employer_contact(
            actor=actor, employer=employer, site_url=_site_url(request), **data
        ),
        done=_("The invitation has been sent."),
        then=lambda contact: redirect("employer-detail", employer_id=employer.pk),
        title=_("Invite a contact person"),
        submit_label=_("Send the invitation"),
        back=reverse("employer-detail", args=[employer.pk]),
    )


def _contact_change(
    change: Callable[[ActorRequest, Any], Any], done: str | Promise
) -> Callable[..., HttpResponse]:
    """A POST about one contact person of the employer: ``change(request, contact)``,
    then back to the employer's page with ``done`` or the action's reason."""

    @require_POST
    @actor_required
    @not_found_is_404
    def view(request: ActorRequest, employer_id: int, contact_id: int) -> HttpResponse:
        contact = queries.contact_to_manage(
            actor=request.actor, employer_id=employer_id, contact_id=contact_id
        )
        try:
            change(request, contact)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, str(done))
        return redirect("employer-detail", employer_id=employer_id)

    return view


employer_contact_resend = _contact_change(
    lambda request, contact: actions.resend_invitation(
        actor=request.actor, contact=contact, site_url=_site_url(request)
    ),
    _("A new invitation has been sent."),
)
employer_contact_deactivate = _contact_change(
    lambda request, contact: actions.set_contact_active(
        actor=request.actor, contact=contact, active=False
    ),
    _("The contact person is deactivated and can no longer log in."),
)
employer_contact_reactivate = _contact_change(
    lambda request, contact: actions.set_contact_active(
        actor=request.actor, contact=contact, active=True
    ),
    _("The contact person is active again."),
)


# --- Vacancies -------------------------------------------------------------------------


@actor_required
def vacancy_list(request: ActorRequest) -> HttpResponse:
    form = VacancySearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    rows = queries.open_vacancies(on=timezone.localdate(), search=search)
    return _list_page(
        request,
        "employers/vacancy_list.html",
        form,
        rows.order_by("-opens_on", "title", "pk"),
    )


def _vacancy_create_form(request: ActorRequest) -> VacancyCreateForm:
    """Opening today, for the employer the page came from (``?werkgever=<id>``)."""
    initial: dict[str, Any] = {"opens_on": timezone.localdate()}
    employer_id = request.GET.get("werkgever", "")
    if employer_id.isdigit():
        initial["employer"] = int(employer_id)
    return VacancyCreateForm(request.POST or None, initial=initial)


vacancy_create = _create_view(
    form=_vacancy_create_form,
    register=lambda actor, data: actions.create_vacancy(actor=actor, **data),
    done=_("The vacancy is registered. Now confirm the occupation it is for."),
    then=_to("vacancy-occupation", "vacancy_id"),
    title=_("Register a vacancy"),
    submit_label=_("Register and link an occupation"),
    back="vacancy-list",
)


@actor_required
@not_found_is_404
def vacancy_detail(request: ActorRequest, vacancy_id: int) -> HttpResponse:
    actor = request.actor
    vacancy = queries.get_vacancy(vacancy_id=vacancy_id)
    return render(
        request,
        "employers/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "skills": queries.skills_listed(vacancy),
            "is_open": queries.is_open(vacancy, on=timezone.localdate()),
            "may_edit": may_change_vacancy(actor=actor, vacancy=vacancy),
            "sees_persons": actor.does_casework,
            "sees_unnamed": may_see_unnamed_candidates(actor=actor, vacancy=vacancy),
        },
    )


vacancy_edit = _edit_view(
    "vacancy",
    to_change=queries.vacancy_to_change,
    update=actions.update_vacancy,
    form_class=VacancyEditForm,
    title=_("Change the vacancy"),
)


# --- Imports ---------------------------------------------------------------------------


def _import_page(
    request: ActorRequest,
    *,
    run: Callable[..., Any],
    spec: ImportSpec,
    title: str | Promise,
    back: str,
) -> HttpResponse:
    actor = request.actor
    _require_editor(actor)
    return import_page(
        request,
        title=title,
        back_url=reverse(back),
        spec=spec,
        run=partial(run, actor=actor),
    )


@actor_required
def employer_import(request: ActorRequest) -> HttpResponse:
    return _import_page(
        request,
        run=imports.import_employers,
        spec=imports.EMPLOYER_SPEC,
        title=_("Import employers"),
        back="employer-list",
    )


@actor_required
def vacancy_import(request: ActorRequest) -> HttpResponse:
    return _import_page(
        request,
        run=imports.import_vacancies,
        spec=imports.VACANCY_SPEC,
        title=_("Import vacancies"),
        back="vacancy-list",
    )
