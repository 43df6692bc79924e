"""Announcements in the admin: who posted to whom and when, and who dismissed it; never the
title or the text. Read-only: the services are the only writers."""

from django.contrib import admin

from accounts.admin import RecordAdmin

from ..models import Announcement, AnnouncementRecipient


class AnnouncementRecordAdmin(RecordAdmin):
    read_only = True
    can_delete = False
    str_is_safe = True  # "Announcement #4": a kind and a number only


@admin.register(Announcement)
class AnnouncementAdmin(AnnouncementRecordAdmin):
    list_display = ["record", "program", "author", "audience", "cohort_date", "created_at"]
    list_filter = ["audience"]
    search_fields = ["program__name", "author__user__email"]
    list_select_related = ["program", "author__user"]
    fields = ["program", "author", "audience", "cohort_date", "created_at"]


@admin.register(AnnouncementRecipient)
class AnnouncementRecipientAdmin(AnnouncementRecordAdmin):
    list_display = ["record", "announcement", "membership", "dismissed_at"]
    search_fields = ["membership__user__email", "membership__user__profile__display_name"]
    list_select_related = ["announcement", "membership__user"]
    fields = ["announcement", "membership", "dismissed_at"]
