"""Exports in the admin: the record of who downloaded what and when, read-only."""

from django.contrib import admin

from accounts.admin import RecordAdmin

from .models import ExportRecord


@admin.register(ExportRecord)
class ExportRecordAdmin(RecordAdmin):
    read_only = True
    can_delete = False
    str_is_safe = True  # "Meetings export #12": a kind and a number
    list_display = ["record", "program", "kind", "requested_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["program__name", "requested_by__email"]
    list_select_related = ["program", "requested_by"]
    fields = ["program", "kind", "parameters", "requested_by", "created_at"]
