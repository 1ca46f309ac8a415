"""Web pages of placements: a vacancy's pipeline, putting a person forward, a
candidacy (next stage, ending), recording a placement (from a candidacy or by hand),
the placement page, its change and ending, and the next step after an ending.

Views only translate: forms parse, ``queries`` fetch through ``people.access`` (a
person the user may not read is never named; a record they may not see answers the
same 404 as one that does not exist), ``actions`` do the work.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from regiowerk.common.web import not_found_is_404, save_form
from regiowerk.employers import queries as employer_queries
from regiowerk.employers.permissions import may_see_unnamed_candidates
from regiowerk.matching import queries as matching_queries
from regiowerk.organisations.queries import caseworkers_of
from regiowerk.organisations.web import ActorRequest, actor_required
from regiowerk.people.access import (
    AccessDenied,
    access_person,
    accessible_persons,
    log_access,
    may_read_person,
)
from regiowerk.placements import actions, charts, durability, queries, rules
from regiowerk.placements.forms import (
    CandidacyEndForm,
    CandidacyMoveForm,
    CandidacyStartForm,
    CheckInChangeForm,
    CheckInForm,
    FollowUpProgrammeChangeForm,
    FollowUpProgrammeChoiceForm,
    FollowUpProgrammeForm,
    FollowUpScheduleForm,
    PersonSearchForm,
    PlacementByHandForm,
    PlacementChangeForm,
    PlacementEndForm,
    PlacementForm,
)
from regiowerk.placements.models import Candidacy, Placement
from regiowerk.placements.permissions import (
    may_follow_placement,
    may_keep_follow_up_programmes,
    may_see_follow_up_programmes,
    may_start_candidacies,
    may_work_candidacy,
    reads_regional_durability,
    require_durability_reader,
    require_follow_up_programme_keeper,
)

PURPOSE = queries.PURPOSE
PERSONS_FOUND = 20  # persons a search on the "add a candidate" page lists
SUGGESTIONS = 10  # matched vacancies offered after an ending

F = TypeVar("F", bound=BaseForm)


# --- A vacancy's pipeline and putting a person forward ------------------------------------


@actor_required
@not_found_is_404
def vacancy_pipeline(request: ActorRequest, vacancy_id: int) -> HttpResponse:
    """The vacancy's candidacies per stage, as the user may see them."""
    actor = request.actor
    vacancy = employer_queries.get_vacancy(vacancy_id=vacancy_id)
    return render(
        request,
        "placements/vacancy_pipeline.html",
        {
            "vacancy": vacancy,
            "pipeline": queries.pipeline_of(actor=actor, vacancy=vacancy),
            "may_start": may_start_candidacies(actor),
            "sees_unnamed": may_see_unnamed_candidates(actor=actor, vacancy=vacancy),
        },
    )


@actor_required
@not_found_is_404
def candidacy_add(request: ActorRequest, vacancy_id: int) -> HttpResponse:
    """GET: find a person (among those the user may read) to put forward; POST: start
    the candidacy (from this page or from the vacancy's suitable candidates)."""
    actor = request.actor
    if not may_start_candidacies(actor):
        raise PermissionDenied(_("Only casework roles put persons forward."))
    vacancy = employer_queries.get_vacancy(vacancy_id=vacancy_id)
    if request.method == "POST":
        form = CandidacyStartForm(request.POST)
        if form.is_valid():
            person = access_person(
                actor=actor,
                person_id=form.cleaned_data["person"],
                purpose=PURPOSE,
                what="candidacy",
            )
            return _started(
                request,
                lambda: actions.start_candidacy(
                    actor=actor,
                    person=person,
                    vacancy=vacancy,
                    source=form.cleaned_data["source"],
                ),
                refused=redirect("vacancy-pipeline", vacancy_id=vacancy.pk),
            )
        messages.error(request, _("Choose a person to put forward."))
    search = PersonSearchForm(request.GET or None)
    found = []
    if search.is_valid():
        found = list(
            accessible_persons(
                actor=actor, purpose=PURPOSE, search=search.cleaned_data["q"]
            ).order_by("last_name", "first_name")[:PERSONS_FOUND]
        )
        log_access(actor=actor, persons=found, purpose=PURPOSE, what="candidacy")
    return render(
        request,
        "placements/candidacy_add.html",
        {"vacancy": vacancy, "search": search, "found": found},
    )


