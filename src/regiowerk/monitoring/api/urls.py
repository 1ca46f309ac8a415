"""API paths of programme monitoring (under /api/v1/)."""

from django.urls import path

from regiowerk.monitoring.api import views

PROJECT = "projects/<int:project_id>/"
INDICATOR = f"{PROJECT}indicators/<int:indicator_id>/"

urlpatterns = [
    path("programmes/", views.ProgrammeListApi.as_view(), name="api-programme-list"),
    path(
        "programmes/<int:programme_id>/",
        views.ProgrammeDetailApi.as_view(),
        name="api-programme-detail",
    ),
    path(
        "programmes/<int:programme_id>/overview/",
        views.ProgrammeOverviewApi.as_view(),
        name="api-programme-overview",
    ),
    path("projects/", views.ProjectListApi.as_view(), name="api-project-list"),
    path(PROJECT, views.ProjectDetailApi.as_view(), name="api-project-detail"),
    path(
        f"{PROJECT}activities/",
        views.ActivityListApi.as_view(),
        name="api-activity-list",
    ),
    path(
        f"{PROJECT}monitor/",
        views.ProjectMonitorApi.as_view(),
        name="api-project-monitor",
    ),
    path(
        f"{PROJECT}indicators/",
        views.IndicatorListApi.as_view(),
        name="api-indicator-list",
    ),
    path(INDICATOR, views.IndicatorDetailApi.as_view(), name="api-indicator-detail"),
    path(
        f"{INDICATOR}values/",
        views.IndicatorValuesApi.as_view(),
        name="api-indicator-values",
    ),
    path(f"{INDICATOR}value/", views.ManualValueApi.as_view(), name="api-manual-value"),
    path(
        f"{INDICATOR}deliverable/",
        views.DeliverableApi.as_view(),
        name="api-deliverable-update",
    ),
    path(
        f"{INDICATOR}target-changes/",
        views.TargetChangeProposeApi.as_view(),
        name="api-target-change-propose",
    ),
    path(
        f"{PROJECT}target-changes/",
        views.TargetChangeListApi.as_view(),
        name="api-target-change-list",
    ),
    path(
        f"{PROJECT}target-changes/<int:change_id>/decide/",
        views.TargetChangeDecideApi.as_view(),
        name="api-target-change-decide",
    ),
]
