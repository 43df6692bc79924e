"""Meetings of a mentee and their mentor, under /p/<program_slug>/meetings/. Views in
mentoring/views/: meetings.py, meeting_answers.py, meeting_logs.py (the mentor's log),
action_items.py and feeds.py (the private calendar feed link)."""

from django.urls import path

from ..views import action_items, feeds, meeting_answers, meeting_logs, meetings

app_name = "meetings"
urlpatterns = [
    path("", meetings.index, name="index"),
    path("new/", meetings.new, name="new"),
    path("calendar/", feeds.calendar, name="calendar"),
    path("<int:meeting_id>/", meetings.detail, name="detail"),
    path("<int:meeting_id>.ics", meetings.ics, name="ics"),
    path("<int:meeting_id>/confirm/", meeting_answers.confirm, name="confirm"),
    path("<int:meeting_id>/other-time/", meeting_answers.other_time, name="other_time"),
    path("<int:meeting_id>/cancel/", meeting_answers.cancel, name="cancel"),
    path("<int:meeting_id>/reflect/", meeting_answers.reflect, name="reflect"),
    path("<int:meeting_id>/log/", meeting_logs.log, name="log"),
    path("log/<int:pairing_id>/", meeting_logs.log_new, name="log_new"),
    path(
        "action-items/<int:item_id>/done/", action_items.action_item_done, name="action_item_done"
    ),
]