@require_POST
@actor_required
@not_found_is_404
def candidacy_put_forward(request: ActorRequest, vacancy_id: int) -> HttpResponse:
    """An account manager of the vacancy puts an unnamed ranked candidate forward (the
    row's opaque token from the suitable candidates page)."""
    vacancy = employer_queries.get_vacancy(vacancy_id=vacancy_id)
    return _started(
        request,
        lambda: actions.start_unnamed_candidacy(
            actor=request.actor,
            vacancy=vacancy,
            candidate=request.POST.get("candidate", ""),
        ),
        refused=redirect("vacancy-candidates", vacancy_id=vacancy.pk),
    )


def _started(
    request: ActorRequest,
    start: Callable[[], Candidacy],
    *,
    refused: HttpResponse,
) -> HttpResponse:
    """Start a candidacy: to its page, or on a refusal each reason shown on ``refused``
    (the page the user came from)."""
    try:
        candidacy = start()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return refused
    messages.success(request, _("The candidacy was started."))
    return redirect("candidacy-detail", candidacy_id=candidacy.pk)


# --- A candidacy ---------------------------------------------------------------------------


def _render_candidacy(
    request: ActorRequest, row: queries.CandidacyRow, **bound: Any
) -> HttpResponse:
    actor = request.actor
    candidacy = row.candidacy
    may_work = may_work_candidacy(actor=actor, candidacy=candidacy)
    forms: dict[str, Any] = {}
    if may_work and candidacy.is_open:
        initial = {"version": candidacy.version}
        forms["move"] = bound.get("move") or CandidacyMoveForm(
            initial=initial, current=candidacy.stage
        )
        forms["end"] = bound.get("end") or CandidacyEndForm(initial=initial)
    placement = Placement.objects.filter(candidacy=candidacy).first()
    return render(
        request,
        "placements/candidacy_detail.html",
        {
            "candidacy": candidacy,
            "shows_person": row.shows_person,
            "steps": list(queries.steps_of(candidacy)),
            "forms": forms,
            "may_work": may_work,
            "placement": placement,
            "may_place": may_work
            and placement is None
            and candidacy.stage == "placed"
            and not candidacy.ended_as,
        },
    )


@actor_required
@not_found_is_404
def candidacy_detail(request: ActorRequest, candidacy_id: str) -> HttpResponse:
    row = queries.access_candidacy(actor=request.actor, candidacy_id=candidacy_id)
    return _render_candidacy(request, row)


def _candidacy_change(
    request: ActorRequest, candidacy_id: str, name: str
) -> HttpResponse:
    actor = request.actor
    row = queries.candidacy_to_work(actor=actor, candidacy_id=candidacy_id)
    candidacy = row.candidacy
    form: Any
    if name == "move":
        form = CandidacyMoveForm(request.POST, current=candidacy.stage)
        saved = save_form(
            request,
            form,
            lambda data: actions.move_candidacy(
                actor=actor,
                candidacy=candidacy,
                stage=data["stage"],
                on=data["on"],
                note=data["note"],
                expected_version=data["version"],
            ),
            _("The candidacy moved on."),
        )
    else:
        form = CandidacyEndForm(request.POST)
        saved = save_form(
            request,
            form,
            lambda data: actions.end_candidacy(
                actor=actor,
                candidacy=candidacy,
                ending=data["ending"],
                on=data["on"],
                reason=data["reason"],
                expected_version=data["version"],
            ),
            _("The candidacy was ended."),
        )
    if saved is not None:
        return redirect("candidacy-detail", candidacy_id=candidacy.pk)
    return _render_candidacy(request, row, **{name: form})


@require_POST
@actor_required
@not_found_is_404
def candidacy_move(request: ActorRequest, candidacy_id: str) -> HttpResponse:
    return _candidacy_change(request, candidacy_id, "move")


@require_POST
@actor_required
@not_found_is_404
def candidacy_end(request: ActorRequest, candidacy_id: str) -> HttpResponse:
    return _candidacy_change(request, candidacy_id, "end")


# --- Recording a placement -----------------------------------------------------------------


def _placement_form_page(
    request: ActorRequest,
    form: Any,
    *,
    title: Any,
    back: str,
    back_label: Any,
) -> HttpResponse:
    return render(
        request,
        "placements/placement_form.html",
        {"form": form, "title": title, "back": back, "back_label": back_label},
    )


