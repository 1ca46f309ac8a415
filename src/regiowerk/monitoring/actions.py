"""Writes of the monitoring app: programmes, projects, indicators, targets, the import.

Every action validates before it writes and raises a ValidationError keyed by field,
in Dutch, so a form or the API can show it beside the field.
"""

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from regiowerk.common import facts
from regiowerk.common.changes import apply_changes
from regiowerk.common.locking import save_versioned
from regiowerk.monitoring import rules
from regiowerk.monitoring.constants import (
    DOCUMENT_EXTENSIONS,
    Approver,
    CoFinancingStatus,
    CostKind,
    DeliverableStatus,
    EligibilityRuleKind,
    IndicatorKind,
    PartyRole,
    ReportingCadence,
    SubsidyRounding,
    TargetChangeKind,
    TargetChangeStatus,
)
from regiowerk.monitoring.models import (
    ACTIVITY_EDITABLE_FIELDS,
    INDICATOR_EDITABLE_FIELDS,
    Activity,
    CoFinancing,
    CostEntry,
    DeliverableDocument,
    EligibilityRule,
    Indicator,
    PeriodReport,
    PlannedSpending,
    Programme,
    Project,
    ProjectParty,
    RealisedEntry,
    Target,
    TargetChange,
)
from regiowerk.monitoring.permissions import (
    may_approve_target_changes,
    may_create_project,
    may_edit_eligibility,
    may_manage_project,
    no_new_project_reason,
)
from regiowerk.organisations.queries import Actor
from regiowerk.people.constants import LabourStatus

M = TypeVar("M", bound=models.Model)


def _saved(record: M) -> M:
    """``record`` validated (``full_clean``) and saved."""
    record.full_clean()
    record.save()
    return record


def _euros(cents: int) -> str:
    return f"€ {cents // 100:,}".replace(",", ".") + (
        f",{cents % 100:02d}" if cents % 100 else ""
    )


def create_programme(
    *,
    code: str,
    name: str,
    funder: str,
    regulation: str = "",
    subsidy_percentage: Decimal = Decimal(69),
    subsidy_rounding: str = SubsidyRounding.DOWN_TO_EURO,
    reporting_cadence: str = ReportingCadence.QUARTERLY,
    report_due_days: int = 30,
    funder_organisation_id: int | None = None,
    overhead_percentage: Decimal = Decimal(0),
) -> Programme:
    programme = Programme(
        code=code,
        name=name,
        funder=funder,
        funder_organisation_id=funder_organisation_id,
        regulation=regulation,
        subsidy_percentage=subsidy_percentage,
        subsidy_rounding=subsidy_rounding,
        reporting_cadence=reporting_cadence,
        report_due_days=report_due_days,
        overhead_percentage=overhead_percentage,
    )
    return _saved(programme)


def checked_max_subsidy_cents(
    *,
    programme: Programme,
    direct_costs_cents: int,
    max_subsidy_cents: int | None,
    max_subsidy_note: str,
) -> int:
    """The maximum subsidy: the programme's rule when none is given; a stated maximum
    that differs from the rule (an amended grant decision) needs its explanation."""
    rule = programme.rule_max_subsidy_cents(direct_costs_cents)
    if max_subsidy_cents is None:
        return rule
    if max_subsidy_cents != rule and not max_subsidy_note.strip():
        raise ValidationError(
            {
                "max_subsidy_note": ValidationError(
                    _(
                        "The maximum subsidy %(stated)s differs from the programme's "
                        "rule (%(rule)s): explain why."
                    ),
                    code="differs_from_rule",
                    params={
                        "stated": _euros(max_subsidy_cents),
                        "rule": _euros(rule),
                    },
                )
            }
        )
    return max_subsidy_cents


@transaction.atomic
def create_project(
    *,
    programme: Programme,
    code: str,
    title: str,
    starts_on: date,
    ends_on: date,
    direct_costs_cents: int,
    max_subsidy_cents: int | None = None,
    max_subsidy_note: str = "",
    **details: Any,
) -> Project:
    """Create a project; ``details`` are the optional fields (requested subsidy, region,
    grant decision date…)."""
    project = Project(
        programme=programme,
        code=code,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        direct_costs_cents=direct_costs_cents,
        max_subsidy_cents=checked_max_subsidy_cents(
            programme=programme,
            direct_costs_cents=direct_costs_cents,
            max_subsidy_cents=max_subsidy_cents,
            max_subsidy_note=max_subsidy_note,
        ),
        max_subsidy_note=max_subsidy_note,
        **details,
    )
    return _saved(project)


def add_party(
    *, project: Project, name: str, role: str, organisation_id: int | None = None
) -> ProjectParty:
    party = ProjectParty(
        project=project, name=name, role=role, organisation_id=organisation_id
    )
    return _saved(party)


def add_activity(
    *, project: Project, name: str, category: str = "", position: int = 0
) -> Activity:
    activity = Activity(
        project=project, name=name, category=category, position=position
    )
    return _saved(activity)


