"""Data exports in the admin: status only, read-only (the file is the person's alone)."""

from django.contrib import admin

from accounts.admin import RecordAdmin

from .models import DataExport


@admin.register(DataExport)
class DataExportAdmin(RecordAdmin):
    read_only = True
    can_delete = False
    str_is_safe = True  # "Data export #12 (ready)": a number and a status
    list_display = ["record", "user", "status", "progress", "created_at", "expires_at"]
    list_filter = ["status"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ["user", "status", "progress", "created_at", "ready_at", "expires_at", "file_size"]