def _after_placement(request: ActorRequest, placement: Placement) -> HttpResponse:
    """The placement's page, or the candidacy's when the user may not read the
    person (an account manager records the placement of their employer's vacancy)."""
    if may_read_person(actor=request.actor, person=placement.person):
        return redirect("placement-detail", placement_id=placement.pk)
    return redirect("candidacy-detail", candidacy_id=placement.candidacy_id)


@actor_required
@not_found_is_404
def placement_create_from_candidacy(
    request: ActorRequest, candidacy_id: str
) -> HttpResponse:
    actor = request.actor
    row = queries.candidacy_to_work(actor=actor, candidacy_id=candidacy_id)
    candidacy = row.candidacy
    form = PlacementForm(
        request.POST or None,
        caseworkers=caseworkers_of(actor.organisation),
        initial={"starts_on": candidacy.stage_on, "kind": "regular"},
    )
    if not row.shows_person:
        # recorded unnamed: the person's organisation follows it and names its expert
        del form.fields["responsible"]
    placement = save_form(
        request,
        form,
        lambda data: actions.create_placement(
            actor=actor,
            candidacy=candidacy,
            fields=form.placement_fields(),
            responsible=data.get("responsible"),
        ),
        _("The placement was recorded."),
    )
    if placement is not None:
        return _after_placement(request, placement)
    return _placement_form_page(
        request,
        form,
        title=_("Record the placement"),
        back=reverse("candidacy-detail", args=[candidacy.pk]),
        back_label=_("Back to the candidacy"),
    )


@actor_required
@not_found_is_404
def placement_create_for_person(request: ActorRequest, person_id: str) -> HttpResponse:
    actor = request.actor
    person = access_person(
        actor=actor, person_id=person_id, purpose=PURPOSE, what="placement", write=True
    )
    form = PlacementByHandForm(
        request.POST or None, caseworkers=caseworkers_of(actor.organisation)
    )
    placement = save_form(
        request,
        form,
        lambda data: actions.create_placement(
            actor=actor,
            person=person,
            employer=data["employer"],
            fields=form.placement_fields(),
            responsible=data["responsible"],
        ),
        _("The placement was recorded."),
    )
    if placement is not None:
        return redirect("placement-detail", placement_id=placement.pk)
    return _placement_form_page(
        request,
        form,
        title=_("Record a placement for %(name)s") % {"name": person},
        back=reverse("person-detail", args=[person.pk]),
        back_label=_("Back to the dossier"),
    )


# --- A placement ---------------------------------------------------------------------------


def _placement_to_follow(request: ActorRequest, placement_id: str) -> Placement:
    placement = queries.access_placement(actor=request.actor, placement_id=placement_id)
    if not may_follow_placement(actor=request.actor, placement=placement):
        raise AccessDenied
    return placement


def _render_placement(
    request: ActorRequest,
    placement: Placement,
    end_form: Any = None,
    check_in_form: Any = None,
) -> HttpResponse:
    ending = queries.ending_of(placement)
    may_follow = may_follow_placement(actor=request.actor, placement=placement)
    if may_follow and ending is None and end_form is None:
        end_form = PlacementEndForm(initial={"version": placement.version})
    if may_follow and ending is None and check_in_form is None:
        check_in_form = CheckInForm()
    check_ins = list(queries.check_ins_of(placement))
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "person": placement.person,
            "ending": ending,
            "may_follow": may_follow,
            "end_form": end_form if ending is None else None,
            "check_ins": check_ins,
            "follow_up": None
            if ending
            else queries.follow_up_of(placement, today=timezone.localdate()),
            "check_in_form": check_in_form if ending is None else None,
            "plan": queries.follow_up_plan(placement),
        },
    )


@actor_required
@not_found_is_404
def placement_detail(request: ActorRequest, placement_id: str) -> HttpResponse:
    placement = queries.access_placement(actor=request.actor, placement_id=placement_id)
    return _render_placement(request, placement)


@actor_required
@not_found_is_404
def placement_edit(request: ActorRequest, placement_id: str) -> HttpResponse:
    actor = request.actor
    placement = _placement_to_follow(request, placement_id)
    form = PlacementChangeForm(
        request.POST or None,
        caseworkers=caseworkers_of(actor.organisation),
        initial=PlacementForm.initial_of(placement),
    )
    saved = save_form(
        request,
        form,
        lambda data: actions.update_placement(
            actor=actor,
            placement=placement,
            changes={**form.placement_fields(), "responsible": data["responsible"]},
            expected_version=data["version"],
        ),
        _("The placement was saved."),
    )
    if saved is not None:
        return redirect("placement-detail", placement_id=placement.pk)
    return _placement_form_page(
        request,
        form,
        title=_("Change the placement"),
        back=reverse("placement-detail", args=[placement.pk]),
        back_label=_("Back to the placement"),
    )