def _checked_definition(kind: str, definition: Any) -> dict[str, Any] | None:
    if kind == IndicatorKind.COMPUTED:
        if definition is None:
            raise ValidationError(
                {
                    "definition": _(
                        "A computed indicator needs a definition over the registry."
                    )
                }
            )
        try:
            return facts.parse_definition(definition).to_json()
        except ValidationError as exc:
            raise ValidationError({"definition": exc.messages}) from exc
    if definition is not None:
        raise ValidationError(
            {"definition": _("Only a computed indicator has a definition.")}
        )
    return None


@transaction.atomic
def add_indicator(
    *,
    activity: Activity,
    name: str,
    unit: str,
    kind: str,
    position: int,
    definition: Any = None,
    target: Decimal | None = None,
) -> Indicator:
    """Add an indicator with its (original) target. A computed indicator's definition
    is checked against the published fact tables; its value is never typed in."""
    indicator = Indicator(
        activity=activity,
        name=name,
        unit=unit,
        kind=kind,
        position=position,
        definition=_checked_definition(kind, definition),
        deliverable_status=(
            DeliverableStatus.PLANNED if kind == IndicatorKind.DELIVERABLE else ""
        ),
    )
    indicator.full_clean()
    indicator.save()
    Target.objects.create(
        indicator=indicator, original_value=target, current_value=target
    )
    return indicator


def _require_evidence(evidence_note: str) -> None:
    if not evidence_note.strip():
        raise ValidationError(
            {"evidence_note": _("Say where the figure comes from (the evidence).")}
        )


def record_realised(
    *, indicator: Indicator, value: Decimal | None, evidence_note: str, actor: Actor
) -> Indicator:
    """Enter the realised value of a manual indicator or a deliverable, with evidence."""
    if indicator.kind == IndicatorKind.COMPUTED:
        raise ValidationError(
            {"realised_value": _("A computed value is counted, never typed in.")}
        )
    _require_evidence(evidence_note)
    indicator.realised_value = value
    indicator.evidence_note = evidence_note
    indicator.recorded_by = actor.user
    indicator.recorded_at = timezone.now()
    return _saved(indicator)


def set_deliverable_status(*, indicator: Indicator, status: str) -> Indicator:
    if indicator.kind != IndicatorKind.DELIVERABLE:
        raise ValidationError(
            {"deliverable_status": _("Only a deliverable has a status.")}
        )
    indicator.deliverable_status = status
    indicator.full_clean()
    indicator.save(update_fields=["deliverable_status", "updated_at"])
    return indicator


@transaction.atomic
def change_target(
    *,
    indicator: Indicator,
    new_value: Decimal | None,
    reason: str,
    kind: str,
    approver: str = "",
    changed_on: date | None = None,
    actor: Actor | None = None,
) -> TargetChange:
    """Record a change of the target (up, down, dropped, or of its target group) and
    make it the current target. An approved change request names its approver."""
    target = Target.objects.select_for_update().get(indicator=indicator)
    change = TargetChange(
        target=target,
        changed_on=changed_on,
        previous_value=target.current_value,
        new_value=new_value,
        reason=reason,
        kind=kind,
        approver=approver,
        recorded_by=actor.user if actor else None,
    )
    errors: dict[str, Any] = {}
    if kind == TargetChangeKind.CHANGE_REQUEST and not approver:
        errors["approver"] = _("An approved change request names who approved it.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the change.")
    if errors:
        raise ValidationError(errors)
    change.full_clean()
    change.save()
    target.current_value = new_value
    target.save(update_fields=["current_value", "updated_at"])
    return change


# --- The project page: what a project leader and the programme manager do ------------
class NotAllowed(PermissionDenied):
    """The actor's role or organisation may not do this to the project."""


def _require(allowed: bool, message: Any) -> None:
    if not allowed:
        raise NotAllowed(message)


def _project_of(indicator: Indicator) -> Project:
    return indicator.activity.project


@transaction.atomic
def enter_manual_value(
    *, actor: Actor, indicator: Indicator, value: Decimal | None, evidence_note: str
) -> Indicator:
    """A project leader enters the realised value of a manual indicator with its
    evidence; every entry is kept (``RealisedEntry``) for the auditor."""
    _require(
        may_manage_project(actor=actor, project=_project_of(indicator)),
        _("Only the project's leaders enter values."),
    )
    if indicator.kind != IndicatorKind.MANUAL:
        raise ValidationError(
            {"value": _("Only a manual indicator takes a value entered by hand.")}
        )
    record_realised(
        indicator=indicator, value=value, evidence_note=evidence_note, actor=actor
    )
    RealisedEntry.objects.create(
        indicator=indicator,
        value=value,
        evidence_note=evidence_note,
        recorded_by=actor.user,
    )
    return indicator


@transaction.atomic
def update_deliverable(
    *, actor: Actor, indicator: Indicator, status: str, evidence_note: str
) -> Indicator:
    """A project leader sets a deliverable's status (planned, draft, delivered) with a
    note on the document; delivered counts as 1 realised."""
    _require(
        may_manage_project(actor=actor, project=_project_of(indicator)),
        _("Only the project's leaders update deliverables."),
    )
    if status not in DeliverableStatus.values:
        raise ValidationError({"status": _("Choose planned, draft or delivered.")})
    set_deliverable_status(indicator=indicator, status=status)
    record_realised(
        indicator=indicator,
        value=Decimal(1) if status == DeliverableStatus.DELIVERED else None,
        evidence_note=evidence_note,
        actor=actor,
    )
    RealisedEntry.objects.create(
        indicator=indicator,
        deliverable_status=status,
        value=indicator.realised_value,
        evidence_note=evidence_note,
        recorded_by=actor.user,
    )
    return indicator


