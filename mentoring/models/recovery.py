"""Recovery time: the counter's settings and the periods of recovery."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from accounts.models import Membership
from privacy.models import Category


class RecoverySettings(models.Model):
    """A person's choices about the days-in-recovery counter."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="recovery_settings"
    )
    show_counter = models.BooleanField(_("Show my recovery counter"), default=True)
    share_with_mentor = models.BooleanField(
        _("Share my recovery time with my mentor"), default=False
    )

    def __str__(self) -> str:
        return f"Recovery settings · {self.membership_id}"


class RecoveryPeriod(models.Model):
    """A continuous stretch of recovery. A return to use ends one; history is kept."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="recovery_periods"
    )
    started_on = models.DateField(_("Recovery start date"))
    ended_on = models.DateField(null=True, blank=True)
    # The person's own note about the return to use that ended this period. Never shown to
    # anyone else.
    end_note = EncryptedTextField(_("Private note"), max_length=2000, blank=True)
    told_mentor = models.BooleanField(_("Tell my mentor"), default=False)
    # Whom it was told to: only that pairing's mentor sees it, never a later mentor.
    told_pairing = models.ForeignKey(
        "matching.Pairing", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When it was told: coordinators see a share nobody followed up within 48 hours.
    told_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=Q(ended_on__isnull=True),
                name="recovery_one_current_period",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="recovery_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Recovery from {self.started_on}"

    # What a consent must cover to disclose it (privacy.rules.has_consent), and whose it is.
    consent_category = Category.RECOVERY

    @property
    def consent_mentee_id(self) -> int:
        return self.membership_id
