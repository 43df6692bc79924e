"""Mentee check-in pages, under /p/<program_slug>/check-in/. Views: mentoring/views/checkins.py."""

from django.urls import path

from ..views import checkins

app_name = "checkins"
urlpatterns = [
    path("", checkins.index, name="index"),
]
