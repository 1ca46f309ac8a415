"""Web pages of programme monitoring: thin, over queries.py, actions.py and reports.py."""

import contextlib
import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from regiowerk.common import facts, workbooks
from regiowerk.common.web import add_errors, not_found_is_404, save_form
from regiowerk.monitoring import (
    actions,
    declarable,
    permissions,
    programme_report,
    queries,
    reports,
    rules,
    suppression,
    trace,
)
from regiowerk.monitoring.constants import IndicatorKind
from regiowerk.monitoring.forms import (
    ActivityEditForm,
    ActivityForm,
    CoFinancingForm,
    CostEntryForm,
    DecisionForm,
    DeliverableForm,
    DocumentForm,
    EligibilityRuleForm,
    IndicatorEditForm,
    IndicatorForm,
    ManualValueForm,
    PeriodForm,
    PlannedSpendingForm,
    ProjectForm,
    ReportSubmitForm,
    TargetChangeForm,
    TraceForm,
    WithdrawForm,
)
from regiowerk.monitoring.models import Project
from regiowerk.organisations.web import ActorRequest, actor_required


class ProgrammeChoiceForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=queries.programmes(),
        to_field_name="code",
        empty_label=None,
        required=False,
    )


def _overview(
    request: ActorRequest,
) -> tuple[ProgrammeChoiceForm, programme_report.ProgrammeOverview | None]:
    """The programme chosen (default: the first) as a frozen overview for the actor."""
    queries.check_sees_monitoring(request.actor)
    form = ProgrammeChoiceForm(request.GET or None)
    programme = None
    if form.is_bound and form.is_valid():
        programme = form.cleaned_data["programme"]
    programme = programme or queries.programmes().first()
    if programme is None:
        return form, None
    overview = programme_report.programme_overview(
        programme, actor=request.actor, today=timezone.localdate()
    )
    return form, overview


