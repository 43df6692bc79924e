"""What mentors send their mentees: encouragement, without its text."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mentoring.models import Encouragement

from .common import MentoringAdmin, record_link


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