@transaction.atomic
def define_project(
    *,
    actor: Actor,
    programme: Programme,
    code: str,
    title: str,
    starts_on: date,
    ends_on: date,
    direct_costs_cents: int,
    max_subsidy_cents: int | None = None,
    max_subsidy_note: str = "",
) -> Project:
    """A project leader (or the funder's programme manager) defines a new project of
    the programme: the actor's organisation becomes its applicant and executor, so
    the project's leaders are that organisation's project leaders. The maximum
    subsidy is the programme's rule unless a different one is explained."""
    _require(
        may_create_project(actor=actor, programme=programme),
        no_new_project_reason(programme),
    )
    errors: dict[str, Any] = {}
    code = code.strip()
    if code and programme.projects.filter(code__iexact=code).exists():
        errors["code"] = _("The programme already has a project with this code.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The subsidy period ends before it starts.")
    try:  # every reason at once: the explanation of a stated maximum too
        checked_max_subsidy_cents(
            programme=programme,
            direct_costs_cents=direct_costs_cents,
            max_subsidy_cents=max_subsidy_cents,
            max_subsidy_note=max_subsidy_note,
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    project = create_project(
        programme=programme,
        code=code,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        direct_costs_cents=direct_costs_cents,
        max_subsidy_cents=max_subsidy_cents,
        max_subsidy_note=max_subsidy_note,
    )
    organisation = actor.organisation
    for role in (PartyRole.APPLICANT, PartyRole.EXECUTOR):
        add_party(
            project=project,
            name=organisation.name,
            role=role,
            organisation_id=organisation.pk,
        )
    return project


@transaction.atomic
def define_activity(
    *, actor: Actor, project: Project, name: str, category: str = ""
) -> Activity:
    """A project leader adds an activity (sub-project, pilot, track) at the end."""
    _require(
        may_manage_project(actor=actor, project=project),
        _("Only the project's leaders add activities."),
    )
    name = name.strip()
    activities = project.activities.all()
    if name and activities.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("The project already has an activity with this name.")}
        )
    last = activities.aggregate(last=models.Max("position"))["last"]
    return add_activity(
        project=project,
        name=name,
        category=category,
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def define_indicator(
    *,
    actor: Actor,
    activity: Activity,
    name: str,
    unit: str,
    kind: str,
    target: Decimal | None = None,
    table: str = "",
    measure: str = "",
    date_column: str = "",
    column: str = "",
) -> Indicator:
    """A project leader adds an indicator at the end of an activity, with its original
    target. A computed one is a definition over a published fact table (checked by
    ``common.facts``, so it cannot name a column that does not exist)."""
    _require(
        may_manage_project(actor=actor, project=activity.project),
        _("Only the project's leaders add indicators."),
    )
    name = name.strip()
    indicators = activity.indicators.all()
    errors: dict[str, Any] = {}
    if name and indicators.filter(name__iexact=name).exists():
        errors["name"] = _("The activity already has an indicator with this name.")
    definition = None
    if kind == IndicatorKind.COMPUTED:
        data = {"table": table, "measure": measure, "date_column": date_column}
        if column:
            data["column"] = column
        try:
            definition = facts.parse_definition(data).to_json()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:  # every reason at once, each at its field
        raise ValidationError(errors)
    last = indicators.aggregate(last=models.Max("position"))["last"]
    return add_indicator(
        activity=activity,
        name=name,
        unit=unit.strip(),
        kind=kind,
        position=0 if last is None else last + 1,
        definition=definition,
        target=target,
    )


# --- Changing and removing an activity or an indicator ------------------------------------
def _require_leader(actor: Actor, project: Project) -> None:
    _require(
        may_manage_project(actor=actor, project=project),
        _("Only the project's leaders change its activities and indicators."),
    )


@transaction.atomic
def update_activity(
    *, actor: Actor, activity: Activity, expected_version: int, **changes: Any
) -> Activity:
    """A project leader changes an activity's title or category (the version they
    saw: ConcurrentEditError when someone saved first); the title stays unique."""
    _require_leader(actor, activity.project)
    if "name" in changes:
        changes["name"] = str(changes["name"]).strip()
        others = activity.project.activities.exclude(pk=activity.pk)
        if others.filter(name__iexact=changes["name"]).exists():
            raise ValidationError(
                {"name": _("The project already has an activity with this name.")}
            )
    changed = apply_changes(activity, changes, allowed=ACTIVITY_EDITABLE_FIELDS)
    activity.full_clean(exclude=["project"], validate_unique=False)
    return save_versioned(activity, expected_version=expected_version, fields=changed)


@transaction.atomic
def update_indicator(
    *, actor: Actor, indicator: Indicator, expected_version: int, **changes: Any
) -> Indicator:
    """A project leader changes an indicator's name or unit (the version they saw);
    its target changes through a target change, its kind and definition not at all."""
    _require_leader(actor, _project_of(indicator))
    for key in ("name", "unit"):
        if key in changes:
            changes[key] = str(changes[key]).strip()
    if "name" in changes:
        others = indicator.activity.indicators.exclude(pk=indicator.pk)
        if others.filter(name__iexact=changes["name"]).exists():
            raise ValidationError(
                {"name": _("The activity already has an indicator with this name.")}
            )
    changed = apply_changes(indicator, changes, allowed=INDICATOR_EDITABLE_FIELDS)
    indicator.full_clean(exclude=["activity"], validate_unique=False)
    return save_versioned(indicator, expected_version=expected_version, fields=changed)


def removal_refusal(indicators: Sequence[Indicator], project: Project) -> str:
    """Why these indicators (one, or an activity's) may not be removed, or "": once
    something is recorded against them — a realised figure, a document, a target
    change, or a submitted report of the project — they stay, for the auditor."""
    ids = [i.pk for i in indicators]
    if any(i.realised_value is not None for i in indicators) or (
        RealisedEntry.objects.filter(indicator_id__in=ids).exists()
    ):
        return str(_("A realised figure has been recorded against it."))
    if DeliverableDocument.objects.filter(indicator_id__in=ids).exists():
        return str(_("A document of the deliverable has been uploaded."))
    if TargetChange.objects.filter(target__indicator_id__in=ids).exists():
        return str(_("A change of its target has been recorded."))
    if ids and project.period_reports.filter(submitted_at__isnull=False).exists():
        return str(_("The project has submitted a report that counts it."))
    return ""


def _refuse_removal(what: Any, reason: str) -> None:
    if reason:
        raise ValidationError(
            _("%(what)s cannot be removed: %(reason)s")
            % {"what": what, "reason": reason}
        )


@transaction.atomic
def remove_activity(*, actor: Actor, activity: Activity) -> None:
    """A project leader removes an activity with its indicators, only while nothing
    has been recorded against any of them (``removal_refusal``)."""
    _require_leader(actor, activity.project)
    Activity.objects.select_for_update().filter(pk=activity.pk).get()
    indicators = list(activity.indicators.all())
    _refuse_removal(_("The activity"), removal_refusal(indicators, activity.project))
    activity.delete()


@transaction.atomic
def remove_indicator(*, actor: Actor, indicator: Indicator) -> None:
    """A project leader removes an indicator, only while nothing has been recorded
    against it (``removal_refusal``)."""
    project = _project_of(indicator)
    _require_leader(actor, project)
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _refuse_removal(_("The indicator"), removal_refusal([locked], project))
    indicator.delete()


def max_document_bytes() -> int:
    """The largest deliverable document the upload takes (``REGIOWERK_DOCUMENT_MAX_MB``)."""
    return int(settings.REGIOWERK_DOCUMENT_MAX_MB) * 1024 * 1024


def check_document(upload: UploadedFile) -> None:
    """Refuse a file that is not a document, empty, or too large, before it is read."""
    name = (upload.name or "").lower()
    if not name.endswith(DOCUMENT_EXTENSIONS):
        raise ValidationError(
            {
                "file": _("Choose a document (%(types)s).")
                % {"types": ", ".join(DOCUMENT_EXTENSIONS)}
            }
        )
    if not upload.size:
        raise ValidationError({"file": _("The file is empty.")})
    limit = max_document_bytes()
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is larger than %(max)s MB.")
                % {"max": limit // (1024 * 1024)}
            }
        )


