"""Mentee goals pages, under /p/<program_slug>/goals/. Views: mentoring/views/goals.py and
mentoring/views/goal_detail.py (a goal's page, its progress and milestones)."""

from django.urls import path

from ..views import deletions, goal_detail, goals

app_name = "goals"
urlpatterns = [
    path("", goals.index, name="index"),
    path("new/", goals.new, name="new"),
    path("<int:goal_id>/", goal_detail.detail, name="detail"),
    path("<int:goal_id>/edit/", goals.edit, name="edit"),
    path("<int:goal_id>/delete/", deletions.goal_delete, name="delete"),
    path("<int:goal_id>/status/", goals.status, name="status"),
    path("<int:goal_id>/visibility/", goals.visibility, name="visibility"),
    path("<int:goal_id>/progress/", goal_detail.progress, name="progress"),
    path("<int:goal_id>/milestones/", goal_detail.milestone_add, name="milestone_add"),
    path(
        "<int:goal_id>/milestones/<int:milestone_id>/toggle/",
        goal_detail.milestone_toggle,
        name="milestone_toggle",
    ),
    path(
        "<int:goal_id>/milestones/<int:milestone_id>/delete/",
        goal_detail.milestone_delete,
        name="milestone_delete",
    ),
]
