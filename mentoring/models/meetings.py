"""Meetings between a mentor and a mentee, their logs and action items; the strategies
library; program events; private calendar feeds. Times are stored in UTC and shown in each
person's own time zone."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Program
from matching.models import MeetingFormat, Pairing


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

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="meetings")
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
    agenda = models.TextField(_("Agenda"), max_length=2000, blank=True)
    uid = models.CharField(max_length=80, default=new_uid, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE: updates replace
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("Reason"), max_length=500, blank=True)
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
    narrative = models.TextField(_("Narrative"), max_length=4000, blank=True)
    logged_at = models.DateTimeField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentee_reflection = models.TextField(_("My reflection"), max_length=4000, blank=True)
    reflection_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["pairing", "status", "starts_at"])]
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


class ActionItem(models.Model):
    """A next step from a meeting, assigned to the mentee or the mentor."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="action_items")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    assignee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("Action item"), max_length=200)
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


class StrategyCategory(models.TextChoices):
    TRIGGERS = "triggers", _("Triggers")
    CRAVINGS = "cravings", _("Cravings")
    STRESS = "stress", _("Stress")
    JOB_SEARCH = "job_search", _("Job search")
    ROUTINES = "routines", _("Routines")
    OTHER = "other", _("Other")


class Strategy(models.Model):
    """A coping strategy or resource from lived experience. A mentor's own, or part of the
    program-wide library that coordinators curate."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="strategies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    category = models.CharField(_("Category"), max_length=16, choices=StrategyCategory.choices)
    title = models.CharField(_("Title"), max_length=120)
    body = models.TextField(_("What helps"), max_length=4000)
    link = models.URLField(_("Link (optional)"), blank=True)
    in_library = models.BooleanField(_("In the program library"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["category", "title"]
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title


class StrategyShare(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="shares")
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="toolkit")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shared_at"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "mentee"], name="strategy_shared_once"),
        ]

    def __str__(self) -> str:
        return f"{self.strategy} → {self.mentee_id}"


class Event(models.Model):
    """A program's group session: peer support group, workshop or social."""

    class Kind(models.TextChoices):
        SUPPORT_GROUP = "support_group", _("Peer support group")
        WORKSHOP = "workshop", _("Workshop")
        SOCIAL = "social", _("Social")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("Kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("Title"), max_length=120)
    description = models.TextField(_("Description"), max_length=4000, blank=True)
    starts_at = models.DateTimeField(_("Start"))
    duration_minutes = models.PositiveSmallIntegerField(_("Duration"), default=90)
    location = models.CharField(_("Place or link"), max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(_("Places (optional)"), null=True, blank=True)
    uid = models.CharField(max_length=80, default=new_uid, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=720),
                name="event_duration_5_720",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventParticipant(models.Model):
    class Rsvp(models.TextChoices):
        YES = "yes", _("Going")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("Not going")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="event_participations"
    )
    rsvp = models.CharField(max_length=8, choices=Rsvp.choices, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)  # recorded by a coordinator

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "membership"], name="event_participant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.event_id}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar feed. The token is the only secret in the URL; making a
    new one retires the old URL at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"
