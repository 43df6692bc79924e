"""Program settings in the admin: crisis resources (program content) and the record of
changes, read-only (coordinators change both in PeerPath, through the services)."""

from django.contrib import admin

from ..models import CrisisResource, ProgramChange
from .records import RecordAdmin


@admin.register(CrisisResource)
class CrisisResourceAdmin(RecordAdmin):
    read_only = True
    can_delete = False
    str_is_safe = True  # a helpline's name, program content
    list_display = ["name", "program", "phone", "text_number", "position"]
    search_fields = ["name", "program__name"]
    list_select_related = ["program"]


@admin.register(ProgramChange)
class ProgramChangeAdmin(RecordAdmin):
    read_only = True
    can_delete = False
    str_is_safe = True  # "privacy_notice changed"
    list_display = ["record", "program", "setting", "changed_by", "changed_at"]
    search_fields = ["program__name", "setting"]
    list_select_related = ["program", "changed_by"]
    fields = ["program", "setting", "changed_by", "changed_at", "before", "after"]
