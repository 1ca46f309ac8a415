"""Web pages of matching: a person's occupations and skills, matched vacancies and
career transitions; a vacancy's occupation, skills and candidates; the skills a
catalogue service teaches.

Views only translate: forms parse, ``people.access`` fetches (and logs) the person,
``matching.queries``/``matching.actions`` do the work. A person the user may not see
answers the same 404 as a person that does not exist.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from regiowerk.common.web import not_found_is_404
from regiowerk.employers import queries as employer_queries
from regiowerk.employers.permissions import may_see_unnamed_candidates
from regiowerk.matching import actions, queries
from regiowerk.matching.forms import (
    OccupationLinkForm,
    OccupationSearchForm,
    PersonSkillAddForm,
    ServiceSkillsForm,
    SkillSearchForm,
    VacancyFilterForm,
    VacancySkillAddForm,
)
from regiowerk.organisations.web import ActorRequest, actor_required
from regiowerk.people.access import may_change_person
from regiowerk.people.models import Person
from regiowerk.services import queries as service_queries
from regiowerk.services.permissions import may_manage_catalogue
from skillmatch import Explanation

SUGGESTIONS = 6  # occupations suggested for a free-text title
VACANCIES_SHOWN = 20
TRANSITIONS_SHOWN = 10
CANDIDATES_SHOWN = 20
PROFILE_SHOWN = 40  # strongest skills of the profile shown on the skills page


# --- Helpers ---------------------------------------------------------------------------


def _person(
    request: ActorRequest, person_id: uuid.UUID, *, what: str, write: bool = False
) -> Person:
    return queries.access_profile(
        actor=request.actor, person_id=person_id, what=what, write=write
    )


# What a profile change gives back: the success message, or a page of its own.
Done = str | HttpResponse
ProfileChange = Callable[..., Done]


def _profile_change(
    what: str,
) -> Callable[[ProfileChange], Callable[..., HttpResponse]]:
    """A POST that changes a person's profile: ``change(request, person, **ids)`` gets
    the person read for writing (logged; 404 for whoever may not change them) and
    returns the success message, after which the profile page is shown again, or a
    response of its own (a form with errors)."""

    def decorate(change: ProfileChange) -> Callable[..., HttpResponse]:
        @require_POST
        @actor_required
        @not_found_is_404
        @wraps(change)
        def view(
            request: ActorRequest, person_id: uuid.UUID, **ids: int
        ) -> HttpResponse:
            person = _person(request, person_id, what=what, write=True)
            done = change(request, person, **ids)
            if isinstance(done, HttpResponse):
                return done
            messages.success(request, done)
            return redirect("person-skills", person_id=person.pk)

        return view

    return decorate


def _skill_query(request: ActorRequest) -> str:
    """The words to find skills by, from the form or the address."""
    return (request.POST.get("q") or request.GET.get("q") or "").strip()[:100]


@dataclass(frozen=True)
class ExplainedMatch:
    """An engine explanation prepared for a template, in the page's language."""

    score_percent: int
    reason: str
    matched_required: list[Any]
    matched_optional: list[Any]
    missing_required: list[Any]
    missing_optional: list[Any]


def _explained(score: float, explanation: Explanation) -> ExplainedMatch:
    dutch = (translation.get_language() or "nl").startswith("nl")
    return ExplainedMatch(
        score_percent=round(score * 100),
        reason=explanation.reason_nl if dutch else explanation.reason_en,
        matched_required=[m for m in explanation.matched if m.is_required],
        matched_optional=[m for m in explanation.matched if not m.is_required],
        missing_required=list(explanation.missing_required),
        missing_optional=list(explanation.missing_optional),
    )


# --- A person's occupations and skills ---------------------------------------------------