@transaction.atomic
def upload_deliverable_document(
    *, actor: Actor, indicator: Indicator, file: UploadedFile, note: str = ""
) -> DeliverableDocument:
    """A project leader adds a version of a deliverable's document. Earlier versions
    are kept; two uploads at the same moment get consecutive versions."""
    _require(
        may_manage_project(actor=actor, project=_project_of(indicator)),
        _("Only the project's leaders add documents."),
    )
    if indicator.kind != IndicatorKind.DELIVERABLE:
        raise ValidationError(
            {"file": _("Only a deliverable has documents.")}, code="not_deliverable"
        )
    check_document(file)
    # Lock the indicator: concurrent uploads wait here and then see each other.
    Indicator.objects.select_for_update().filter(pk=indicator.pk).get()
    latest = indicator.documents.aggregate(latest=models.Max("version"))["latest"]
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    document = DeliverableDocument(
        indicator=indicator,
        version=(latest or 0) + 1,
        name=(file.name or "")[-255:],
        size=file.size or 0,
        sha256=digest.hexdigest(),
        note=note,
        uploaded_by=actor.user,
    )
    document.file.save(file.name or "document", file, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)  # no stored file without its row
        raise
    return document


@transaction.atomic
def propose_target_change(
    *,
    actor: Actor,
    indicator: Indicator,
    reason: str,
    kind: str,
    changed_on: date | None,
    new_value: Decimal | None = None,
    approver: str = "",
    drops_target: bool = False,
) -> TargetChange:
    """A project leader records a target change as agreed with the funder (the day
    it was agreed, reason, kind, who approved it outside regiowerk). Dropping the
    target is said explicitly (``drops_target``, no new value): an empty new value is
    a missing one, never a dropped target. It waits for the programme manager's
    approval in regiowerk before it becomes the current target."""
    project = _project_of(indicator)
    _require(
        may_manage_project(actor=actor, project=project),
        _("Only the project's leaders propose target changes."),
    )
    errors: dict[str, Any] = {}
    if kind not in TargetChangeKind.values:
        errors["kind"] = _("Choose the kind of change.")
    elif kind == TargetChangeKind.CHANGE_REQUEST and not approver:
        errors["approver"] = _("An approved change request names who approved it.")
    if approver and approver not in Approver.values:
        errors["approver"] = _("Choose who approved the change.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the change.")
    if changed_on is None:
        errors["changed_on"] = _("Give the day the change was agreed with the funder.")
    elif changed_on > timezone.localdate():
        errors["changed_on"] = _("The date of the change cannot lie in the future.")
    if drops_target and new_value is not None:
        errors["new_value"] = _("A dropped target has no new value: leave it empty.")
    elif not drops_target and new_value is None:
        errors["new_value"] = _(
            "Enter the new target, or mark that the target is dropped."
        )
    if errors:
        raise ValidationError(errors)
    target = Target.objects.select_for_update().get(indicator=indicator)
    if new_value == target.current_value:
        raise ValidationError(
            {"new_value": _("The new target equals the current target.")}
        )
    change = TargetChange(
        target=target,
        changed_on=changed_on,
        previous_value=target.current_value,
        new_value=new_value,
        reason=reason,
        kind=kind,
        approver=approver,
        recorded_by=actor.user,
        status=TargetChangeStatus.PENDING,
    )
    return _saved(change)


