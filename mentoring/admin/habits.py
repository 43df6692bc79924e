"""Habits and their logs. Logs are written by `habit_log` only; streaks are recomputed by an
action calling `habit_recompute_streaks`."""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mentoring import services
from mentoring.models import Habit, HabitLog

from .common import MEMBER_SEARCH, MentoringAdmin, record_link


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
