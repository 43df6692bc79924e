"""Coordinator matching pages, under /p/<program_slug>/matching/. Views: matching/views/coordinator.py."""

from django.urls import path  # noqa: F401

app_name = "matching_coord"
urlpatterns: list = []
