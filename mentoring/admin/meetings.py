"""Meetings and action items (times and states, none of the pair's notes) and calendar feeds
(never the token)."""

from django.contrib import admin

from mentoring.models import ActionItem, CalendarFeed, Meeting

from .common import PAIRING_SEARCH, MentoringAdmin


@admin.register(Meeting)
class MeetingAdmin(MentoringAdmin):
    list_display = ["record", "pairing", "status", "starts_at", "logged_at"]
    list_filter = ["status", "format"]
    search_fields = PAIRING_SEARCH
    list_select_related = [
        "pairing__mentee__user",
        "pairing__mentor__user",
        "pairing__mentee__program",
        "pairing__mentor__program",
    ]
    fields = [
        "pairing",
        "status",
        "proposed_by",
        "awaiting",
        "starts_at",
        "duration_minutes",
        "format",
        "sequence",
        "confirmed_at",
        "cancelled_at",
        "cancelled_by",
        "actual_start",
        "actual_end",
        "setting",
        "contact_type",
        "logged_at",
        "logged_by",
        "reflection_at",
        "created_at",
        "updated_at",
    ]


@admin.register(ActionItem)
class ActionItemAdmin(MentoringAdmin):
    list_display = ["record", "assignee", "due_date", "done_at"]
    search_fields = ["assignee__user__email", *PAIRING_SEARCH]
    list_select_related = ["assignee__user", "assignee__program"]
    fields = ["pairing", "meeting", "assignee", "due_date", "done_at", "created_by", "created_at"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(MentoringAdmin):
    """Only the token's hash is stored, and not even that is shown. Deleting a feed retires
    its URL; the person can make a new one on their calendar page."""

    can_delete = True
    list_display = ["record", "user", "created_at"]
    search_fields = ["user__email"]
    fields = ["user", "created_at"]
