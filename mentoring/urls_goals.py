"""Mentee goals pages, under /p/<program_slug>/goals/. Views: mentoring/views/goals.py."""

from django.urls import path

from .views import goals as views

app_name = "goals"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:goal_id>/", views.detail, name="detail"),
    path("<int:goal_id>/edit/", views.edit, name="edit"),
    path("<int:goal_id>/status/", views.status, name="status"),
    path("<int:goal_id>/visibility/", views.visibility, name="visibility"),
    path("<int:goal_id>/progress/", views.progress, name="progress"),
    path("<int:goal_id>/milestones/", views.milestone_add, name="milestone_add"),
    path(
        "<int:goal_id>/milestones/<int:milestone_id>/toggle/",
        views.milestone_toggle,
        name="milestone_toggle",
    ),
    path(
        "<int:goal_id>/milestones/<int:milestone_id>/delete/",
        views.milestone_delete,
        name="milestone_delete",
    ),
]
