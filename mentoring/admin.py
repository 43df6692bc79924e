"""Operators' admin. Private text never shows here: journal entries, check-in notes and
return-to-use notes are left out of lists, forms and search (tests try each path)."""

from django.contrib import admin

from .models import (
    CheckIn,
    Encouragement,
    Goal,
    Habit,
    HabitLog,
    JournalEntry,
    Milestone,
    RecoveryPeriod,
    RecoverySettings,
)

MEMBER_SEARCH = ["membership__user__email", "membership__user__profile__display_name"]


class PrivateTextAdmin(admin.ModelAdmin):
    """Refuses changelist URL filters on private text (?body__icontains=...): which rows remain
    would tell an operator what an entry says."""

    private_fields: tuple[str, ...] = ()

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split("__", 1)[0] in self.private_fields:
            return False
        return super().lookup_allowed(lookup, value, request)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["title", "membership", "category", "status", "visibility", "target_date"]
    list_filter = ["status", "category", "visibility"]
    search_fields = ["title", *MEMBER_SEARCH]
    raw_id_fields = ["membership"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "goal", "due_date", "done_at"]
    search_fields = ["title", "goal__title"]
    raw_id_fields = ["goal"]


@admin.register(Habit)
class HabitAdmin(admin.ModelAdmin):
    list_display = ["name", "membership", "cadence", "visibility", "longest_run"]
    search_fields = ["name", *MEMBER_SEARCH]
    raw_id_fields = ["membership"]


@admin.register(HabitLog)
class HabitLogAdmin(admin.ModelAdmin):
    list_display = ["habit", "date"]
    search_fields = ["habit__name", "habit__membership__user__email"]
    raw_id_fields = ["habit"]


@admin.register(CheckIn)
class CheckInAdmin(PrivateTextAdmin):
    private_fields = ("helped", "hard")
    list_display = ["membership", "date", "visibility", "wants_outreach"]
    search_fields = MEMBER_SEARCH
    exclude = ["helped", "hard"]
    raw_id_fields = ["membership"]


@admin.register(RecoverySettings)
class RecoverySettingsAdmin(admin.ModelAdmin):
    list_display = ["membership", "show_counter", "share_with_mentor"]
    search_fields = MEMBER_SEARCH
    raw_id_fields = ["membership"]


@admin.register(RecoveryPeriod)
class RecoveryPeriodAdmin(PrivateTextAdmin):
    private_fields = ("end_note",)
    list_display = ["membership", "started_on", "ended_on", "told_mentor"]
    search_fields = MEMBER_SEARCH
    exclude = ["end_note"]
    raw_id_fields = ["membership"]


@admin.register(JournalEntry)
class JournalEntryAdmin(PrivateTextAdmin):
    private_fields = ("title", "body")
    list_display = ["__str__", "membership", "created_at", "updated_at"]
    search_fields = MEMBER_SEARCH  # never the text
    fields = ["membership", "created_at", "updated_at"]
    readonly_fields = ["membership", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Encouragement)
class EncouragementAdmin(admin.ModelAdmin):
    list_display = ["mentee", "author", "created_at"]
    search_fields = ["mentee__user__email", "author__email"]
    raw_id_fields = ["mentee", "author", "goal", "checkin"]