def _decide(actor: Actor, change: TargetChange) -> Target:
    target = Target.objects.select_for_update().get(pk=change.target_id)
    _require(
        may_approve_target_changes(
            actor=actor, project=target.indicator.activity.project
        ),
        _("Only the programme manager of the funder approves target changes."),
    )
    if change.status != TargetChangeStatus.PENDING:
        raise ValidationError(
            {"status": _("This change was already approved or rejected.")}
        )
    return target


@transaction.atomic
def approve_target_change(*, actor: Actor, change: TargetChange) -> TargetChange:
    """The programme manager approves a proposed change: it becomes the current target
    (from whatever the target is now)."""
    target = _decide(actor, change)
    change.previous_value = target.current_value
    change.status = TargetChangeStatus.APPROVED
    change.decided_by = actor.user
    change.decided_at = timezone.now()
    change.save()
    target.current_value = change.new_value
    target.save(update_fields=["current_value", "updated_at"])
    return change


@transaction.atomic
def reject_target_change(*, actor: Actor, change: TargetChange) -> TargetChange:
    """The programme manager rejects a proposed change: the target stays as it is."""
    _decide(actor, change)
    change.status = TargetChangeStatus.REJECTED
    change.decided_by = actor.user
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return change


# --- Costs and budget: what a project leader enters ------------------------------------
def _require_cost_manager(actor: Actor, project: Project) -> None:
    _require(
        may_manage_project(actor=actor, project=project),
        _("Only the project's leaders enter costs and the budget."),
    )


def _outside_period(project: Project, day: date) -> Any:
    """The error for a cost dated outside the subsidy period, or None."""
    if day in project.period:
        return None
    return _("The date lies outside the subsidy period (%(start)s – %(end)s).") % {
        "start": f"{project.starts_on:%d-%m-%Y}",
        "end": f"{project.ends_on:%d-%m-%Y}",
    }


@transaction.atomic
def add_cost_entry(
    *,
    actor: Actor,
    project: Project,
    kind: str,
    entered_on: date,
    description: str,
    evidence_note: str,
    hours: Decimal | None = None,
    hourly_rate_cents: int | None = None,
    amount_cents: int | None = None,
) -> CostEntry:
    """A project leader enters a project-level cost with its evidence: staff hours
    (the amount is hours times the hourly rate) or material (an amount)."""
    _require_cost_manager(actor, project)
    if kind not in CostKind.values:
        raise ValidationError({"kind": _("Choose staff hours or material.")})
    _require_evidence(evidence_note)
    errors: dict[str, Any] = {}
    if outside := _outside_period(project, entered_on):
        errors["entered_on"] = outside
    if kind == CostKind.STAFF:
        if hours is None or hours <= 0:
            errors["hours"] = _("Enter the hours worked (more than 0).")
        if hourly_rate_cents is None:
            errors["hourly_rate_cents"] = _("Enter the hourly rate.")
        if hours is not None and hourly_rate_cents is not None and hours > 0:
            amount_cents = rules.staff_cost_cents(hours, hourly_rate_cents)
    else:
        hours = hourly_rate_cents = None
        if amount_cents is None or amount_cents <= 0:
            errors["amount_cents"] = _("Enter the amount (more than € 0).")
    if errors or amount_cents is None:
        raise ValidationError(errors)
    return _saved(
        CostEntry(
            project=project,
            kind=kind,
            entered_on=entered_on,
            description=description,
            hours=hours,
            hourly_rate_cents=hourly_rate_cents,
            amount_cents=amount_cents,
            evidence_note=evidence_note,
            recorded_by=actor.user,
        )
    )


