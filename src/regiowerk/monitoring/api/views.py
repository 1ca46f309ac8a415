"""REST API of programme monitoring: one view per operation; views only translate.

The same rights as the web pages (``monitoring.permissions``): programmes and their
overview for the monitoring roles; a project, its indicators and reports for its
parties' and its funder's monitoring roles (an unknown and a forbidden project are the
same 404); who changed what not for analysts (403); values and target changes entered
by the project's leaders, approved by the funder's programme manager (403 otherwise,
with the reason). The reports come from the frozen structures the page, PDF and Excel
render, so the API reports the same figures.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from regiowerk.common.api import NOT_FOUND, BaseApi, validated
from regiowerk.common.exceptions import NotFoundOrNoAccess
from regiowerk.monitoring import (
    actions,
    permissions,
    programme_report,
    queries,
    reports,
    suppression,
    trace,
)
from regiowerk.monitoring.api.serializers import (
    ActivityCreateInputSerializer,
    ActivityOutputSerializer,
    ActivityUpdateInputSerializer,
    DecisionInputSerializer,
    DeliverableInputSerializer,
    IndicatorCreateInputSerializer,
    IndicatorOutputSerializer,
    IndicatorUpdateInputSerializer,
    IndicatorValuesSerializer,
    ManualValueInputSerializer,
    PeriodFilterSerializer,
    ProgrammeOutputSerializer,
    ProgrammeOverviewSerializer,
    ProjectCreateInputSerializer,
    ProjectDetailOutputSerializer,
    ProjectFilterSerializer,
    ProjectMonitorSerializer,
    ProjectOutputSerializer,
    TargetChangeInputSerializer,
    TargetChangeOutputSerializer,
    TraceFilterSerializer,
    TraceSerializer,
)
from regiowerk.monitoring.constants import IndicatorKind
from regiowerk.monitoring.models import (
    Activity,
    Indicator,
    Programme,
    Project,
    TargetChange,
)
from regiowerk.organisations.queries import Actor
from regiowerk.organisations.web import Output, api_actor, change_api, read_api

# The records named in a path, for the API operations (``organisations.web``): a
# project the actor may read, and an indicator or target change of it (the tuple of
# the path's ids). Unknown and forbidden are the same 404.


def _programme(actor: Actor, pk: int, write: bool = False) -> Programme:
    return queries.get_programme(actor=actor, programme_id=pk)


def _project_record(actor: Actor, pk: int, write: bool = False) -> Project:
    return queries.get_project(actor=actor, project_id=pk)


def _indicator(actor: Actor, ids: tuple[int, int], write: bool = False) -> Indicator:
    project_id, indicator_id = ids
    project = queries.get_project(actor=actor, project_id=project_id)
    return queries.get_indicator(project=project, indicator_id=indicator_id)


def _target_change(
    actor: Actor, ids: tuple[int, int], write: bool = False
) -> TargetChange:
    project_id, change_id = ids
    project = queries.get_project(actor=actor, project_id=project_id)
    return queries.get_target_change(project=project, change_id=change_id)


def _programme_for_project(actor: Actor, pk: int, write: bool = False) -> Programme:
    # the page's refusal before the body is read: who may not define a project here
    programme = queries.get_programme(actor=actor, programme_id=pk)
    if not permissions.may_create_project(actor=actor, programme=programme):
        raise PermissionDenied(permissions.no_new_project_reason(programme))
    return programme


def _managed_project(actor: Actor, pk: int, refusal: str) -> Project:
    # as the pages: a project one may not read is 404, one one may not manage 403
    project = queries.get_project(actor=actor, project_id=pk)
    if not permissions.may_manage_project(actor=actor, project=project):
        raise PermissionDenied(refusal)
    return project


def _project_for_activity(actor: Actor, pk: int, write: bool = False) -> Project:
    return _managed_project(actor, pk, _("Only the project's leaders add activities."))


def _activity_for_indicator(
    actor: Actor, ids: tuple[int, int], write: bool = False
) -> Activity:
    project_id, activity_id = ids
    project = _managed_project(
        actor, project_id, _("Only the project's leaders add indicators.")
    )
    return queries.get_activity(project=project, activity_id=activity_id)


# --- Programmes ----------------------------------------------------------------------------


class ProgrammeListApi(BaseApi):
    @extend_schema(
        responses=ProgrammeOutputSerializer(many=True),
        summary="Programmes (for the monitoring roles)",
    )
    def get(self, request: Request) -> Response:
        queries.check_sees_monitoring(api_actor(request))
        return self.paginated(queries.programmes(), ProgrammeOutputSerializer)


class ProgrammeDetailApi(BaseApi):
    get = read_api(_programme, ProgrammeOutputSerializer)


class ProgrammeOverviewApi(BaseApi):
    @extend_schema(
        responses=ProgrammeOverviewSerializer,
        summary="The programme overview: every project's budget, % of the maximum "
        "requested, targets met / revised / missed (the page's figures)",
    )
    def get(self, request: Request, programme_id: int) -> Response:
        actor = api_actor(request)
        programme = queries.get_programme(actor=actor, programme_id=programme_id)
        overview = programme_report.programme_overview(
            programme, actor=actor, today=timezone.localdate()
        )
        return Response(ProgrammeOverviewSerializer(overview).data)


# --- Projects ------------------------------------------------------------------------------


def _project(request: Request, project_id: int) -> tuple[Actor, Project]:
    actor = api_actor(request)
    return actor, queries.get_project(actor=actor, project_id=project_id)


class ProjectListApi(BaseApi):
    @extend_schema(
        parameters=[ProjectFilterSerializer],
        responses=ProjectOutputSerializer(many=True),
        summary="The projects you may read (your organisation takes part or funds "
        "the programme)",
    )
    def get(self, request: Request) -> Response:
        actor = api_actor(request)
        filters = validated(ProjectFilterSerializer, request.query_params)
        rows = queries.readable_projects(actor)
        if "programme" in filters:
            rows = rows.filter(programme__code=filters["programme"])
        return self.paginated(
            rows.order_by("programme__name", "code", "pk"), ProjectOutputSerializer
        )


class ProjectDetailApi(BaseApi):
    get = read_api(_project_record, ProjectDetailOutputSerializer)


class ProjectCreateApi(BaseApi):
    post = change_api(
        _programme_for_project,
        lambda actor, programme, data: actions.define_project(
            actor=actor, programme=programme, **data
        ),
        ProjectDetailOutputSerializer,
        input=ProjectCreateInputSerializer,
        created=True,
        show=_project_record,
        summary="Define a project of the programme (a project leader of any "
        "organisation, or the funder's programme manager; their organisation becomes "
        "its applicant and executor); the maximum subsidy defaults to the rule",
    )


class ActivityCreateApi(BaseApi):
    post = change_api(
        _project_for_activity,
        lambda actor, project, data: actions.define_activity(
            actor=actor, project=project, **data
        ),
        ActivityOutputSerializer,
        input=ActivityCreateInputSerializer,
        created=True,
        summary="Add an activity at the end of the project (the project's leaders)",
    )


class IndicatorCreateApi(BaseApi):
    post = change_api(
        _activity_for_indicator,
        lambda actor, activity, data: actions.define_indicator(
            actor=actor, activity=activity, **data
        ),
        IndicatorOutputSerializer,
        input=IndicatorCreateInputSerializer,
        created=True,
        summary="Add an indicator at the end of the activity with its original "
        "target: manual, deliverable, or computed over a published fact table (the "
        "project's leaders)",
    )


class ActivityListApi(BaseApi):
    @extend_schema(
        responses=ActivityOutputSerializer(many=True),
        summary="The project's activities",
    )
    def get(self, request: Request, project_id: int) -> Response:
        _actor, project = _project(request, project_id)
        return self.paginated(
            project.activities.order_by("position", "name", "pk"),
            ActivityOutputSerializer,
        )


class ProjectMonitorApi(BaseApi):
    @extend_schema(
        parameters=[PeriodFilterSerializer],
        responses=ProjectMonitorSerializer,
        summary="The quarterly monitor: original, current and realised per indicator, "
        "per period (the figures of the page, PDF and Excel)",
    )
    def get(self, request: Request, project_id: int) -> Response:
        actor, project = _project(request, project_id)
        index = _period_index(request, project)
        report = reports.project_monitor(
            project,
            period_index=index,
            today=timezone.localdate(),
            with_trail=permissions.may_read_trail(actor=actor, project=project),
        )
        report = suppression.monitor(report, actor=actor, project=project)
        return Response(ProjectMonitorSerializer(report).data)


def _period_index(request: Request, project: Project) -> int | None:
    """``?period=``: an index of the project's reporting periods (400 beyond them)."""
    index: int | None = validated(PeriodFilterSerializer, request.query_params).get(
        "period"
    )
    count = len(reports.reporting_periods(project))
    if index is not None and index >= count:
        raise ValidationError(
            {
                "period": _(
                    "The project has %(count)s reporting periods: 0 to %(last)s."
                )
                % {"count": count, "last": count - 1}
            }
        )
    return index


