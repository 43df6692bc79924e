"""Program events, under /p/<program_slug>/events/. Views: mentoring/views/events.py."""

from django.urls import path

from ..views import events

app_name = "events"
urlpatterns = [
    path("", events.index, name="index"),
    path("new/", events.new, name="new"),
    path("<int:event_id>.ics", events.ics, name="ics"),
    path("<int:event_id>/rsvp/", events.rsvp, name="rsvp"),
    path("<int:event_id>/cancel/", events.cancel, name="cancel"),
    path("<int:event_id>/attendance/", events.attendance, name="attendance"),
]