@transaction.atomic
def add_co_financing(
    *,
    actor: Actor,
    project: Project,
    source: str,
    status: str,
    entered_on: date,
    amount_cents: int,
    evidence_note: str,
) -> CoFinancing:
    """A project leader records co-financing from a source: pledged or received."""
    _require_cost_manager(actor, project)
    if status not in CoFinancingStatus.values:
        raise ValidationError({"status": _("Choose pledged or received.")})
    _require_evidence(evidence_note)
    if amount_cents <= 0:
        raise ValidationError({"amount_cents": _("Enter the amount (more than € 0).")})
    return _saved(
        CoFinancing(
            project=project,
            source=source.strip(),
            status=status,
            entered_on=entered_on,
            amount_cents=amount_cents,
            evidence_note=evidence_note,
            recorded_by=actor.user,
        )
    )


@transaction.atomic
def set_planned_spending(
    *, actor: Actor, project: Project, amounts: Mapping[date, int | None]
) -> None:
    """A project leader sets the planned spending per reporting period (keyed by the
    period's first day; None clears it): the budget curve, which need not be even. The
    plan may not exceed the budgeted direct costs."""
    _require_cost_manager(actor, project)
    cadence = rules.Cadence(project.programme.reporting_cadence)
    starts = {p.start for p in rules.reporting_periods(project.period, cadence)}
    unknown = sorted(set(amounts) - starts)
    if unknown:
        raise ValidationError(
            {
                "amounts": _(
                    "%(day)s does not start a reporting period of the project."
                )
                % {"day": f"{unknown[0]:%d-%m-%Y}"}
            }
        )
    if any(cents is not None and cents < 0 for cents in amounts.values()):
        raise ValidationError({"amounts": _("A planned amount cannot be negative.")})
    current = {
        plan.period_start: plan.amount_cents
        for plan in PlannedSpending.objects.filter(project=project)
    }
    merged = {**current, **amounts}
    total = sum(cents or 0 for cents in merged.values())
    if total > project.direct_costs_cents:
        raise ValidationError(
            {
                "amounts": _(
                    "The planned spending (%(total)s) exceeds the budgeted direct "
                    "costs (%(budget)s)."
                )
                % {"total": _euros(total), "budget": _euros(project.direct_costs_cents)}
            }
        )
    for day, cents in amounts.items():
        if cents is None:
            PlannedSpending.objects.filter(project=project, period_start=day).delete()
        else:
            PlannedSpending.objects.update_or_create(
                project=project,
                period_start=day,
                defaults={"amount_cents": cents, "recorded_by": actor.user},
            )


@transaction.atomic
def withdraw_money_entry(
    *, actor: Actor, entry: CostEntry | CoFinancing, reason: str
) -> CostEntry | CoFinancing:
    """A project leader withdraws a wrong cost or co-financing entry with the reason;
    it stays in the trail (who, when, why) and no longer counts."""
    _require_cost_manager(actor, entry.project)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the entry is withdrawn.")})
    now = timezone.now()
    changes = {
        "withdrawn_at": now,
        "withdrawn_by": actor.user,
        "withdrawal_reason": reason.strip(),
    }
    # one conditional update: of two withdrawals at once, only the first counts
    done = (
        type(entry)
        .objects.filter(pk=entry.pk, withdrawn_at__isnull=True)
        .update(**changes, updated_at=now)
    )
    if not done:
        raise ValidationError({"reason": _("This entry has already been withdrawn.")})
    for name, value in changes.items():
        setattr(entry, name, value)
    return entry


# --- Import of a programme as published data (DWSRA) --------------------------------------
DWSRA = {
    "code": "dwsra-2016",
    "name": "DWSRA 2016",
    "funder": "Ministerie van Sociale Zaken en Werkgelegenheid",
    "regulation": "DWSRA-regeling (Duurzame Werkgelegenheid en Sectorale en Regionale Arbeidsmarktknelpunten)",
}
# Units the evaluation uses for products rather than counts: these become deliverables.
DELIVERABLE_UNITS = frozenset(
    {
        "deliverable",
        "deliverable (per year)",
        "report",
        "reports",
        "documents",
        "qualitative",
    }
)


@dataclass(frozen=True)
class ImportSummary:
    projects: int
    activities: int
    indicators: int
    written: int  # rows created or changed by this run: 0 when nothing changed


class _Writer:
    """Create or update rows so that a second run with the same data writes nothing."""

    def __init__(self) -> None:
        self.written = 0

    def put(
        self,
        model: type[M],
        lookup: Mapping[str, Any],
        values: Mapping[str, Any],
        **on_create: Any,
    ) -> M:
        row = model._default_manager.filter(**lookup).first()
        if row is None:
            row = model(**lookup, **values, **on_create)
        elif all(getattr(row, k) == v for k, v in values.items()):
            return row
        else:
            for key, value in values.items():
                setattr(row, key, value)
        # Field checks here; uniqueness, check constraints and foreign keys are the
        # database's (one query each per row otherwise), and any failure rolls back
        # the whole import.
        row.full_clean(
            exclude=[f.name for f in model._meta.fields if f.is_relation],
            validate_unique=False,
            validate_constraints=False,
        )
        row.save()
        self.written += 1
        return row


