"""The mentee's encouragement history, under /p/<program_slug>/encouragement/.
Views: mentoring/views/encouragements.py."""

from django.urls import path

from ..views import encouragements

app_name = "encouragements"
urlpatterns = [
    path("", encouragements.index, name="index"),
]
