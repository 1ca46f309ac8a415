"""Web pages of programme monitoring. Paths are Dutch, names English."""

from django.urls import path

from regiowerk.monitoring import views

urlpatterns = [
    path("monitoring/", views.programme_overview, name="programme-overview"),
    path(
        "monitoring/programmaoverzicht.xlsx",
        views.programme_overview_xlsx,
        name="programme-overview-xlsx",
    ),
    path(
        "monitoring/programmaoverzicht.pdf",
        views.programme_overview_pdf,
        name="programme-overview-pdf",
    ),
    path(
        "monitoring/projecten/<int:project_id>/",
        views.project_monitor,
        name="project-monitor",
    ),
    path(
        "monitoring/projecten/<int:project_id>/kwartaalmonitor.xlsx",
        views.project_monitor_xlsx,
        name="project-monitor-xlsx",
    ),
    path(
        "monitoring/projecten/<int:project_id>/kwartaalmonitor.pdf",
        views.project_monitor_pdf,
        name="project-monitor-pdf",
    ),
    path(
        "monitoring/projecten/<int:project_id>/indicatoren/<int:indicator_id>/",
        views.indicator_detail,
        name="indicator-detail",
    ),
    path(
        "monitoring/projecten/<int:project_id>/indicatoren/<int:indicator_id>/streefwaarde/",
        views.target_change_propose,
        name="target-change-propose",
    ),
    path(
        "monitoring/projecten/<int:project_id>/indicatoren/<int:indicator_id>/waarde/",
        views.manual_value_enter,
        name="manual-value-enter",
    ),
    path(
        "monitoring/projecten/<int:project_id>/indicatoren/<int:indicator_id>/product/",
        views.deliverable_update,
        name="deliverable-update",
    ),
    path(
        "monitoring/projecten/<int:project_id>/indicatoren/<int:indicator_id>/documenten/",
        views.document_upload,
        name="document-upload",
    ),
    path(
        "monitoring/projecten/<int:project_id>/indicatoren/<int:indicator_id>/documenten/<int:document_id>/",
        views.document_download,
        name="document-download",
    ),
    path(
        "monitoring/projecten/<int:project_id>/wijzigingen/<int:change_id>/besluit/",
        views.target_change_decide,
        name="target-change-decide",
    ),
]