def _cents(euros: int | None) -> int | None:
    return None if euros is None else euros * 100


def _value(number: int | float | None) -> Decimal | None:
    return None if number is None else Decimal(str(number)).quantize(Decimal("0.01"))


def _lines(source: Mapping[str, Any]) -> str:
    lines = (
        source.get("line_range")
        or source.get("section_lines")
        or source.get("source_lines")
    )
    if (
        isinstance(lines, Sequence)
        and len(lines) == 2
        and all(isinstance(n, int) for n in lines)
    ):
        return f", regels {lines[0]}–{lines[1]}"
    return ""


def _evidence(item: Mapping[str, Any], annex: str) -> str:
    parts = [f"Bron: {annex}, regel {item['source_line']}."]
    for key in ("realised_text", "note"):
        if item.get(key):
            parts.append(str(item[key]))
    return " ".join(parts)


def _max_subsidy_note(project: Mapping[str, Any], rule_cents: int) -> str:
    stated = _cents(project["max_subsidy_eur"])
    if stated == rule_cents:
        return ""
    note = project.get("max_subsidy_note") or ""
    return (
        f"Maximale subsidie zoals vermeld in de bron ({project.get('annex', '')}); "
        f"de regel geeft {_euros(rule_cents)}. {note}"
    ).strip()


@transaction.atomic
def import_programme(
    *, projects: Sequence[Mapping[str, Any]], programme: Mapping[str, Any] = DWSRA
) -> ImportSummary:
    """Create or bring up to date a programme with its projects, parties, activities,
    indicators (manual or deliverable) and targets from published data in the layout of
    ``../shared/data/dwsra/projects.json``. Idempotent: a second run writes nothing.
    Source lines go into the evidence notes, so every figure can be traced. When every
    project has ended, the programme is recorded as closed at the last one's end (the
    published figures are its final accounts), so no period report is overdue."""
    writer = _Writer()
    last_end = max(
        (rules.parse_partial_date(p["period_end"], end=True) for p in projects),
        default=None,
    )
    the_programme = writer.put(
        Programme,
        {"code": programme["code"]},
        {
            **{k: v for k, v in programme.items() if k != "code"},
            # published figures of a programme whose projects have all ended are its
            # final accounts: closed at the last project's end, no reports due
            "closed_on": last_end
            if last_end and last_end < timezone.localdate()
            else None,
        },
    )
    activities = indicators = 0
    for data in projects:
        annex = str(data.get("annex", ""))
        direct_costs_cents = int(data["direct_costs_eur"]) * 100
        rule_cents = the_programme.rule_max_subsidy_cents(direct_costs_cents)
        note = _max_subsidy_note(data, rule_cents)
        max_cents = checked_max_subsidy_cents(
            programme=the_programme,
            direct_costs_cents=direct_costs_cents,
            max_subsidy_cents=_cents(data["max_subsidy_eur"]),
            max_subsidy_note=note,
        )
        project = writer.put(
            Project,
            {"programme": the_programme, "code": data["code"]},
            {
                "project_number": data.get("project_number") or "",
                "title": data["title"],
                "region_or_sector": data.get("sector_or_region") or "",
                "starts_on": rules.parse_partial_date(data["period_start"], end=False),
                "ends_on": rules.parse_partial_date(data["period_end"], end=True),
                "direct_costs_cents": direct_costs_cents,
                "max_subsidy_cents": max_cents,
                "max_subsidy_note": note,
                "requested_subsidy_cents": _cents(data.get("requested_subsidy_eur")),
                "target_groups": list(data.get("target_groups") or []),
                "source_reference": f"{annex}{_lines(data)}"[:200],
            },
        )
        parties = [
            (PartyRole.APPLICANT, data.get("applicant")),
            (PartyRole.EXECUTOR, data.get("executor")),
        ]
        parties += [(PartyRole.PARTNER, name) for name in data.get("partners") or []]
        for role, name in parties:
            if name:
                writer.put(
                    ProjectParty,
                    {"project": project, "role": role, "name": str(name)[:300]},
                    {},
                )
        positions: dict[str, int] = {}
        by_activity: dict[str, list[Mapping[str, Any]]] = {}
        for item in data["indicators"]:
            positions.setdefault(item["activity"], len(positions))
            by_activity.setdefault(item["activity"], []).append(item)
        for name, items in by_activity.items():
            activity = writer.put(
                Activity,
                {"project": project, "name": name[:300]},
                {"position": positions[name]},
            )
            activities += 1
            for position, item in enumerate(items):
                indicators += 1
                _import_indicator(writer, activity, position, item, annex)
    return ImportSummary(
        projects=len(projects),
        activities=activities,
        indicators=indicators,
        written=writer.written,
    )


