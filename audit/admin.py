"""Operators read the audit trail here: no add, change or delete, whatever their permissions
(the database would refuse the last two anyway)."""

from django.contrib import admin

from accounts.admin.records import RecordAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(RecordAdmin):
    read_only = True
    can_delete = False
    str_is_safe = True
    list_display = (
        "at",
        "action",
        "actor_user",
        "actor_membership",
        "program",
        "subject",
        "record_type",
        "record_id",
        "ip_address",
    )
    list_filter = ("action", "record_type")
    search_fields = ("actor_user__email", "record_type", "ip_address", "program__slug")
    date_hierarchy = "at"
    list_select_related = ("actor_user", "actor_membership__user", "program", "subject__user")
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
    actions = None

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
