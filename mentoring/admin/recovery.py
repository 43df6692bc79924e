"""Recovery time: dates and choices, never the note about a return to use."""

from django.contrib import admin

from mentoring.models import RecoveryPeriod, RecoverySettings

from .common import MEMBER_SEARCH, MentoringAdmin


@admin.register(RecoverySettings)
class RecoverySettingsAdmin(MentoringAdmin):
    list_display = ["record", "membership", "show_counter", "share_with_mentor"]
    search_fields = MEMBER_SEARCH
    list_select_related = ["membership__user", "membership__program"]
    fields = ["membership", "show_counter", "share_with_mentor"]


@admin.register(RecoveryPeriod)
class RecoveryPeriodAdmin(MentoringAdmin):
    can_delete = True  # nothing stored depends on it
    list_display = ["record", "membership", "started_on", "ended_on", "told_mentor"]
    search_fields = MEMBER_SEARCH
    list_select_related = ["membership__user", "membership__program"]
    fields = ["membership", "started_on", "ended_on", "told_mentor", "told_pairing", "created_at"]
