"""What PeerPath tells people: notifications, their deliveries, and people's choices.

Every time is stored in UTC; quiet hours and reminder times are local times, read in the
person's Profile time zone.
"""

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Program

from .kinds import KIND_CHOICES


class Notification(models.Model):
    """One thing a person is told, shown in the bell. `key` makes it happen once:
    (recipient, key) is unique, e.g. "meeting_reminder_1h:meeting:12:2026-11-30T18:00"."""

    # No index of its own: the unique (recipient, key) and the list index lead with it.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=KIND_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(_("link"), max_length=500)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key"),
        ]
        indexes = [
            models.Index(
                fields=["recipient"], condition=Q(read_at=None), name="notification_unread"
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class Delivery(models.Model):
    """A notification sent through one outside channel (email or SMS), claimed by a worker."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        DROPPED = "dropped", _("Dropped")

    # No index of its own: the unique (notification, channel) leads with it.
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The kind of error only ("SMTPServerDisconnected"), never personal content.
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When it may go: now, or the end of the person's quiet hours.
    due_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="delivery_once_per_channel"
            ),
        ]
        indexes = [
            # Partial: only the rows the requeue sweep looks for, so a sent delivery leaves
            # them and a sweep's insert of 100,000 pending ones updates one, not two.
            models.Index(
                fields=["claimed_at"], condition=Q(status="sending"), name="delivery_claimed"
            ),
            models.Index(fields=["due_at"], condition=Q(status="pending"), name="delivery_due"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} #{self.pk}"


class NotificationPreference(models.Model):
    """A person's channel for one kind. No row: the kind's default channel."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        IN_APP = "in_app", _("In PeerPath only")
        SMS = "sms", _("Text message")
        OFF = "off", _("Off")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    channel = models.CharField(max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = _("notification preference")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.channel}"


class NotificationSettings(models.Model):
    """Quiet hours (local times; both or neither) and text-message opt-in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    quiet_start = models.TimeField(_("quiet hours start"), null=True, blank=True)
    quiet_end = models.TimeField(_("quiet hours end"), null=True, blank=True)
    # E.164, validated by notifications.sms.validate_phone_number.
    phone_number = models.CharField(_("mobile phone number"), max_length=20, blank=True)
    sms_opt_in = models.BooleanField(_("send me text messages"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(quiet_start=None, quiet_end=None)
                | (Q(quiet_start__isnull=False) & Q(quiet_end__isnull=False)),
                name="quiet_hours_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return f"Notification settings #{self.pk}"


def every_day() -> list[int]:
    return [0, 1, 2, 3, 4, 5, 6]


class CheckinReminder(models.Model):
    """A mentee's daily check-in reminder: local time and weekdays (0 = Monday)."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="checkin_reminder"
    )
    enabled = models.BooleanField(_("remind me to check in"), default=True)
    local_time = models.TimeField(_("time"), default=time(19, 0))
    days = models.JSONField(_("days"), default=every_day)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("check-in reminder")

    def __str__(self) -> str:
        return f"Check-in reminder #{self.pk}"


class SweepMark(models.Model):
    """Where a periodic sweep stopped: the next run covers [window_end, now)."""

    name = models.CharField(max_length=60, unique=True)
    window_end = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sweep mark")

    def __str__(self) -> str:
        return f"{self.name} until {self.window_end:%Y-%m-%d %H:%M}"
