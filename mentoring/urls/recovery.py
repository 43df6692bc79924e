"""Mentee recovery pages, under /p/<program_slug>/recovery/. Views: mentoring/views/recovery.py."""

from django.urls import path

from ..views import deletions, recovery

app_name = "recovery"
urlpatterns = [
    path("", recovery.index, name="index"),
    path("start/", recovery.start, name="start"),
    path("settings/", recovery.settings, name="settings"),
    path("return/", recovery.return_to_use, name="return"),
    path(
        "periods/<int:period_id>/delete/",
        deletions.recovery_period_delete,
        name="period_delete",
    ),
]
