"""The mentee's daily check-in."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedTextField
from accounts.models import Membership
from privacy.models import Category

from .visibility import Visibility

# After a check-in at or past these, the person's own confirmation offers support and the
# program's crisis resources.
LOW_MOOD_AT_MOST = 2
HIGH_CRAVING_AT_LEAST = 8


class CheckIn(models.Model):
    """One per person per program per local day; a second submission that day updates it."""

    # No index of its own: the unique (membership, date) leads with it.
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="checkins", db_index=False
    )
    date = models.DateField()
    mood = models.PositiveSmallIntegerField(_("Mood"))
    craving = models.PositiveSmallIntegerField(_("Craving"))
    helped = EncryptedTextField(_("What helped today"), max_length=2000, blank=True)
    hard = EncryptedTextField(_("What was hard"), max_length=2000, blank=True)
    wants_outreach = models.BooleanField(_("I'd like my mentor to reach out"), default=False)
    outreach_handled_at = models.DateTimeField(null=True, blank=True)
    visibility = models.CharField(
        _("Who can see it"), max_length=8, choices=Visibility.choices, default=Visibility.SHARED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "date"], name="checkin_once_per_day"),
            models.CheckConstraint(
                condition=Q(mood__gte=1) & Q(mood__lte=5), name="checkin_mood_1_5"
            ),
            models.CheckConstraint(condition=Q(craving__lte=10), name="checkin_craving_0_10"),
        ]
        indexes = [
            # Program figures over a window of days (the reports' trends, people served): an
            # index-only range scan instead of reading a year of check-ins.
            models.Index(fields=["date", "membership"], name="checkin_by_date"),
            # Open reach-out requests: a handful among a program's hundreds of thousands of
            # check-ins (the weekly summary counts them, the coordinator's lists show them).
            models.Index(
                fields=["membership"],
                condition=Q(wants_outreach=True, outreach_handled_at__isnull=True),
                name="checkin_open_outreach",
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in {self.date}"

    # What a consent must cover to disclose it (privacy.rules.has_consent), and whose it is.
    consent_category = Category.CHECKINS

    @property
    def consent_mentee_id(self) -> int:
        return self.membership_id

    @property
    def is_hard_day(self) -> bool:
        return self.mood <= LOW_MOOD_AT_MOST or self.craving >= HIGH_CRAVING_AT_LEAST
