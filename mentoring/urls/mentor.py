"""The mentor's pages, under /p/<program_slug>/mentor/. Views: mentoring/views/mentor.py.

The dashboard itself is the mentor's program home (program_home)."""

from django.urls import path

from ..views import mentor as views

app_name = "mentor"
urlpatterns = [
    path("", views.index, name="index"),
    path("mentees/<int:mentee_id>/", views.detail, name="detail"),
    path("mentees/<int:mentee_id>/encourage/", views.encourage, name="encourage"),
    path(
        "mentees/<int:mentee_id>/outreach-handled/",
        views.outreach_handled,
        name="outreach_handled",
    ),
]