@require_POST
@actor_required
@not_found_is_404
def placement_end(request: ActorRequest, placement_id: str) -> HttpResponse:
    def end(placement: Placement, form: PlacementEndForm) -> object:
        data = form.cleaned_data
        return actions.end_placement(
            actor=request.actor,
            placement=placement,
            ends_on=data["ends_on"],
            reason=data["reason"],
            moved_on_to_work=data["moved_on_to_work"],
            lesson=data["lesson"],
            factors=data["factors"],
            expected_version=data["version"],
        )

    return _post_on_placement(
        request,
        placement_id,
        PlacementEndForm,
        end,
        _("The placement was ended."),
        shown_as="end_form",
        then="placement-next",
    )


def _post_on_placement(
    request: ActorRequest,
    placement_id: str,
    form_class: type[F],
    change: Callable[[Placement, F], object],
    done: Any,
    *,
    shown_as: str,
    then: str = "placement-detail",
    opens_at: str = "",
) -> HttpResponse:
    """A form posted on the placement page by who follows the placement (its ending,
    a check-in): when saved, to ``then`` (at ``#opens_at``: a form that posts to its
    own anchor would else pass it on to the page it leads to, RFC 9110 §10.2.2);
    else the page again with the form's errors (as the page's ``shown_as`` form)."""
    placement = _placement_to_follow(request, placement_id)
    form = form_class(request.POST)
    if save_form(request, form, lambda _data: change(placement, form), done) is None:
        return _render_placement(request, placement, **{shown_as: form})
    url = reverse(then, kwargs={"placement_id": placement.pk})
    return redirect(f"{url}#{opens_at}" if opens_at else url)


@actor_required
@not_found_is_404
def placement_next(request: ActorRequest, placement_id: str) -> HttpResponse:
    """After an ending: the person's matched vacancies and career transitions, each
    vacancy with the button that starts a new candidacy."""
    actor = request.actor
    placement = queries.access_placement(
        actor=actor, placement_id=placement_id, what="placement: next step"
    )
    person = placement.person
    limits = matching_queries.intake_limits(person=person)
    vacancies = matching_queries.matched_vacancies(
        person=person,
        on=timezone.localdate(),
        k=SUGGESTIONS,
        avoid_heavy_work=limits.avoids_heavy_work,
    )
    return render(
        request,
        "placements/placement_next.html",
        {
            "placement": placement,
            "person": person,
            "ending": queries.ending_of(placement),
            "vacancies": vacancies,
            "transitions": matching_queries.transitions_for(person=person, k=5),
            "may_start": may_start_candidacies(actor),
        },
    )


# --- Follow-up (nazorg) -------------------------------------------------------------------


@require_POST
@actor_required
@not_found_is_404
def placement_check_in(request: ActorRequest, placement_id: str) -> HttpResponse:
    """Record a check-in or an ad-hoc contact on the placement page."""
    return _post_on_placement(
        request,
        placement_id,
        CheckInForm,
        lambda placement, form: actions.record_check_in(
            actor=request.actor,
            placement=placement,
            fields=form.check_in_fields(),
            agreed=form.agreed(),
        ),
        _("The check-in was recorded."),
        shown_as="check_in_form",
        # the form posts to #check-in-errors (its errors in view); saved, the page
        # opens at its top again, at the message
        opens_at="main",
    )


@actor_required
@not_found_is_404
def check_in_edit(
    request: ActorRequest, placement_id: str, check_in_id: str
) -> HttpResponse:
    """Change a check-in (and add an agreed action) from the version the user saw: a
    stale one comes back with the conflict, nothing saved."""
    actor = request.actor
    check_in = queries.check_in_to_change(
        actor=actor, placement_id=placement_id, check_in_id=check_in_id
    )
    form = CheckInChangeForm(
        request.POST or None, initial=CheckInForm.initial_of(check_in)
    )
    saved = save_form(
        request,
        form,
        lambda data: actions.update_check_in(
            actor=actor,
            check_in=check_in,
            changes=form.check_in_fields(),
            agreed=form.agreed(),
            expected_version=data["version"],
        ),
        _("The check-in was saved."),
    )
    if saved is not None:
        return redirect("placement-detail", placement_id=check_in.placement_id)
    return _placement_form_page(
        request,
        form,
        title=_("Change the check-in of %(date)s")
        % {"date": date_format(check_in.held_on)},
        back=reverse("placement-detail", args=[check_in.placement_id]),
        back_label=_("Back to the placement"),
    )


