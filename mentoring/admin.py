"""Operators' admin. Private text never shows here: journal entries, check-in notes and
return-to-use notes are left out of lists, forms and search (tests try each path)."""

from django.contrib import admin

from .models import (
    ActionItem,
    CalendarFeed,
    CheckIn,
    Encouragement,
    Event,
    EventParticipant,
    Goal,
    Habit,
    HabitLog,
    JournalEntry,
    Meeting,
    Milestone,
    RecoveryPeriod,
    RecoverySettings,
    Strategy,
    StrategyShare,
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


PAIRING_SEARCH = ["pairing__mentee__user__email", "pairing__mentor__user__email"]


@admin.register(Meeting)
class MeetingAdmin(PrivateTextAdmin):
    """The narrative and the mentee's reflection are the pair's notes: not shown here."""

    list_display = ["__str__", "pairing", "status", "starts_at", "logged_at"]
    list_filter = ["status", "format"]
    search_fields = PAIRING_SEARCH
    exclude = ["narrative", "mentee_reflection", "agenda"]
    private_fields = ("narrative", "mentee_reflection", "agenda")
    raw_id_fields = ["pairing", "proposed_by", "awaiting", "cancelled_by", "logged_by"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["title", "assignee", "due_date", "done_at"]
    search_fields = ["title", "assignee__user__email"]
    raw_id_fields = ["pairing", "meeting", "assignee", "created_by"]


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "program", "category", "in_library", "archived_at"]
    list_filter = ["category", "in_library", "program"]
    search_fields = ["title", "body", "author__email"]
    raw_id_fields = ["author"]


@admin.register(StrategyShare)
class StrategyShareAdmin(admin.ModelAdmin):
    list_display = ["strategy", "mentee", "shared_at"]
    search_fields = ["strategy__title", "mentee__user__email"]
    raw_id_fields = ["strategy", "mentee", "shared_by"]


class EventParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 0
    raw_id_fields = ["membership"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "program", "kind", "starts_at", "cancelled_at"]
    list_filter = ["kind", "program"]
    search_fields = ["title", "program__name"]
    raw_id_fields = ["created_by"]
    inlines = [EventParticipantInline]


@admin.register(EventParticipant)
class EventParticipantAdmin(admin.ModelAdmin):
    list_display = ["event", "membership", "rsvp", "attended"]
    search_fields = ["event__title", "membership__user__email"]
    raw_id_fields = ["event", "membership"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """The token is a secret: never shown."""

    list_display = ["user", "created_at"]
    search_fields = ["user__email"]
    exclude = ["token"]
    readonly_fields = ["user", "created_at"]