def _render_skills(
    request: ActorRequest,
    person: Person,
    *,
    text: str | None = None,
    link_form: OccupationLinkForm | None = None,
    skill_form: PersonSkillAddForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request.actor
    occupations = queries.read_occupations(
        actor=actor, person=person, what="matching: occupations"
    )
    context: dict[str, Any] = {
        "person": person,
        "occupations": occupations,
        "skills": queries.read_skills(
            actor=actor, person=person, what="matching: skills"
        ),
        "profile": queries.skill_profile(person=person)[:PROFILE_SHOWN],
        "release": queries.current_release(),
        "may_write": may_change_person(actor=actor, person=person),
    }
    if context["may_write"]:
        # The box starts with the free text recorded at registration; with nothing
        # linked yet, its suggestions are shown at once.
        if text is None and "text" in request.GET:
            text = request.GET["text"]
        if text is None and not occupations and person.current_occupation:
            text = person.current_occupation
        search = OccupationSearchForm(
            {"text": text} if text else None,
            initial={"text": person.current_occupation},
        )
        suggestions = []
        if search.is_bound and search.is_valid():
            suggestions = queries.suggest_occupations(
                text=search.cleaned_data["text"], k=SUGGESTIONS
            )
        held = {link.occupation.uri for link in occupations}
        context.update(
            search_form=search,
            suggestions=[
                {"match": s, "percent": round(s.score * 100), "held": s.uri in held}
                for s in suggestions
            ],
            link_form=link_form or OccupationLinkForm(),
            chosen=(
                (link_form.data.get("occupation") if link_form else None)
                or next((s.uri for s in suggestions if s.uri not in held), "")
            ),
        )
        skill_search = SkillSearchForm(request.GET if "q" in request.GET else None)
        q = ""
        if skill_form is not None:
            q = skill_form.data.get("q", "")
        elif skill_search.is_bound and skill_search.is_valid():
            q = skill_search.cleaned_data["q"]
        found = queries.search_skills(text=q) if q else []
        context.update(
            skill_search_form=skill_search,
            skill_query=q,
            found_skills=found,
            skill_form=skill_form or PersonSkillAddForm(found=found, initial={"q": q}),
        )
    return render(request, "matching/person_skills.html", context, status=status)


@actor_required
@not_found_is_404
def person_skills(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    person = _person(request, person_id, what="matching: occupations and skills")
    return _render_skills(request, person)


@_profile_change("matching: link occupation")
def person_occupation_add(request: ActorRequest, person: Person) -> Done:
    form = OccupationLinkForm(request.POST)
    if not form.is_valid():
        return _render_skills(
            request,
            person,
            text=request.POST.get("text", ""),
            link_form=form,
            status=400,
        )
    occupation = form.cleaned_data["occupation"]
    actions.link_occupation(
        actor=request.actor,
        person=person,
        occupation=occupation,
        is_current=form.cleaned_data["is_current"],
        confirmed=True,
    )
    return gettext("“%(occupation)s” is added to the profile.") % {
        "occupation": occupation.label
    }


@_profile_change("matching: remove occupation")
def person_occupation_remove(
    request: ActorRequest, person: Person, occupation_id: int
) -> Done:
    actions.unlink_occupation(
        actor=request.actor, person=person, occupation_id=occupation_id
    )
    return gettext("The occupation is removed from the profile.")


@_profile_change("matching: add skills")
def person_skill_add(request: ActorRequest, person: Person) -> Done:
    q = request.POST.get("q", "")
    form = PersonSkillAddForm(
        request.POST, found=queries.search_skills(text=q) if q else []
    )
    if not form.is_valid():
        return _render_skills(request, person, skill_form=form, status=400)
    links = actions.set_person_skills(
        actor=request.actor,
        person=person,
        skills=form.cleaned_data["skills"],
        source=form.cleaned_data["source"],
    )
    return ngettext(
        "%(n)s skill added to the profile.",
        "%(n)s skills added to the profile.",
        len(links),
    ) % {"n": len(links)}


@_profile_change("matching: remove skill")
def person_skill_remove(request: ActorRequest, person: Person, skill_id: int) -> Done:
    actions.remove_person_skill(actor=request.actor, person=person, skill_id=skill_id)
    return gettext("The skill is removed from the profile.")


# --- Matched vacancies and transitions ---------------------------------------------------


@actor_required
@not_found_is_404
def person_vacancies(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    person = _person(request, person_id, what="matching: matched vacancies")
    limits = queries.intake_limits(person=person)
    from_intake = not request.GET
    data = VacancyFilterForm.data_from_intake(limits) if from_intake else request.GET
    form = VacancyFilterForm(data, region=limits.region)
    has_profile = bool(queries.skill_profile(person=person))
    matches = []
    if has_profile and form.is_valid():
        matches = [
            {
                "vacancy": m.vacancy,
                "explained": _explained(m.match.score, m.match.explanation),
            }
            for m in queries.matched_vacancies(
                person=person,
                on=timezone.localdate(),
                k=VACANCIES_SHOWN,
                filters=form.filters(),
                **form.narrowing(),
            )
        ]
    return render(
        request,
        "matching/person_vacancies.html",
        {
            "person": person,
            "form": form,
            "limits": limits,
            "from_intake": from_intake,
            "matches": matches,
            "has_profile": has_profile,
            "may_write": may_change_person(actor=request.actor, person=person),
        },
    )


@actor_required
@not_found_is_404
def person_transitions(request: ActorRequest, person_id: uuid.UUID) -> HttpResponse:
    person = _person(request, person_id, what="matching: transitions")
    options = queries.transitions_for(person=person, k=TRANSITIONS_SHOWN)
    demand = queries.open_vacancy_counts(on=timezone.localdate()) if options else {}
    occupations = queries.read_occupations(
        actor=request.actor, person=person, what="matching: occupations"
    )
    current = next((link for link in occupations if link.is_current), None)
    return render(
        request,
        "matching/person_transitions.html",
        {
            "person": person,
            "current": current,
            "options": [
                {
                    "option": option,
                    "percent": round(option.transition.score * 100),
                    "open_vacancies": demand.get(option.transition.uri, 0),
                }
                for option in options
            ],
            "may_write": may_change_person(actor=request.actor, person=person),
        },
    )


# --- A vacancy's occupation, skills and candidates ---------------------------------------


@actor_required
@not_found_is_404
def vacancy_occupation(request: ActorRequest, vacancy_id: int) -> HttpResponse:
    """Suggest occupations for the vacancy's title; the user confirms one."""
    actor = request.actor
    vacancy = employer_queries.vacancy_to_change(actor=actor, vacancy_id=vacancy_id)
    form = OccupationLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        occupation = form.cleaned_data["occupation"]
        actions.confirm_vacancy_occupation(
            actor=actor, vacancy=vacancy, occupation=occupation
        )
        messages.success(
            request,
            _("The vacancy is linked to “%(occupation)s”.")
            % {"occupation": occupation.label},
        )
        return redirect("vacancy-detail", vacancy_id=vacancy.pk)
    text = (request.POST.get("text") or request.GET.get("text") or vacancy.title)[:200]
    suggestions = queries.suggest_occupations(text=text, k=SUGGESTIONS)
    chosen = form.data.get("occupation") or vacancy.occupation_uri
    if not chosen and suggestions:
        chosen = suggestions[0].uri
    return render(
        request,
        "matching/vacancy_occupation.html",
        {
            "vacancy": vacancy,
            "search_form": OccupationSearchForm({"text": text}),
            "text": text,
            "suggestions": [
                {"match": s, "percent": round(s.score * 100)} for s in suggestions
            ],
            "form": form,
            "chosen": chosen,
            "release": queries.current_release(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@actor_required
@not_found_is_404
def vacancy_skills(request: ActorRequest, vacancy_id: int) -> HttpResponse:
    """The skills listed on a vacancy: search the taxonomy, add, remove."""
    actor = request.actor
    vacancy = employer_queries.vacancy_to_change(actor=actor, vacancy_id=vacancy_id)
    q = _skill_query(request)
    found = queries.search_skills(text=q) if q else []
    form = VacancySkillAddForm(request.POST or None, found=found, initial={"q": q})
    if request.method == "POST" and form.is_valid():
        actions.add_vacancy_skills(
            actor=actor,
            vacancy=vacancy,
            skills=form.cleaned_data["skills"],
            is_essential=form.cleaned_data["is_essential"],
        )
        messages.success(request, _("The skills are added to the vacancy."))
        return redirect("vacancy-skills", vacancy_id=vacancy.pk)
    return render(
        request,
        "matching/vacancy_skills.html",
        {
            "vacancy": vacancy,
            "listed": employer_queries.skills_listed(vacancy),
            "search_form": SkillSearchForm({"q": q} if q else None),
            "skill_query": q,
            "found_skills": found,
            "form": form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@actor_required
@not_found_is_404
def vacancy_skill_remove(
    request: ActorRequest, vacancy_id: int, vacancy_skill_id: int
) -> HttpResponse:
    actor = request.actor
    vacancy = employer_queries.vacancy_to_change(actor=actor, vacancy_id=vacancy_id)
    listed = employer_queries.get_vacancy_skill(
        vacancy=vacancy, vacancy_skill_id=vacancy_skill_id
    )
    actions.remove_vacancy_skill(
        actor=actor, vacancy=vacancy, skill_uri=listed.skill_uri
    )
    messages.success(request, _("The skill is removed from the vacancy."))
    return redirect("vacancy-skills", vacancy_id=vacancy.pk)


@actor_required
@not_found_is_404
def vacancy_candidates(request: ActorRequest, vacancy_id: int) -> HttpResponse:
    """Persons the user may see, ranked for the vacancy (each shown one is logged)."""
    actor = request.actor
    vacancy = employer_queries.get_vacancy(vacancy_id=vacancy_id)
    candidates = []
    if actor.does_casework:
        candidates = [
            {
                "person": c.person,
                "is_own": c.person.organisation_id == actor.organisation.pk,
                "explained": _explained(c.match.score, c.match.explanation),
            }
            for c in queries.ranked_candidates(
                actor=actor, vacancy=vacancy, k=CANDIDATES_SHOWN
            )
        ]
    unnamed = [
        {"token": c.token, "explained": _explained(c.match.score, c.match.explanation)}
        for c in queries.unnamed_candidates(
            actor=actor, vacancy=vacancy, k=CANDIDATES_SHOWN
        )
    ]
    return render(
        request,
        "matching/vacancy_candidates.html",
        {
            "vacancy": vacancy,
            "candidates": candidates,
            "sees_persons": actor.does_casework,
            "sees_unnamed": may_see_unnamed_candidates(actor=actor, vacancy=vacancy),
            "unnamed": unnamed,
        },
    )


# --- Skills a catalogue service teaches --------------------------------------------------


@actor_required
@not_found_is_404
def service_skills(request: ActorRequest, service_id: int) -> HttpResponse:
    """Which skills a service teaches: the gaps it can close in transitions."""
    actor = request.actor
    service = service_queries.get_service(service_id=service_id)
    if not may_manage_catalogue(actor=actor, provider=service.provider):
        raise PermissionDenied(_("Only the provider's catalogue managers may do this."))
    current = queries.skills_taught(service)
    q = _skill_query(request)
    found = [s for s in queries.search_skills(text=q) if s not in current] if q else []
    form = ServiceSkillsForm(
        request.POST or None,
        choices=current + found,
        initial={"skills": [s.uri for s in current]},
    )
    if request.method == "POST" and form.is_valid():
        actions.set_service_skills(
            actor=actor, service=service, skills=form.cleaned_data["skills"]
        )
        messages.success(request, _("The skills of this service are saved."))
        return redirect("service-detail", service_id=service.pk)
    return render(
        request,
        "matching/service_skills.html",
        {
            "service": service,
            "form": form,
            "search_form": SkillSearchForm({"q": q} if q else None),
            "skill_query": q,
        },
    )