@actor_required
def programme_overview(request: ActorRequest) -> HttpResponse:
    form, overview = _overview(request)
    may_create = overview is not None and permissions.may_create_project(
        actor=request.actor,
        programme=queries.get_programme_by_code(
            actor=request.actor, code=overview.code
        ),
    )
    return render(
        request,
        "monitoring/programme_overview.html",
        {"form": form, "overview": overview, "may_create": may_create},
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
EXTENSIONS = {XLSX: "xlsx", PDF: "pdf", CSV: "csv"}


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    """A report file to save: ``name`` (letters and digits kept) with its extension."""
    response = HttpResponse(content, content_type=content_type)
    slug = "".join(c if c.isalnum() else "-" for c in name)
    extension = EXTENSIONS[content_type]
    response["Content-Disposition"] = f'attachment; filename="{slug}.{extension}"'
    return response


def _overview_file(
    render_file: Callable[[programme_report.ProgrammeOverview], bytes],
    content_type: str,
) -> Callable[[ActorRequest], HttpResponse]:
    """A download of the programme overview the page shows, made by ``render_file``."""

    @actor_required
    @not_found_is_404
    def view(request: ActorRequest) -> HttpResponse:
        _form, overview = _overview(request)
        if overview is None:
            raise Http404
        content = render_file(overview)
        return _download(content, content_type, f"programmaoverzicht-{overview.code}")

    return view


programme_overview_xlsx = _overview_file(programme_report.to_xlsx, XLSX)
programme_overview_pdf = _overview_file(programme_report.to_pdf, PDF)


# --- The project page ----------------------------------------------------------------------
def _rights(actor: Any, project: Project) -> dict[str, bool]:
    return {
        "may_manage": permissions.may_manage_project(actor=actor, project=project),
        "may_approve": permissions.may_approve_target_changes(
            actor=actor, project=project
        ),
        "may_read_trail": permissions.may_read_trail(actor=actor, project=project),
    }


def _report(request: ActorRequest, project: Project) -> tuple[Any, PeriodForm]:
    periods = reports.reporting_periods(project)
    form = PeriodForm(periods, request.GET or None)
    index = None
    if form.is_bound and form.is_valid():
        index = form.cleaned_data["periode"]
    report = reports.project_monitor(
        project,
        period_index=index,
        today=timezone.localdate(),
        with_trail=permissions.may_read_trail(actor=request.actor, project=project),
    )
    report = suppression.monitor(report, actor=request.actor, project=project)
    if not form.is_bound:
        form = PeriodForm(periods, initial={"periode": report.period.index})
    return report, form


def _due_reports(project: Project) -> list[dict[str, Any]]:
    """The project's ended periods with their report: label, due date, how it stands."""
    today = timezone.localdate()
    cadence = rules.Cadence(project.programme.reporting_cadence)
    return [
        {
            "start": due.period.start,
            "label": reports.period_label(due.period, cadence),
            "due_on": due.due_on,
            "report": due.report,
            "is_submitted": due.is_submitted,
            "days_late": due.days_late(today),
        }
        for due in queries.due_reports([project], today=today)
    ]


def _project_page(
    request: ActorRequest,
    project: Project,
    submit_form: ReportSubmitForm | None = None,
) -> HttpResponse:
    report, form = _report(request, project)
    rights = _rights(request.actor, project)
    due = _due_reports(project)
    open_reports = [(d["start"], d["label"]) for d in due if not d["is_submitted"]]
    return render(
        request,
        "monitoring/project_monitor.html",
        {
            **reports.context(report),
            "project": project,
            "form": form,
            "query": request.GET.urlencode(),
            "pending": queries.pending_target_changes(project)
            if rights["may_approve"]
            else [],
            "due_reports": due,
            "submit_form": (
                submit_form or ReportSubmitForm(open_reports)
                if rights["may_manage"] and open_reports
                else None
            ),
            "declarable": suppression.served_versus_declarable(
                declarable.project_declarable(project),
                actor=request.actor,
                project=project,
            ),
            "activities": queries.activities(project) if rights["may_manage"] else [],
            **rights,
        },
        status=400 if submit_form else 200,
    )


@actor_required
@not_found_is_404
def project_monitor(request: ActorRequest, project_id: int) -> HttpResponse:
    """The quarterly monitor of a project: targets side by side, live values, status,
    and its period reports."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    return _project_page(request, project)


@require_POST
@actor_required
@not_found_is_404
def report_submit(request: ActorRequest, project_id: int) -> HttpResponse:
    """A project leader submits the report over an ended period."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    # others are refused before the form is read
    _require_manager(
        request, project, _("Only the project's leaders submit its reports.")
    )
    open_reports = [
        (d["start"], d["label"]) for d in _due_reports(project) if not d["is_submitted"]
    ]
    form = ReportSubmitForm(open_reports, request.POST)
    if form.is_valid():
        try:
            actions.submit_report(
                actor=request.actor, project=project, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect(
                reverse("project-monitor", args=[project.pk]) + "#reports-title"
            )
    return _project_page(request, project, submit_form=form)


@actor_required
@not_found_is_404
def project_monitor_xlsx(request: ActorRequest, project_id: int) -> HttpResponse:
    project = queries.get_project(actor=request.actor, project_id=project_id)
    report, _form = _report(request, project)
    return _download(reports.to_xlsx(report), XLSX, _name(report))


@actor_required
@not_found_is_404
def project_monitor_pdf(request: ActorRequest, project_id: int) -> HttpResponse:
    project = queries.get_project(actor=request.actor, project_id=project_id)
    report, _form = _report(request, project)
    return _download(reports.to_pdf(report), PDF, _name(report))


def _name(report: reports.ProjectMonitor) -> str:
    return f"kwartaalmonitor-{report.code}-{report.period.label}"


def _indicator_page(
    request: ActorRequest,
    project: Project,
    indicator_id: int,
    **forms_given: forms.Form,
) -> HttpResponse:
    indicator = queries.get_indicator(project=project, indicator_id=indicator_id)
    rights = _rights(request.actor, project)
    target = indicator.target
    return render(
        request,
        "monitoring/indicator.html",
        {
            "project": project,
            "indicator": indicator,
            "target": target,
            "changes": target.changes.select_related("recorded_by", "decided_by")
            if rights["may_read_trail"]
            else [],
            "entries": indicator.entries.select_related("recorded_by")
            if rights["may_read_trail"]
            else [],
            "how_counted": (
                reports.describe(facts.parse_definition(indicator.definition))
                if indicator.kind == IndicatorKind.COMPUTED
                else ""
            ),
            "change_form": forms_given.get("change_form")
            or TargetChangeForm(initial={"new_value": target.current_value}),
            "value_form": forms_given.get("value_form")
            or ManualValueForm(
                initial={
                    "value": indicator.realised_value,
                    "evidence_note": indicator.evidence_note,
                }
            ),
            "deliverable_form": forms_given.get("deliverable_form")
            or DeliverableForm(initial={"status": indicator.deliverable_status}),
            "documents": (
                queries.documents(indicator)
                if indicator.kind == IndicatorKind.DELIVERABLE
                else []
            ),
            "document_form": forms_given.get("document_form") or DocumentForm(),
            **rights,
        },
        status=400 if forms_given else 200,
    )


@actor_required
@not_found_is_404
def indicator_detail(
    request: ActorRequest, project_id: int, indicator_id: int
) -> HttpResponse:
    """One indicator: how it is counted or its evidence, its target history, and the
    forms of the project leader."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    return _indicator_page(request, project, indicator_id)


@actor_required
@not_found_is_404
def indicator_trace(
    request: ActorRequest, project_id: int, indicator_id: int
) -> HttpResponse:
    """How one computed figure was counted: definition, organisations, period, how
    many persons, and for the roles that read person records which (logged)."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    indicator = queries.get_indicator(project=project, indicator_id=indicator_id)
    if indicator.kind != IndicatorKind.COMPUTED:
        raise Http404
    form = TraceForm(reports.reporting_periods(project), request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "monitoring/trace.html",
            {"project": project, "indicator": indicator, "form": form},
            status=400,
        )
    data = form.cleaned_data if form.is_bound else {}
    found = trace.indicator_trace(
        actor=request.actor,
        project=project,
        indicator=indicator,
        period_index=data.get("periode"),
        span=data.get("telling") or trace.CUMULATIVE,
        today=timezone.localdate(),
    )
    found = suppression.trace(found, actor=request.actor, project=project)
    if not form.is_bound:
        form = TraceForm(
            reports.reporting_periods(project),
            initial={"periode": found.period.index, "telling": found.span},
        )
    return render(
        request,
        "monitoring/trace.html",
        {"project": project, "indicator": indicator, "form": form, "trace": found},
    )


def _indicator_change(
    form_class: type[forms.Form], form_name: str, action: Callable[..., Any]
) -> Callable[..., HttpResponse]:
    """A POST view that makes ``action(actor=, indicator=, **form data)`` on one
    indicator of a project: back to the indicator page, or that page again with the
    form and its errors."""

    @require_POST
    @actor_required
    @not_found_is_404
    def view(request: ActorRequest, project_id: int, indicator_id: int) -> HttpResponse:
        project = queries.get_project(actor=request.actor, project_id=project_id)
        indicator = queries.get_indicator(project=project, indicator_id=indicator_id)
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                action(actor=request.actor, indicator=indicator, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                return redirect(
                    "indicator-detail", project_id=project.pk, indicator_id=indicator.pk
                )
        return _indicator_page(request, project, indicator_id, **{form_name: form})

    return view


target_change_propose = _indicator_change(
    TargetChangeForm, "change_form", actions.propose_target_change
)
manual_value_enter = _indicator_change(
    ManualValueForm, "value_form", actions.enter_manual_value
)
deliverable_update = _indicator_change(
    DeliverableForm, "deliverable_form", actions.update_deliverable
)
document_upload = _indicator_change(
    DocumentForm, "document_form", actions.upload_deliverable_document
)


@actor_required
@not_found_is_404
def document_download(
    request: ActorRequest, project_id: int, indicator_id: int, document_id: int
) -> FileResponse:
    """A version of a deliverable's document, for whoever may read the project; always
    an attachment under its uploaded name (never shown inline)."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    indicator = queries.get_indicator(project=project, indicator_id=indicator_id)
    document = queries.get_document(indicator=indicator, document_id=document_id)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.name
    )


@require_POST
@actor_required
@not_found_is_404
def target_change_decide(
    request: ActorRequest, project_id: int, change_id: int
) -> HttpResponse:
    """The programme manager approves or rejects a proposed target change."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    change = queries.get_target_change(project=project, change_id=change_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied(_("Choose approve or reject."))
    decide = (
        actions.approve_target_change
        if form.cleaned_data["decision"] == "approve"
        else actions.reject_target_change
    )
    with contextlib.suppress(ValidationError):  # already decided: the page shows how
        decide(actor=request.actor, change=change)
    return redirect("project-monitor", project_id=project.pk)


# --- Costs and budget: the project leader's page ------------------------------------------
def _costs_page(
    request: ActorRequest, project: Project, **forms_given: forms.Form
) -> HttpResponse:
    periods = reports.reporting_periods(project)
    plan = queries.planned_spending(project)
    return render(
        request,
        "monitoring/project_costs.html",
        {
            "project": project,
            "cost_form": forms_given.get("cost_form") or CostEntryForm(),
            "co_financing_form": forms_given.get("co_financing_form")
            or CoFinancingForm(),
            "cost_entries": [e for e in queries.cost_entries(project) if e.counts],
            "co_financing": [c for c in queries.co_financing(project) if c.counts],
            "withdraw_form": forms_given.get("withdraw_form") or WithdrawForm(),
            "plan_form": forms_given.get("plan_form")
            or PlannedSpendingForm(
                periods,
                initial={
                    f"periode_{p.index}": Decimal(plan[p.start]) / 100
                    for p in periods
                    if p.start in plan
                },
            ),
        },
        status=400 if forms_given else 200,
    )


COSTS_REFUSED = _("Only the project's leaders enter costs and the budget.")


def _require_manager(
    request: ActorRequest, project: Project, refusal: Any = COSTS_REFUSED
) -> None:
    if not permissions.may_manage_project(actor=request.actor, project=project):
        raise PermissionDenied(refusal)


# --- Eligibility rules and the funder's participant list --------------------------------
@actor_required
@not_found_is_404
def programme_rules(request: ActorRequest, code: str) -> HttpResponse:
    """The programme's eligibility rules; the funder's programme manager edits them."""
    programme = queries.get_programme_by_code(actor=request.actor, code=code)
    form = EligibilityRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_eligibility_rule(
                actor=request.actor, programme=programme, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("programme-rules", code=programme.code)
    rules_ = declarable.programme_rules(programme)
    return render(
        request,
        "monitoring/programme_rules.html",
        {
            "programme": programme,
            "rules": [(r, declarable.describe_rule(r.as_rule())) for r in rules_],
            "form": form,
            "may_edit": permissions.may_edit_eligibility(
                actor=request.actor, programme=programme
            ),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@actor_required
@not_found_is_404
def programme_rule_remove(
    request: ActorRequest, code: str, rule_id: int
) -> HttpResponse:
    programme = queries.get_programme_by_code(actor=request.actor, code=code)
    rule = queries.get_eligibility_rule(programme=programme, rule_id=rule_id)
    actions.remove_eligibility_rule(actor=request.actor, rule=rule)
    return redirect("programme-rules", code=programme.code)


@actor_required
@not_found_is_404
def project_costs(request: ActorRequest, project_id: int) -> HttpResponse:
    """The forms of the project leader for costs, co-financing and the spending plan;
    the figures themselves are on the project page."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    _require_manager(request, project)
    return _costs_page(request, project)


def _cost_change(
    make_form: Callable[[ActorRequest, Project], Any],
    form_name: str,
    action: Callable[..., Any],
) -> Callable[..., HttpResponse]:
    """A POST view that makes ``action(actor=, project=, **form.action_data())``: back
    to the costs page, or that page again with the form and its errors."""

    @require_POST
    @actor_required
    @not_found_is_404
    def view(request: ActorRequest, project_id: int) -> HttpResponse:
        project = queries.get_project(actor=request.actor, project_id=project_id)
        _require_manager(request, project)
        form = make_form(request, project)
        if form.is_valid():
            try:
                action(actor=request.actor, project=project, **form.action_data())
            except ValidationError as exc:
                add_errors(form, exc, field_map=form.field_map, labels=form.labels)
            else:
                messages.success(request, _("Saved."))
                return redirect("project-costs", project_id=project.pk)
        return _costs_page(request, project, **{form_name: form})

    return view


cost_entry_add = _cost_change(
    lambda request, _project: CostEntryForm(request.POST),
    "cost_form",
    actions.add_cost_entry,
)
co_financing_add = _cost_change(
    lambda request, _project: CoFinancingForm(request.POST),
    "co_financing_form",
    actions.add_co_financing,
)
planned_spending_set = _cost_change(
    lambda request, project: PlannedSpendingForm(
        reports.reporting_periods(project), request.POST
    ),
    "plan_form",
    actions.set_planned_spending,
)


@require_POST
@actor_required
@not_found_is_404
def money_entry_withdraw(
    request: ActorRequest, project_id: int, kind: str, entry_id: int
) -> HttpResponse:
    """A project leader withdraws a wrong cost or co-financing entry, with the reason."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    _require_manager(request, project)
    entry = queries.get_money_entry(project=project, kind=kind, entry_id=entry_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            actions.withdraw_money_entry(
                actor=request.actor, entry=entry, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The entry has been withdrawn."))
            return redirect("project-costs", project_id=project.pk)
    return _costs_page(request, project, withdraw_form=form)


def cost_entry_withdraw(
    request: ActorRequest, project_id: int, entry_id: int
) -> HttpResponse:
    return money_entry_withdraw(request, project_id, "kosten", entry_id)


def co_financing_withdraw(
    request: ActorRequest, project_id: int, co_financing_id: int
) -> HttpResponse:
    return money_entry_withdraw(request, project_id, "cofinanciering", co_financing_id)


@actor_required
@not_found_is_404
def project_declarable(request: ActorRequest, project_id: int) -> HttpResponse:
    """Served versus declarable, why the rest is not, and (for the roles that receive
    it) the funder's list with the BSNs masked; every person shown is logged."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    result = suppression.served_versus_declarable(
        declarable.project_declarable(project), actor=request.actor, project=project
    )
    may_see = permissions.may_see_declarable_list(actor=request.actor, project=project)
    return render(
        request,
        "monitoring/declarable.html",
        {
            "project": project,
            "result": result,
            "persons": declarable.funder_list(
                actor=request.actor, project=project, declarable=result, decrypt=False
            )
            if may_see
            else [],
            "may_see": may_see,
            "may_download": permissions.may_download_declarable_list(
                actor=request.actor, project=project
            ),
        },
    )


@actor_required
@not_found_is_404
def project_declarable_download(
    request: ActorRequest, project_id: int, extension: str
) -> HttpResponse:
    """The funder's list with the BSNs in full, as CSV or Excel: the programme manager
    of the funder only; the read of every person on it is logged."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    if not permissions.may_download_declarable_list(
        actor=request.actor, project=project
    ):
        raise PermissionDenied(
            _("Only the funder's programme manager downloads the participant list.")
        )
    persons = declarable.funder_list(
        actor=request.actor,
        project=project,
        declarable=declarable.project_declarable(project),
        decrypt=True,
    )
    rows = [[_("BSN"), _("Name")]] + [[p.bsn, p.name] for p in persons]
    if extension == "csv":
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(rows)
        content, content_type = out.getvalue().encode(), CSV
    else:
        content = workbooks.workbook([(str(_("Participants")), rows, True)])
        content_type = XLSX
    return _download(content, content_type, f"deelnemerslijst-{project.code}")


# --- Defining a project: the project, its activities and indicators ------------------------
def _form_page(
    request: ActorRequest, form: forms.Form, *, title: Any, back: str, back_label: Any
) -> HttpResponse:
    return render(
        request,
        "monitoring/form.html",
        {"form": form, "title": title, "back": back, "back_label": back_label},
        status=400 if form.is_bound else 200,
    )


@actor_required
@not_found_is_404
def project_create(request: ActorRequest, code: str) -> HttpResponse:
    """A project leader (or the funder's programme manager) defines a new project of
    the programme; their organisation becomes its applicant and executor."""
    programme = queries.get_programme_by_code(actor=request.actor, code=code)
    if not permissions.may_create_project(actor=request.actor, programme=programme):
        raise PermissionDenied(permissions.no_new_project_reason(programme))
    form = ProjectForm(programme, request.POST or None)
    project = save_form(
        request,
        form,
        lambda _data: actions.define_project(
            actor=request.actor, programme=programme, **form.action_data()
        ),
        _("The project was created."),
    )
    if project is not None:
        return redirect("project-monitor", project_id=project.pk)
    return _form_page(
        request,
        form,
        title=_("New project in %(programme)s") % {"programme": programme.name},
        back=reverse("programme-overview") + f"?programme={programme.code}",
        back_label=_("Back to the programme overview"),
    )


@actor_required
@not_found_is_404
def activity_add(request: ActorRequest, project_id: int) -> HttpResponse:
    """A project leader adds an activity to the project."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    _require_manager(request, project, _("Only the project's leaders add activities."))
    form = ActivityForm(request.POST or None)
    activity = save_form(
        request,
        form,
        lambda data: actions.define_activity(
            actor=request.actor, project=project, **data
        ),
        _("The activity was added."),
    )
    if activity is not None:
        return redirect(
            reverse("project-monitor", args=[project.pk]) + "#activities-title"
        )
    return _form_page(
        request,
        form,
        title=_("Add an activity to %(project)s") % {"project": project},
        back=reverse("project-monitor", args=[project.pk]),
        back_label=_("Back to the project"),
    )


@actor_required
@not_found_is_404
def indicator_add(
    request: ActorRequest, project_id: int, activity_id: int
) -> HttpResponse:
    """A project leader adds an indicator (computed, manual or deliverable) to an
    activity of the project."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    _require_manager(request, project, _("Only the project's leaders add indicators."))
    activity = queries.get_activity(project=project, activity_id=activity_id)
    form = IndicatorForm(request.POST or None)
    indicator = save_form(
        request,
        form,
        lambda data: actions.define_indicator(
            actor=request.actor, activity=activity, **data
        ),
        _("The indicator was added."),
    )
    if indicator is not None:
        return redirect(
            "indicator-detail", project_id=project.pk, indicator_id=indicator.pk
        )
    return _form_page(
        request,
        form,
        title=_("Add an indicator to %(activity)s") % {"activity": activity},
        back=reverse("project-monitor", args=[project.pk]),
        back_label=_("Back to the project"),
    )


# --- Changing and removing an activity or an indicator -------------------------------------
def _versioned_change(update: Any, record_key: str, record: Any, actor: Any) -> Any:
    """What ``save_form`` calls: ``update(actor=, <record_key>=record, expected_version=,
    **changes)`` with the version the form carried."""

    def change(data: dict[str, Any]) -> Any:
        changes = dict(data)
        version = changes.pop("version")
        return update(
            actor=actor, expected_version=version, **{record_key: record}, **changes
        )

    return change


CHANGES_REFUSED = _("Only the project's leaders change its activities and indicators.")


def _edit_view(
    form_class: type[ActivityEditForm] | type[IndicatorEditForm],
    key: str,
    fetch: Callable[[Project, int], Any],
    update: Callable[..., Any],
    title: Any,
    back: Callable[[Project, Any], str],
) -> Callable[..., HttpResponse]:
    """The edit page of a project's versioned ``key`` (activity, indicator; its id
    ``<key>_id`` in the URL) for the project's leaders: the form starts from the
    record as it is, ``update`` saves it (a stale version is the conflict), then
    back to ``back(project, record)``."""

    @actor_required
    @not_found_is_404
    def view(request: ActorRequest, project_id: int, **ids: int) -> HttpResponse:
        project = queries.get_project(actor=request.actor, project_id=project_id)
        _require_manager(request, project, CHANGES_REFUSED)
        record = fetch(project, ids[f"{key}_id"])
        form = form_class(request.POST or None, initial=form_class.initial_for(record))
        saved = save_form(
            request,
            form,
            _versioned_change(update, key, record, request.actor),
            _("The changes are saved."),
        )
        if saved is not None:
            return redirect(back(project, record))
        return _form_page(
            request,
            form,
            title=title % {key: record},
            back=back(project, record),
            back_label=_("Back"),
        )

    return view


activity_edit = _edit_view(
    ActivityEditForm,
    "activity",
    lambda project, pk: queries.get_activity(project=project, activity_id=pk),
    actions.update_activity,
    _("Change the activity %(activity)s"),
    lambda project, _activity: (
        reverse("project-monitor", args=[project.pk]) + "#activities-title"
    ),
)
indicator_edit = _edit_view(
    IndicatorEditForm,
    "indicator",
    lambda project, pk: queries.get_indicator(project=project, indicator_id=pk),
    actions.update_indicator,
    _("Change the indicator %(indicator)s"),
    lambda project, indicator: reverse(
        "indicator-detail", args=[project.pk, indicator.pk]
    ),
)


def _removal(request: ActorRequest, remove: Callable[[], None], done: Any) -> bool:
    """Make a removal; its refusal (something recorded) becomes the page's message."""
    try:
        remove()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, done)
    return True


@require_POST
@actor_required
@not_found_is_404
def activity_remove(
    request: ActorRequest, project_id: int, activity_id: int
) -> HttpResponse:
    """A project leader removes an activity while nothing is recorded against it."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    _require_manager(request, project, CHANGES_REFUSED)
    activity = queries.get_activity(project=project, activity_id=activity_id)
    _removal(
        request,
        lambda: actions.remove_activity(actor=request.actor, activity=activity),
        _("The activity was removed."),
    )
    return redirect(reverse("project-monitor", args=[project.pk]) + "#activities-title")


@require_POST
@actor_required
@not_found_is_404
def indicator_remove(
    request: ActorRequest, project_id: int, indicator_id: int
) -> HttpResponse:
    """A project leader removes an indicator while nothing is recorded against it."""
    project = queries.get_project(actor=request.actor, project_id=project_id)
    _require_manager(request, project, CHANGES_REFUSED)
    indicator = queries.get_indicator(project=project, indicator_id=indicator_id)
    if _removal(
        request,
        lambda: actions.remove_indicator(actor=request.actor, indicator=indicator),
        _("The indicator was removed."),
    ):
        return redirect("project-monitor", project_id=project.pk)
    return redirect(
        "indicator-detail", project_id=project.pk, indicator_id=indicator.pk
    )