def _schedule_page(
    request: ActorRequest,
    placement: Placement,
    form: FollowUpScheduleForm | None = None,
    programme_form: FollowUpProgrammeChoiceForm | None = None,
) -> HttpResponse:
    """The placement's schedule page: where its schedule comes from, the due dates
    it gives, the choice of a follow-up programme and the form for its own."""
    plan = queries.follow_up_plan(placement)
    if form is None:
        form = FollowUpScheduleForm(
            initial=FollowUpScheduleForm.initial_of(
                plan.schedule, plan.own.reason if plan.own else ""
            )
        )
    if programme_form is None:
        programme_form = FollowUpProgrammeChoiceForm(
            programmes=queries.follow_up_programmes(request.actor),
            initial={"programme": placement.follow_up_programme_id},
        )
    return render(
        request,
        "placements/follow_up_schedule.html",
        {
            "form": form,
            "programme_form": programme_form,
            "plan": plan,
            "placement": placement,
            "may_keep_programmes": may_keep_follow_up_programmes(request.actor),
        },
    )


@actor_required
@not_found_is_404
def placement_schedule(request: ActorRequest, placement_id: str) -> HttpResponse:
    """The placement's follow-up schedule: its own (more often when at risk), its
    programme's or the default, with the due dates it gives; the forms choose its
    programme and set its own."""
    actor = request.actor
    placement = _placement_to_follow(request, placement_id)
    if request.method != "POST":
        return _schedule_page(request, placement)
    form = FollowUpScheduleForm(request.POST)
    saved = save_form(
        request,
        form,
        lambda data: actions.set_follow_up_schedule(
            actor=actor, placement=placement, **data
        ),
        _("The follow-up schedule was saved."),
    )
    if saved is not None:
        return redirect("placement-detail", placement_id=placement.pk)
    return _schedule_page(request, placement, form=form)


@require_POST
@actor_required
@not_found_is_404
def placement_schedule_reset(request: ActorRequest, placement_id: str) -> HttpResponse:
    placement = _placement_to_follow(request, placement_id)
    actions.reset_follow_up_schedule(actor=request.actor, placement=placement)
    messages.success(request, _("The placement follows the default schedule again."))
    return redirect("placement-detail", placement_id=placement.pk)


@require_POST
@actor_required
@not_found_is_404
def placement_programme(request: ActorRequest, placement_id: str) -> HttpResponse:
    """Put the placement in one of the organisation's follow-up programmes, or none
    (the schedule page's choice)."""
    actor = request.actor
    placement = _placement_to_follow(request, placement_id)
    form = FollowUpProgrammeChoiceForm(
        request.POST, programmes=queries.follow_up_programmes(actor)
    )
    saved = save_form(
        request,
        form,
        lambda data: actions.put_in_follow_up_programme(
            actor=actor, placement=placement, programme=data["programme"]
        ),
        _("The follow-up programme of the placement was saved."),
    )
    if saved is not None:
        return redirect("placement-schedule", placement_id=placement.pk)
    return _schedule_page(request, placement, programme_form=form)


# --- Follow-up programmes -------------------------------------------------------------------


@actor_required
def follow_up_programmes(request: ActorRequest) -> HttpResponse:
    """Nazorgprogramma's: the organisation's follow-up programmes, each with its
    schedule and how many active placements follow it; project leaders and labour
    experts create and change them."""
    actor = request.actor
    if not may_see_follow_up_programmes(actor):
        raise PermissionDenied(
            _("Only the roles that follow placements see the follow-up programmes.")
        )
    return render(
        request,
        "placements/follow_up_programmes.html",
        {
            "programmes": list(queries.follow_up_programmes(actor)),
            "may_keep": may_keep_follow_up_programmes(actor),
            "default": rules.DEFAULT_SCHEDULE,
        },
    )


