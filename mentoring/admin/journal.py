"""The private journal: that entries exist, never what they say."""

from django.contrib import admin

from mentoring import services
from mentoring.models import JournalEntry

from .common import MEMBER_SEARCH, MentoringAdmin


@admin.register(JournalEntry)
class JournalEntryAdmin(MentoringAdmin):
    """Private to its author, always. An operator may delete an entry (through
    `journal_delete`), never read it."""

    can_delete = True
    str_is_safe = True  # "Journal entry #12", by design
    list_display = ["record", "membership", "created_at", "updated_at"]
    search_fields = MEMBER_SEARCH
    list_select_related = ["membership__user", "membership__program"]
    fields = ["membership", "created_at", "updated_at"]

    def delete_model(self, request, obj):
        services.journal_delete(entry=obj)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            services.journal_delete(entry=entry)
