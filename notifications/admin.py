"""Read-only admins: kinds, statuses and times, never a notification's title or link."""

from django.contrib import admin

from accounts.admin import RecordAdmin

from .models import (
    CheckinReminder,
    Delivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
    SweepMark,
)

PERSON_SEARCH = ["user__email", "user__profile__display_name"]


class NotificationsAdmin(RecordAdmin):
    read_only = True
    can_delete = False


@admin.register(Notification)
class NotificationAdmin(NotificationsAdmin):
    list_display = ["record", "recipient", "program", "kind", "created_at", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient", "program"]
    fields = ["recipient", "program", "kind", "created_at", "read_at"]
    search_fields = ["recipient__email", "recipient__profile__display_name"]


@admin.register(Delivery)
class DeliveryAdmin(NotificationsAdmin):
    list_display = [
        "record",
        "channel",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "channel"]
    fields = [
        "notification",
        "channel",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "claimed_at",
        "sent_at",
    ]
    search_fields = ["notification__recipient__email"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(NotificationsAdmin):
    list_display = ["record", "user", "kind", "channel"]
    list_filter = ["kind", "channel"]
    search_fields = PERSON_SEARCH


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(NotificationsAdmin):
    # The phone number stays out of the admin (minimum necessary).
    list_display = ["record", "user", "quiet_start", "quiet_end", "sms_opt_in", "updated_at"]
    fields = ["user", "quiet_start", "quiet_end", "sms_opt_in", "updated_at"]
    search_fields = PERSON_SEARCH


@admin.register(CheckinReminder)
class CheckinReminderAdmin(NotificationsAdmin):
    list_display = ["record", "membership", "enabled", "local_time", "days", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["membership__user__email", "membership__user__profile__display_name"]


@admin.register(SweepMark)
class SweepMarkAdmin(NotificationsAdmin):
    list_display = ["record", "name", "window_end", "updated_at"]
    search_fields = ["name"]