def _import_indicator(
    writer: _Writer,
    activity: Activity,
    position: int,
    item: Mapping[str, Any],
    annex: str,
) -> None:
    is_deliverable = item["unit"] in DELIVERABLE_UNITS
    realised = _value(item.get("realised"))
    indicator = writer.put(
        Indicator,
        {"activity": activity, "position": position},
        {
            "name": item["indicator"][:300],
            "unit": item["unit"][:60],
            "kind": IndicatorKind.DELIVERABLE
            if is_deliverable
            else IndicatorKind.MANUAL,
            "realised_value": realised,
            "evidence_note": _evidence(item, annex),
            "deliverable_status": (
                (DeliverableStatus.DELIVERED if realised else DeliverableStatus.PLANNED)
                if is_deliverable
                else ""
            ),
        },
        recorded_at=timezone.now(),
    )
    original, revised = _value(item.get("target")), _value(item.get("revised_target"))
    current = revised if revised is not None else original
    target = writer.put(
        Target,
        {"indicator": indicator},
        {"original_value": original, "current_value": current},
    )
    if revised is not None:
        writer.put(
            TargetChange,
            {"target": target, "previous_value": original, "new_value": revised},
            {
                "kind": TargetChangeKind.INFORMAL_CONSULTATION,
                "reason": (
                    f"Bijgesteld volgens de evaluatie ({annex}, regel {item['source_line']}); "
                    "de bron zegt niet altijd hoe de wijziging is afgesproken. "
                    f"{item.get('note') or ''}"
                ).strip(),
            },
        )


@transaction.atomic
def submit_report(
    *, actor: Actor, project: Project, period_start: date, note: str = ""
) -> PeriodReport:
    """A project leader submits the report over an ended reporting period (once)."""
    _require(
        may_manage_project(actor=actor, project=project),
        _("Only the project's leaders submit its reports."),
    )
    cadence = rules.Cadence(project.programme.reporting_cadence)
    period = next(
        (
            p
            for p in rules.reporting_periods(project.period, cadence)
            if p.start == period_start
        ),
        None,
    )
    if period is None:
        raise ValidationError(
            {"period_start": _("This is not a reporting period of the project.")}
        )
    if period.end >= timezone.localdate():
        raise ValidationError(
            {"period_start": _("The period has not ended: report on it afterwards.")}
        )
    report, _created = PeriodReport.objects.select_for_update().get_or_create(
        project=project, period_start=period.start, defaults={"period_end": period.end}
    )
    if report.submitted_at is not None:
        raise ValidationError(
            {
                "period_start": _("This report was already submitted on %(date)s.")
                % {"date": formats.date_format(report.submitted_at.date(), "j F Y")}
            }
        )
    report.submitted_at = timezone.now()
    report.submitted_by = actor.user
    report.note = note
    report.save(update_fields=["submitted_at", "submitted_by", "note", "updated_at"])
    return report


# --- Eligibility rules of a programme ----------------------------------------------------
def _require_rule_editor(actor: Actor, programme: Programme) -> None:
    _require(
        may_edit_eligibility(actor=actor, programme=programme),
        _("Only the funder's programme manager sets the programme's rules."),
    )


@transaction.atomic
def add_eligibility_rule(
    *,
    actor: Actor,
    programme: Programme,
    kind: str,
    months: int | None = None,
    years: int | None = None,
    statuses: Sequence[str] = (),
) -> EligibilityRule:
    """The programme manager adds a rule that decides who counts for the funder."""
    _require_rule_editor(actor, programme)
    errors: dict[str, Any] = {}
    if kind not in EligibilityRuleKind.values:
        errors["kind"] = _("Choose a rule.")
    elif kind == EligibilityRuleKind.MAX_MONTHS_ON_WW and months is None:
        errors["months"] = _("Give the number of months.")
    elif kind == EligibilityRuleKind.MIN_AGE_AT_START and years is None:
        errors["years"] = _("Give the age in years.")
    elif kind == EligibilityRuleKind.LABOUR_STATUS_AT_START and not statuses:
        errors["statuses"] = _("Choose at least one labour status.")
    unknown = sorted(set(statuses) - set(LabourStatus.values))
    if unknown:
        errors["statuses"] = _("Unknown labour status: %(values)s.") % {
            "values": ", ".join(unknown)
        }
    if errors:
        raise ValidationError(errors)
    parameters: dict[str, dict[str, Any]] = {
        EligibilityRuleKind.MAX_MONTHS_ON_WW: {"months": months},
        EligibilityRuleKind.MIN_AGE_AT_START: {"years": years},
        EligibilityRuleKind.LABOUR_STATUS_AT_START: {"statuses": sorted(statuses)},
    }
    keeps = parameters.get(kind, {})
    last = programme.eligibility_rules.order_by("-position").first()
    rule = EligibilityRule(
        programme=programme,
        kind=kind,
        position=last.position + 1 if last else 0,
        recorded_by=actor.user,
        **keeps,
    )
    return _saved(rule)


def remove_eligibility_rule(*, actor: Actor, rule: EligibilityRule) -> None:
    _require_rule_editor(actor, rule.programme)
    rule.delete()
