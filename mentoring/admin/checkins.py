"""Daily check-ins: that one exists, when, and whether it asked for outreach; never the mood
and craving scores (health data an operator has no need for) nor what helped or was hard."""

from django.contrib import admin

from mentoring.models import CheckIn

from .common import MEMBER_SEARCH, MentoringAdmin


@admin.register(CheckIn)
class CheckInAdmin(MentoringAdmin):
    can_delete = True  # nothing stored depends on it
    list_display = ["record", "membership", "date", "visibility", "wants_outreach"]
    list_filter = ["visibility", "wants_outreach"]
    search_fields = MEMBER_SEARCH
    list_select_related = ["membership__user", "membership__program"]
    fields = [
        "membership",
        "date",
        "visibility",
        "wants_outreach",
        "outreach_handled_at",
        "created_at",
        "updated_at",
    ]
