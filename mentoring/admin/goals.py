"""Goals and their milestones."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mentoring.models import Goal, Milestone

from .common import MEMBER_SEARCH, MentoringAdmin, record_link


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