# --- Indicators ----------------------------------------------------------------------------


class IndicatorListApi(BaseApi):
    @extend_schema(
        responses=IndicatorOutputSerializer(many=True),
        summary="The project's indicators with their original and current targets",
    )
    def get(self, request: Request, project_id: int) -> Response:
        _actor, project = _project(request, project_id)
        return self.paginated(
            queries.indicators_of(project).select_related("recorded_by"),
            IndicatorOutputSerializer,
        )


class IndicatorDetailApi(BaseApi):
    get = read_api(_indicator, IndicatorOutputSerializer)


class IndicatorValuesApi(BaseApi):
    @extend_schema(
        parameters=[PeriodFilterSerializer],
        responses=IndicatorValuesSerializer,
        summary="An indicator's values per reporting period, realised up to the chosen "
        "period and how it was counted (as the quarterly monitor has them)",
    )
    def get(self, request: Request, project_id: int, indicator_id: int) -> Response:
        actor, project = _project(request, project_id)
        indicator = queries.get_indicator(project=project, indicator_id=indicator_id)
        index, today = _period_index(request, project), timezone.localdate()
        line, periods = reports.indicator_line(
            indicator, project, period_index=index, today=today
        )
        period, as_of = reports.chosen_period(periods, index, today)
        line = suppression.indicator_line(
            line, period.index, actor=actor, project=project, as_of=as_of
        )
        return Response(
            IndicatorValuesSerializer({"periods": periods, "line": line}).data
        )


