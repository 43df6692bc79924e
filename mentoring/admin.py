"""Operators' admin for what pairs record. Read-only: every write goes through a service
(recomputing habit streaks is an action that calls one). Nothing a member wrote is shown,
searched or filterable: no journal text, goal titles, why or measure, milestones, habit
names, check-in text, recovery notes, encouragement, action items, meeting agendas,
places, topics, narratives, reflections or cancel reasons. Records are named by kind and
number ("Goal #12"); the tests try each page with such text in the database."""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import ReadOnlyInline, RecordAdmin
from mentoring import services
from mentoring.models import (
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
PAIRING_SEARCH = ["pairing__mentee__user__email", "pairing__mentor__user__email"]


def record_link(obj):
    """A related record by kind and number (never its text), linked to its admin page."""
    if obj is None:
        return "-"
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{} #{}</a>', url, capfirst(opts.verbose_name), obj.pk)


class MentoringAdmin(RecordAdmin):
    read_only = True
    can_delete = False


@admin.register(Goal)
class GoalAdmin(MentoringAdmin):
    list_display = ["record", "membership", "category", "status", "visibility", "target_date"]
    list_filter = ["status", "category", "visibility"]
    search_fields = MEMBER_SEARCH
    list_select_related = ["membership__user", "membership__program"]
    fields = [
        "membership",
        "category",
        "status",
        "visibility",
        "target_date",
        "manual_progress",
        "created_at",
        "updated_at",
        "achieved_at",
    ]


@admin.register(Milestone)
class MilestoneAdmin(MentoringAdmin):
    list_display = ["record", "goal_link", "due_date", "done_at"]
    search_fields = ["goal__membership__user__email"]
    list_select_related = ["goal"]
    fields = ["goal_link", "due_date", "done_at", "position"]
    readonly_fields = ["goal_link"]

    @admin.display(description=_("goal"))
    def goal_link(self, milestone):
        return record_link(milestone.goal)


@admin.register(Habit)
class HabitAdmin(MentoringAdmin):
    list_display = [
        "record",
        "membership",
        "kind",
        "cadence",
        "visibility",
        "last_run_length",
        "longest_run",
    ]
    list_filter = ["kind", "cadence", "visibility"]
    search_fields = MEMBER_SEARCH
    list_select_related = ["membership__user", "membership__program"]
    fields = [
        "membership",
        "kind",
        "cadence",
        "times_per_week",
        "visibility",
        "created_at",
        "archived_at",
        "last_run_start",
        "last_run_end",
        "last_run_length",
        "longest_run",
    ]
    actions = ["recompute_streaks"]

    def has_recompute_permission(self, request) -> bool:
        return request.user.has_perm("mentoring.change_habit")

    @admin.action(
        description=_("Recompute the streaks of the selected habits from their logs"),
        permissions=["recompute"],
    )
    def recompute_streaks(self, request, queryset):
        habits = list(queryset)
        for habit in habits:
            services.habit_recompute_streaks(habit=habit)
        self.log_record(request, habits, CHANGE, "Streaks recomputed through the admin.")
        self.message_user(
            request,
            ngettext(
                "Streaks recomputed for %(count)d habit.",
                "Streaks recomputed for %(count)d habits.",
                len(habits),
            )
            % {"count": len(habits)},
            messages.SUCCESS,
        )


@admin.register(HabitLog)
class HabitLogAdmin(MentoringAdmin):
    """Logs are written by `habit_log`, which keeps the habit's streaks: never here."""

    list_display = ["record", "habit_link", "date", "created_at"]
    search_fields = ["habit__membership__user__email"]
    list_select_related = ["habit"]
    fields = ["habit_link", "date", "created_at"]
    readonly_fields = ["habit_link"]

    @admin.display(description=_("habit"))
    def habit_link(self, log):
        return record_link(log.habit)


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
        "mood",
        "craving",
        "visibility",
        "wants_outreach",
        "outreach_handled_at",
        "created_at",
        "updated_at",
    ]


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


@admin.register(JournalEntry)
class JournalEntryAdmin(MentoringAdmin):
    """Private to its author, always. An operator may delete an entry (through
    `journal_delete`), never read it."""

    can_delete = True
    str_is_safe = True  # "Journal entry #12", by design
    list_display = ["record", "membership", "created_at", "updated_at"]
    search_fields = MEMBER_SEARCH
    list_select_related = ["membership__user", "membership__program"]
    fields = ["membership", "created_at", "updated_at"]

    def delete_model(self, request, obj):
        services.journal_delete(entry=obj)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            services.journal_delete(entry=entry)


@admin.register(Encouragement)
class EncouragementAdmin(MentoringAdmin):
    list_display = ["record", "mentee", "author", "created_at", "read_at"]
    search_fields = ["mentee__user__email", "author__email"]
    list_select_related = ["mentee__user", "mentee__program", "author"]
    fields = ["mentee", "author", "goal_link", "checkin", "created_at", "read_at"]
    readonly_fields = ["goal_link"]

    @admin.display(description=_("goal"))
    def goal_link(self, encouragement):
        return record_link(encouragement.goal)


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


@admin.register(Strategy)
class StrategyAdmin(MentoringAdmin):
    """Strategies are written to be shared (a mentor's own, or the program library that
    coordinators curate in the app)."""

    str_is_safe = True
    list_display = ["title", "program", "category", "in_library", "archived_at"]
    list_filter = ["category", "in_library", "program"]
    search_fields = ["title", "body", "author__email"]
    fields = [
        "program",
        "author",
        "category",
        "title",
        "body",
        "link",
        "in_library",
        "created_at",
        "updated_at",
        "archived_at",
    ]


@admin.register(StrategyShare)
class StrategyShareAdmin(MentoringAdmin):
    """Which strategies a mentor shared with a mentee says something about the mentee:
    strategies are named by number here."""

    list_display = ["record", "strategy_link", "mentee", "shared_at"]
    search_fields = ["mentee__user__email"]
    list_select_related = ["strategy", "mentee__user", "mentee__program"]
    fields = ["strategy_link", "mentee", "shared_by", "shared_at"]
    readonly_fields = ["strategy_link"]

    @admin.display(description=_("strategy"))
    def strategy_link(self, share):
        return record_link(share.strategy)


class EventParticipantInline(ReadOnlyInline, admin.TabularInline):
    model = EventParticipant
    fields = ["membership", "rsvp", "responded_at", "attended"]


@admin.register(Event)
class EventAdmin(MentoringAdmin):
    """Program events, created and cancelled by coordinators in the app (which tells the
    participants)."""

    str_is_safe = True
    list_display = ["title", "program", "kind", "starts_at", "cancelled_at"]
    list_filter = ["kind", "program"]
    search_fields = ["title", "program__name"]
    fields = [
        "program",
        "kind",
        "title",
        "description",
        "starts_at",
        "duration_minutes",
        "location",
        "capacity",
        "sequence",
        "created_by",
        "cancelled_at",
        "created_at",
    ]
    inlines = [EventParticipantInline]


@admin.register(EventParticipant)
class EventParticipantAdmin(MentoringAdmin):
    list_display = ["record", "event", "membership", "rsvp", "attended"]
    search_fields = ["event__title", "membership__user__email"]
    list_select_related = ["event", "membership__user", "membership__program"]
    fields = ["event", "membership", "rsvp", "responded_at", "attended"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(MentoringAdmin):
    """The token is a secret: never shown. Deleting a feed retires its URL; the person's
    next visit to the calendar page makes a new one."""

    can_delete = True
    list_display = ["record", "user", "created_at"]
    search_fields = ["user__email"]
    fields = ["user", "created_at"]