def _programme_form_page(
    request: ActorRequest, form: Any, *, title: Any, programme: Any = None
) -> HttpResponse:
    return render(
        request,
        "placements/follow_up_programme_form.html",
        {"form": form, "title": title, "programme": programme},
    )


@actor_required
def follow_up_programme_create(request: ActorRequest) -> HttpResponse:
    actor = request.actor
    require_follow_up_programme_keeper(actor=actor)
    form = FollowUpProgrammeForm(
        request.POST or None,
        initial=FollowUpProgrammeForm.schedule_initial(rules.DEFAULT_SCHEDULE),
    )
    saved = save_form(
        request,
        form,
        lambda data: actions.create_follow_up_programme(actor=actor, **data),
        _("The follow-up programme was created."),
    )
    if saved is not None:
        return redirect("follow-up-programmes")
    return _programme_form_page(request, form, title=_("New follow-up programme"))


@actor_required
@not_found_is_404
def follow_up_programme_edit(
    request: ActorRequest, follow_up_programme_id: int
) -> HttpResponse:
    """Change a programme from the version the user saw: a stale one comes back with
    the conflict, nothing saved; its placements follow the new schedule."""
    actor = request.actor
    programme = queries.follow_up_programme_to_keep(
        actor=actor, programme_id=follow_up_programme_id
    )
    form = FollowUpProgrammeChangeForm(
        request.POST or None, initial=FollowUpProgrammeForm.initial_of(programme)
    )
    saved = save_form(
        request,
        form,
        lambda data: actions.update_follow_up_programme(
            actor=actor,
            programme=programme,
            changes={k: v for k, v in data.items() if k != "version"},
            expected_version=data["version"],
        ),
        _("The follow-up programme was saved."),
    )
    if saved is not None:
        return redirect("follow-up-programmes")
    return _programme_form_page(
        request,
        form,
        title=_("Change the follow-up programme “%(name)s”") % {"name": programme},
        programme=programme,
    )


@actor_required
def follow_up(request: ActorRequest) -> HttpResponse:
    """Nazorg: the active placements the user follows (``?team=1``: the team's),
    at-risk first with what drives each score, and which check-ins are due or
    overdue."""
    team = request.GET.get("team") == "1"
    today = timezone.localdate()
    rows = queries.follow_ups(actor=request.actor, today=today, mine=not team)
    return render(
        request,
        "placements/follow_up.html",
        {
            "rows": rows,
            "due": [row for row in rows if row.is_due(today)],
            "team": team,
            "today": today,
            "shown_at_most": queries.FOLLOW_UP_SHOWN,
            "sees_programmes": may_see_follow_up_programmes(request.actor),
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@actor_required
def durability_report(request: ActorRequest) -> HttpResponse:
    """Duurzaamheid: survival of the organisation's placements by group, retention
    at 6/12/24 months, placed against lost per quarter and region, reasons for
    ending and what followed; ``?format=csv`` or ``xlsx`` downloads it."""
    actor = request.actor
    require_durability_reader(actor)
    report = durability.durability_for(
        actor,
        today=timezone.localdate(),
        dimension=request.GET.get("group", "kind"),
        region=reads_regional_durability(
            actor, asked=request.GET.get("scope") == "region"
        ),
    )
    wanted = request.GET.get("format")
    if wanted in ("csv", "xlsx"):
        content, content_type = (
            (durability.to_csv(report), "text/csv; charset=utf-8")
            if wanted == "csv"
            else (durability.to_xlsx(report), XLSX)
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="duurzaamheid-{report.dimension}.{wanted}"'
        )
        return response
    # a manager chooses between the organisation's and the region's placements
    scopes = reads_regional_durability(
        actor, asked=True
    ) and not reads_regional_durability(actor, asked=False)
    return render(
        request,
        "placements/durability.html",
        {
            "report": report,
            "scopes": scopes,
            "scope_query": "&scope=region" if scopes and report.region else "",
            "dimensions": durability.dimensions(),
            "survival_chart": charts.survival_chart_svg(
                report.curves,
                title=_("Share of placements still running, by %(group)s")
                % {"group": report.dimension_label.lower()},
                labels=report.labels,
            ),
            "retention": durability.retention_rows(report),
            "flow_charts": [
                (
                    flow,
                    charts.flow_chart_svg(
                        flow,
                        title=_("Placed and lost per quarter, %(region)s")
                        % {"region": flow.region or "—"},
                    ),
                )
                for flow in report.flows
            ],
        },
    )