class IndicatorTraceApi(BaseApi):
    @extend_schema(
        parameters=[TraceFilterSerializer],
        responses={200: TraceSerializer, 404: NOT_FOUND},
        summary="How a computed indicator's figure was counted: definition, "
        "organisations, period, persons counted (the persons for casework roles)",
    )
    def get(self, request: Request, project_id: int, indicator_id: int) -> Response:
        actor, project = _project(request, project_id)
        indicator = queries.get_indicator(project=project, indicator_id=indicator_id)
        if indicator.kind != IndicatorKind.COMPUTED:
            raise NotFoundOrNoAccess
        span = validated(TraceFilterSerializer, request.query_params).get("span")
        found = trace.indicator_trace(
            actor=actor,
            project=project,
            indicator=indicator,
            period_index=_period_index(request, project),
            span=trace.IN_PERIOD if span == "period" else trace.CUMULATIVE,
            today=timezone.localdate(),
        )
        found = suppression.trace(found, actor=actor, project=project)
        return Response(TraceSerializer(found).data)


def _indicator_change(
    action: Callable[..., Any], output: Output, **options: Any
) -> Callable[..., Response]:
    """The POST of ``action(actor=, indicator=, **body)`` on the indicator in the path."""
    return change_api(
        _indicator,
        lambda actor, indicator, data: action(actor=actor, indicator=indicator, **data),
        output,
        **options,
    )


class ManualValueApi(BaseApi):
    post = _indicator_change(
        actions.enter_manual_value,
        IndicatorOutputSerializer,
        input=ManualValueInputSerializer,
        summary="Enter a manual indicator's realised value with its evidence (the "
        "project's leaders)",
    )


class DeliverableUpdateApi(BaseApi):
    post = _indicator_change(
        actions.update_deliverable,
        IndicatorOutputSerializer,
        input=DeliverableInputSerializer,
        summary="Set a deliverable's status with a note on the document (the "
        "project's leaders)",
    )


# --- Target changes ------------------------------------------------------------------------


