"""Web pages of employers (/werkgevers/) and vacancies (/vacatures/).

Employers and vacancies are not personal data: every partner's users see them.
Registering and changing them is for the roles ``employers.actions`` allows (403
otherwise). A vacancy's occupation, skills and candidates live in the matching app's
pages (it sits above this app), linked from the vacancy page.
"""

from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from regiowerk.common.locking import ConcurrentEditError
from regiowerk.common.views import import_page
from regiowerk.employers import actions, imports, queries
from regiowerk.employers.actions import EMPLOYER_ROLES
from regiowerk.employers.forms import (
    EmployerForm,
    EmployerSearchForm,
    VacancyCreateForm,
    VacancyEditForm,
    VacancySearchForm,
)
from regiowerk.employers.models import Employer
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import actor_required

PAGE_SIZE = 25
EDITABLE = [
    "title",
    "description",
    "hours_min",
    "hours_max",
    "contract_type",
    "postcode",
    "city",
    "opens_on",
    "closes_on",
    "source",
]


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined, no-any-return]


def may_edit(actor: Actor) -> bool:
    return actor.has_role(*EMPLOYER_ROLES)


def _require_editor(actor: Actor) -> None:
    if not may_edit(actor):
        raise PermissionDenied(_("Your role may not register employers or vacancies."))


def _add_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put an action's ValidationError on the form's field, else on the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        if name in form.fields:
            form.add_error(name, errors)
        else:
            label = "" if name == NON_FIELD_ERRORS else f"{name}: "
            form.add_error(None, [f"{label}{error}" for error in errors])


def _query_string(request: HttpRequest) -> str:
    return urlencode({k: str(v) for k, v in request.GET.items() if k != "page" and v})


# --- Employers -------------------------------------------------------------------------


@actor_required
def employer_list(request: HttpRequest) -> HttpResponse:
    form = EmployerSearchForm(request.GET or None)
    search, sector = "", ""
    if form.is_bound and form.is_valid():
        search, sector = form.cleaned_data["q"], form.cleaned_data["sector"]
    rows = queries.employers(search=search, sector=sector).select_related("region")
    page = Paginator(rows.order_by("name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "employers/employer_list.html",
        {
            "form": form,
            "page_obj": page,
            "query_string": _query_string(request),
            "may_edit": may_edit(_actor(request)),
        },
    )


@actor_required
def employer_create(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    _require_editor(actor)
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = actions.register_employer(
                actor=actor, region=actor.organisation.region, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The employer is registered."))
            return redirect("employer-detail", employer_id=employer.pk)
    return render(
        request,
        "employers/form.html",
        {
            "form": form,
            "title": _("Register an employer"),
            "submit_label": _("Register"),
            "back_url": "employer-list",
        },
    )


@actor_required
def employer_detail(request: HttpRequest, employer_id: int) -> HttpResponse:
    employer = get_object_or_404(
        Employer.objects.select_related("region", "account_organisation"),
        pk=employer_id,
    )
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "vacancies": employer.vacancies.order_by("status", "-opens_on", "title"),
            "may_edit": may_edit(_actor(request)),
        },
    )


# --- Vacancies -------------------------------------------------------------------------


@actor_required
def vacancy_list(request: HttpRequest) -> HttpResponse:
    form = VacancySearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    rows = queries.open_vacancies(on=timezone.localdate(), search=search)
    page = Paginator(rows.order_by("-opens_on", "title", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "employers/vacancy_list.html",
        {
            "form": form,
            "page_obj": page,
            "query_string": _query_string(request),
            "may_edit": may_edit(_actor(request)),
        },
    )


@actor_required
def vacancy_create(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    _require_editor(actor)
    initial: dict[str, Any] = {"opens_on": timezone.localdate()}
    employer_id = request.GET.get("werkgever", "")
    if employer_id.isdigit():
        initial["employer"] = int(employer_id)
    form = VacancyCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            vacancy = actions.create_vacancy(actor=actor, **data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The vacancy is registered. Now confirm the occupation it is for."),
            )
            return redirect("vacancy-occupation", vacancy_id=vacancy.pk)
    return render(
        request,
        "employers/form.html",
        {
            "form": form,
            "title": _("Register a vacancy"),
            "submit_label": _("Register and link an occupation"),
            "back_url": "vacancy-list",
        },
    )


@actor_required
def vacancy_detail(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    actor = _actor(request)
    vacancy = queries.get_vacancy(vacancy_id=vacancy_id)
    return render(
        request,
        "employers/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "skills": sorted(
                vacancy.skills.all(), key=lambda s: (not s.is_essential, s.skill_label)
            ),
            "is_open": vacancy.status == "open"
            and vacancy.opens_on <= timezone.localdate()
            and (
                vacancy.closes_on is None or vacancy.closes_on >= timezone.localdate()
            ),
            "may_edit": may_edit(actor),
            "sees_persons": actor.does_casework,
        },
    )


@actor_required
def vacancy_edit(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    actor = _actor(request)
    vacancy = queries.get_vacancy(vacancy_id=vacancy_id)
    _require_editor(actor)
    initial = {name: getattr(vacancy, name) for name in EDITABLE}
    initial["version"] = vacancy.version
    form = VacancyEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            actions.update_vacancy(
                actor=actor, vacancy=vacancy, expected_version=version, **data
            )
        except ConcurrentEditError:
            form.add_error(None, str(ConcurrentEditError.message))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("vacancy-detail", vacancy_id=vacancy.pk)
    return render(
        request,
        "employers/form.html",
        {
            "form": form,
            "title": _("Change the vacancy"),
            "submit_label": _("Save"),
            "back_url": "vacancy-list",
            "vacancy": vacancy,
        },
    )


# --- Imports ---------------------------------------------------------------------------


def _import_page(request: HttpRequest, *, kind: str) -> HttpResponse:
    actor = _actor(request)
    _require_editor(actor)
    run, spec, title, back = {
        "employers": (
            imports.import_employers,
            imports.EMPLOYER_SPEC,
            _("Import employers"),
            "employer-list",
        ),
        "vacancies": (
            imports.import_vacancies,
            imports.VACANCY_SPEC,
            _("Import vacancies"),
            "vacancy-list",
        ),
    }[kind]
    return import_page(
        request,
        title=title,
        back_url=reverse(back),
        spec=spec,
        run=partial(run, actor=actor),
    )


@actor_required
def employer_import(request: HttpRequest) -> HttpResponse:
    return _import_page(request, kind="employers")


@actor_required
def vacancy_import(request: HttpRequest) -> HttpResponse:
    return _import_page(request, kind="vacancies")
