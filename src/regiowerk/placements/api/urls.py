"""API routes of placements."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
