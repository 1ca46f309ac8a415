"""API paths of programme monitoring (under /api/v1/)."""

from regiowerk.common.api import api_path
from regiowerk.monitoring.api import views

PROJECT = "projects/<int:project_id>/"
INDICATOR = f"{PROJECT}indicators/<int:indicator_id>/"
ACTIVITY = f"{PROJECT}activities/<int:activity_id>/"

urlpatterns = [
    api_path("programmes/", views.ProgrammeListApi),
    api_path("programmes/<int:programme_id>/", views.ProgrammeDetailApi),
    api_path("programmes/<int:programme_id>/overview/", views.ProgrammeOverviewApi),
    api_path("programmes/<int:programme_id>/projects/create/", views.ProjectCreateApi),
    api_path("projects/", views.ProjectListApi),
    api_path(PROJECT, views.ProjectDetailApi),
    api_path(f"{PROJECT}activities/", views.ActivityListApi),
    api_path(f"{PROJECT}activities/create/", views.ActivityCreateApi),
    api_path(f"{ACTIVITY}indicators/create/", views.IndicatorCreateApi),
    api_path(f"{ACTIVITY}update/", views.ActivityUpdateApi),
    api_path(f"{ACTIVITY}remove/", views.ActivityRemoveApi),
    api_path(f"{INDICATOR}update/", views.IndicatorUpdateApi),
    api_path(f"{INDICATOR}remove/", views.IndicatorRemoveApi),
    api_path(f"{PROJECT}monitor/", views.ProjectMonitorApi),
    api_path(f"{PROJECT}indicators/", views.IndicatorListApi),
    api_path(INDICATOR, views.IndicatorDetailApi),
    api_path(f"{INDICATOR}values/", views.IndicatorValuesApi),
    api_path(f"{INDICATOR}trace/", views.IndicatorTraceApi),
    api_path(f"{INDICATOR}value/", views.ManualValueApi),
    api_path(f"{INDICATOR}deliverable/", views.DeliverableUpdateApi),
    api_path(f"{INDICATOR}target-changes/", views.TargetChangeProposeApi),
    api_path(f"{PROJECT}target-changes/", views.TargetChangeListApi),
    api_path(
        f"{PROJECT}target-changes/<int:change_id>/decide/", views.TargetChangeDecideApi
    ),
]
