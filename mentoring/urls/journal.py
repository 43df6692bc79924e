"""Mentee journal pages, under /p/<program_slug>/journal/. Views: mentoring/views/journal.py."""

from django.urls import path

from ..views import journal

app_name = "journal"
urlpatterns = [
    path("", journal.index, name="index"),
    path("<int:entry_id>/", journal.detail, name="detail"),
    path("<int:entry_id>/edit/", journal.edit, name="edit"),
    path("<int:entry_id>/delete/", journal.delete, name="delete"),
]
