"""Operators read the audit trail here: no add, change or delete, whatever their permissions
(the database would refuse the last two anyway)."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
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


# auditlog's own admin searches the user's first and last names, which PeerPath's User does
# not have (a search would fail): the same admin, searching what exists.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class FieldHistoryAdmin(LogEntryAdmin):
    search_fields = ["object_repr", "actor__email"]
