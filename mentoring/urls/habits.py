"""Mentee habits pages, under /p/<program_slug>/habits/. Views: mentoring/views/habits.py."""

from django.urls import path

from ..views import deletions, habits

app_name = "habits"
urlpatterns = [
    path("", habits.index, name="index"),
    path("new/", habits.new, name="new"),
    path("<int:habit_id>/edit/", habits.edit, name="edit"),
    path("<int:habit_id>/archive/", habits.archive, name="archive"),
    path("<int:habit_id>/delete/", deletions.habit_delete, name="delete"),
    path("<int:habit_id>/log/", habits.log, name="log"),
    path("<int:habit_id>/unlog/", habits.unlog, name="unlog"),
]
