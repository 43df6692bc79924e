"""Program events and who takes part."""

from django.contrib import admin

from accounts.admin import ReadOnlyInline
from mentoring.models import Event, EventParticipant

from .common import MentoringAdmin


class EventParticipantInline(ReadOnlyInline, admin.TabularInline):
    model = EventParticipant
    fields = ["membership", "rsvp", "responded_at", "attended"]


@admin.register(Event)
class EventAdmin(MentoringAdmin):
    """Program events, created and cancelled by coordinators in the app (which tells the
    participants)."""

    str_is_safe = True
    list_display = ["title", "program", "kind", "starts_at", "cancelled_at"]
    list_filter = ["kind", "program"]
    search_fields = ["title", "program__name"]
    fields = [
        "program",
        "kind",
        "title",
        "description",
        "starts_at",
        "duration_minutes",
        "location",
        "capacity",
        "sequence",
        "created_by",
        "cancelled_at",
        "created_at",
    ]
    inlines = [EventParticipantInline]


@admin.register(EventParticipant)
class EventParticipantAdmin(MentoringAdmin):
    list_display = ["record", "event", "membership", "rsvp", "attended"]
    search_fields = ["event__title", "membership__user__email"]
    list_select_related = ["event", "membership__user", "membership__program"]
    fields = ["event", "membership", "rsvp", "responded_at", "attended"]
