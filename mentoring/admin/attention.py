"""Coordinators' follow-ups of the needs-attention queue: what, about whom, who and when;
never the coordinator's note."""

from django.contrib import admin

from mentoring.models import AttentionFollowUp

from .common import MentoringAdmin


@admin.register(AttentionFollowUp)
class AttentionFollowUpAdmin(MentoringAdmin):
    list_display = ["record", "program", "kind", "member", "since", "handled_by", "handled_at"]
    list_filter = ["kind"]
    search_fields = ["member__user__email", "member__user__profile__display_name"]
    list_select_related = ["program", "member__user", "member__program", "handled_by"]
    fields = ["program", "kind", "subject_id", "since", "member", "handled_by", "handled_at"]
