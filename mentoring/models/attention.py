"""The coordinators' "needs attention" queue: what a coordinator did about one item."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedCharField
from accounts.models import Membership, Program

FOLLOW_UP_NOTE_MAX_LENGTH = 500


class AttentionKind(models.TextChoices):
    # Most urgent first: the queue lists the kinds in this order.
    OUTREACH = "outreach", _("Asked for someone to reach out")
    # Worded as the mentor's notification is ("shared an update"): the queue says who needs
    # a follow-up, not why.
    RETURN_TO_USE = (
        "return_to_use",
        _("Shared an update with their mentor; no follow-up in 48 hours"),
    )
    NO_CHECKIN = "no_checkin", _("No check-in for 14 days")
    STALLED_PAIR = "stalled_pair", _("No meeting logged")
    PROPOSAL = "proposal", _("Proposal unanswered")


class AttentionFollowUp(models.Model):
    """A coordinator marked one item of the queue handled. An item is one occurrence: the
    subject (a check-in, a recovery period, a mentee, a pairing) and the day it started, so
    a pair that stalls again later comes back."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=AttentionKind.choices)
    subject_id = models.PositiveBigIntegerField()
    since = models.DateField()
    # The mentee the item is about (erasing them erases this record).
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    handled_at = models.DateTimeField(default=timezone.now)
    # The coordinator's own words: shown to coordinators, never in the admin.
    note = EncryptedCharField(_("Note"), max_length=FOLLOW_UP_NOTE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        constraints = [
            # A double-posted "mark handled" records one follow-up.
            models.UniqueConstraint(
                fields=["program", "kind", "subject_id", "since"],
                name="attention_follow_up_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Follow-up #{self.pk}"
