"""Announcements, under /p/<program>/announcements/ (included from config/urls.py)."""

from django.urls import path

from ..views import announcements

app_name = "announcements"

urlpatterns = [
    path("", announcements.index, name="index"),
    path("new/", announcements.new, name="new"),
    path("<int:announcement_id>/dismiss/", announcements.dismiss, name="dismiss"),
]
