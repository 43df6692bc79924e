"""Mentee and mentor matching pages, under /p/<program_slug>/. Views: matching/views/member.py."""

from django.urls import path  # noqa: F401

app_name = "matching"
urlpatterns: list = []
