"""Web pages of programme monitoring. Paths are Dutch, names English."""

from django.urls import path

from regiowerk.monitoring import views

urlpatterns = [
    path("monitoring/", views.programme_overview, name="programme-overview"),
]
