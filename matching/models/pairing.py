"""Pairings from proposal to end, and the feedback given when one ends."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from accounts.models import Membership, Program

from .rounds import MatchingRound


class Pairing(models.Model):
    """A mentee-mentor pair from proposal to end. Never deleted: it is the history."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")
        ENDED = "ended", _("Ended")

    class Source(models.TextChoices):
        COORDINATOR = "coordinator", _("Proposed by a coordinator")
        ROUND = "round", _("Bulk matching round")
        MENTEE_REQUEST = "mentee_request", _("Requested by the mentee")

    CURRENT = (Status.ACTIVE, Status.PAUSED)
    OPEN = (Status.PROPOSED, Status.ACTIVE, Status.PAUSED)

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pairings")
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="mentee_pairings")
    mentor = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="mentor_pairings")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROPOSED)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.COORDINATOR)
    round = models.ForeignKey(
        MatchingRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="pairings"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    overrides_previous_mentor = models.BooleanField(default=False)
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    close_reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            # One mentor at a time per mentee (a mentee membership belongs to one program).
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status__in=["active", "paused"]),
                name="pairing_one_current_mentor_per_mentee",
            ),
            # One open proposal per mentee: no double booking while people decide.
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(status="proposed"),
                name="pairing_one_open_proposal_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=F("mentor")), name="pairing_mentee_is_not_mentor"
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["program", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} ↔ {self.mentor} ({self.status})"

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT


class PairingFeedback(models.Model):
    """Short feedback when a pairing ends. Seen by coordinators, not by the other person."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(_("how helpful was this pairing? (1-5)"))
    comment = EncryptedTextField(_("anything you'd like to tell the coordinator"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pairing", "author"], name="feedback_once_per_author"),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="feedback_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.pairing_id}"
