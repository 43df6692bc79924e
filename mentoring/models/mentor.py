"""What a mentor leaves for a mentee: encouragement on a shared goal or check-in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from accounts.models import Membership

from .checkins import CheckIn
from .goals import Goal


class Encouragement(models.Model):
    """A mentor's note on a shared goal or check-in; the mentee sees it on their home page."""

    mentee = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="encouragements_received"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="encouragements"
    )
    checkin = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, null=True, blank=True, related_name="encouragements"
    )
    text = EncryptedTextField(_("Encouragement"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        # The mentee's history page lists theirs newest first.
        indexes = [models.Index(fields=["mentee", "-created_at"], name="encouragement_history")]

    def __str__(self) -> str:
        return f"Encouragement #{self.pk}"

    # No consent discloses another person's notes to the mentee (privacy.rules answers no).
    consent_category = None

    @property
    def consent_mentee_id(self) -> int:
        return self.mentee_id
