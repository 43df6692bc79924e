"""Meetings between a mentor and a mentee, the mentor's contact log and the action items
that come out of them. Times are stored in UTC and shown in each person's own time zone."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedCharField, EncryptedTextField
from accounts.models import Membership
from matching.models import MeetingFormat, Pairing
from privacy.models import Category


class ContactType(models.TextChoices):
    # What peers document per contact (field practice), without diagnostic language.
    CHECK_IN = "check_in", _("Regular check-in")
    GOAL_PLANNING = "goal_planning", _("Goal planning")
    RECOVERY_SUPPORT = "recovery_support", _("Recovery support")
    CAREER = "career", _("Career and education")
    RESOURCE_LINKAGE = "resource_linkage", _("Connecting to resources")
    COMMUNITY = "community", _("Community activity")
    OTHER = "other", _("Other")


def new_uid() -> str:
    return f"{uuid.uuid4()}@peerpath"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")
        MISSED = "missed", _("Missed")

    # No index of its own: the (pairing, status, starts_at) index leads with it.
    pairing = models.ForeignKey(
        Pairing, on_delete=models.CASCADE, related_name="meetings", db_index=False
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Who has to answer the current proposal (the other person).
    awaiting = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("Start"))
    duration_minutes = models.PositiveSmallIntegerField(_("Duration"), default=60)
    format = models.CharField(
        _("Format"), max_length=12, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    location = models.CharField(_("Place or link"), max_length=300, blank=True)
    agenda = EncryptedTextField(_("Agenda"), max_length=2000, blank=True)
    uid = models.CharField(max_length=80, default=new_uid, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE: updates replace
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = EncryptedCharField(_("Reason"), max_length=500, blank=True)
    # The contact log, written by the mentor after the meeting (or its absence).
    actual_start = models.DateTimeField(_("Actual start"), null=True, blank=True)
    actual_end = models.DateTimeField(_("Actual end"), null=True, blank=True)
    setting = models.CharField(
        _("Setting"), max_length=12, choices=MeetingFormat.choices, blank=True
    )
    contact_type = models.CharField(
        _("Type of contact"), max_length=20, choices=ContactType.choices, blank=True
    )
    topics = models.JSONField(_("Topics"), default=list, blank=True)
    narrative = EncryptedTextField(_("Narrative"), max_length=4000, blank=True)
    logged_at = models.DateTimeField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentee_reflection = EncryptedTextField(_("My reflection"), max_length=4000, blank=True)
    reflection_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["pairing", "status", "starts_at"]),
            # Program figures over a window of time (trends, the funder report's range).
            models.Index(fields=["starts_at", "status", "pairing"], name="meeting_by_start"),
            # A pairing's latest logged meeting (stalled pairs), without sorting its history.
            models.Index(
                fields=["pairing", "-starts_at"],
                condition=Q(logged_at__isnull=False),
                name="meeting_logged_by_pairing",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="meeting_duration_5_480",
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gt=models.F("actual_start")),
                name="meeting_actual_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Meeting #{self.pk} ({self.status})"

    # What a consent must cover to disclose it (privacy.rules.has_consent), and whose it is.
    consent_category = Category.MEETINGS

    @property
    def consent_mentee_id(self) -> int:
        return self.pairing.mentee_id


class ActionItem(models.Model):
    """A next step from a meeting, assigned to the mentee or the mentor."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    assignee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="action_items")
    title = EncryptedCharField(_("Action item"), max_length=200)
    due_date = models.DateField(_("Due date"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_date", "pk"]
        indexes = [models.Index(fields=["assignee", "done_at"])]

    def __str__(self) -> str:
        return self.title
