"""A program's group sessions and who answered or attended."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Program

from .meetings import new_uid


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