class TargetChangeListApi(BaseApi):
    @extend_schema(
        responses=TargetChangeOutputSerializer(many=True),
        summary="Every target change of the project with who recorded and decided it "
        "(not for analysts)",
    )
    def get(self, request: Request, project_id: int) -> Response:
        actor, project = _project(request, project_id)
        if not permissions.may_read_trail(actor=actor, project=project):
            raise PermissionDenied(_("Your role does not see who changed what."))
        return self.paginated(
            queries.target_changes_of(project), TargetChangeOutputSerializer
        )


class TargetChangeProposeApi(BaseApi):
    post = _indicator_change(
        actions.propose_target_change,
        TargetChangeOutputSerializer,
        input=TargetChangeInputSerializer,
        created=True,
        summary="Propose a target change as agreed with the funder (the project's "
        "leaders); it waits for the programme manager's approval",
    )


def _decide(actor: Actor, change: TargetChange, data: dict[str, Any]) -> TargetChange:
    decide = (
        actions.approve_target_change
        if data["decision"] == "approve"
        else actions.reject_target_change
    )
    return decide(actor=actor, change=change)


class TargetChangeDecideApi(BaseApi):
    post = change_api(
        _target_change,
        _decide,
        TargetChangeOutputSerializer,
        input=DecisionInputSerializer,
        summary="Approve or reject a proposed target change (the funder's programme "
        "manager); an approved change becomes the current target",
    )


# --- Changing and removing an activity or an indicator -------------------------------------
def _changeable_project(actor: Actor, project_id: int) -> Project:
    return _managed_project(
        actor,
        project_id,
        _("Only the project's leaders change its activities and indicators."),
    )


def _activity_to_change(
    actor: Actor, ids: tuple[int, int], write: bool = False
) -> Activity:
    project_id, activity_id = ids
    project = _changeable_project(actor, project_id)
    return queries.get_activity(project=project, activity_id=activity_id)


def _indicator_to_change(
    actor: Actor, ids: tuple[int, int], write: bool = False
) -> Indicator:
    project_id, indicator_id = ids
    project = _changeable_project(actor, project_id)
    return queries.get_indicator(project=project, indicator_id=indicator_id)


def _update(action: Callable[..., Any], key: str) -> Callable[..., Any]:
    def change(actor: Actor, record: Any, data: dict[str, Any]) -> Any:
        version = data.pop("version")
        return action(actor=actor, expected_version=version, **{key: record}, **data)

    return change


class ActivityUpdateApi(BaseApi):
    post = change_api(
        _activity_to_change,
        _update(actions.update_activity, "activity"),
        ActivityOutputSerializer,
        input=ActivityUpdateInputSerializer,
        versioned=True,
        summary="Change an activity's title or category (the project's leaders; send "
        "the version you read; 409 when it is stale)",
    )


class IndicatorUpdateApi(BaseApi):
    post = change_api(
        _indicator_to_change,
        _update(actions.update_indicator, "indicator"),
        IndicatorOutputSerializer,
        input=IndicatorUpdateInputSerializer,
        versioned=True,
        summary="Change an indicator's name or unit (the project's leaders; send the "
        "version you read; 409 when it is stale)",
    )


class ActivityRemoveApi(BaseApi):
    @extend_schema(
        request=None,
        responses={204: None, 404: NOT_FOUND},
        summary="Remove an activity with its indicators, only while nothing has been "
        "recorded against them (400 says what was)",
    )
    def post(self, request: Request, project_id: int, activity_id: int) -> Response:
        actor = api_actor(request)
        activity = _activity_to_change(actor, (project_id, activity_id), True)
        actions.remove_activity(actor=actor, activity=activity)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IndicatorRemoveApi(BaseApi):
    @extend_schema(
        request=None,
        responses={204: None, 404: NOT_FOUND},
        summary="Remove an indicator, only while nothing has been recorded against "
        "it (400 says what was)",
    )
    def post(self, request: Request, project_id: int, indicator_id: int) -> Response:
        actor = api_actor(request)
        indicator = _indicator_to_change(actor, (project_id, indicator_id), True)
        actions.remove_indicator(actor=actor, indicator=indicator)
        return Response(status=status.HTTP_204_NO_CONTENT)
