"""Consents in the admin: that they exist, between whom, for what and until when. Read-only:
only the mentee grants and revokes, through the Sharing page. The free-text purpose is not
shown."""

from django.contrib import admin

from accounts.admin import RecordAdmin

from ..models import Consent


@admin.register(Consent)
class ConsentAdmin(RecordAdmin):
    read_only = True
    can_delete = False
    str_is_safe = True  # "Consent #3"
    list_display = ["record", "program", "mentee", "recipient_kind", "expires_on", "revoked_at"]
    list_filter = ["recipient_kind", "purpose"]
    search_fields = ["mentee__user__email", "recipient__user__email"]
    list_select_related = ["program", "mentee__user", "recipient__user"]
    fields = [
        "program",
        "mentee",
        "recipient_kind",
        "recipient",
        "covers_checkins",
        "covers_goals_habits",
        "covers_recovery",
        "covers_meetings",
        "purpose",
        "expires_on",
        "signed_on",
        "granted_at",
        "revoked_at",
    ]
