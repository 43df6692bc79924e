"""Mentee check-in pages, under /p/<program_slug>/check-in/. Views: mentoring/views/checkins.py."""

from django.urls import path

from ..views import checkins, deletions

app_name = "checkins"
urlpatterns = [
    path("", checkins.index, name="index"),
    path("<int:checkin_id>/delete/", deletions.checkin_delete, name="delete"),
]
