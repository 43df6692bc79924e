"""Program announcements: a coordinator's note to the whole program, one role, or a cohort.

The recipients are resolved once, when the announcement is posted (`AnnouncementRecipient`,
one row per person): someone who joins or is paired later does not get an old announcement,
and each person dismisses it for themselves.
"""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Program

ANNOUNCEMENT_TITLE_MAX_LENGTH = 120
ANNOUNCEMENT_BODY_MAX_LENGTH = 4000


class Announcement(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone in the program")
        MENTEES = "mentees", _("All mentees")
        MENTORS = "mentors", _("All mentors")
        MENTEES_PAIRED_BEFORE = "mentees_paired_before", _("Mentees paired before a date")
        MENTORS_WITH_CAPACITY = "mentors_with_capacity", _("Mentors with room for a new mentee")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    # Kept when the coordinator's membership is erased: the recipients still read it.
    author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=ANNOUNCEMENT_TITLE_MAX_LENGTH)
    body = models.TextField(_("announcement"), max_length=ANNOUNCEMENT_BODY_MAX_LENGTH)
    audience = models.CharField(_("who receives it"), max_length=32, choices=Audience.choices)
    cohort_date = models.DateField(_("paired before"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("announcement")
        constraints = [
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("title"), 1)
                & LessThanOrEqual(Length("title"), ANNOUNCEMENT_TITLE_MAX_LENGTH)
                & GreaterThanOrEqual(Length("body"), 1)
                & LessThanOrEqual(Length("body"), ANNOUNCEMENT_BODY_MAX_LENGTH),
                name="announcement_text_length",
            ),
            # The cohort audience needs its date; no other audience has one.
            models.CheckConstraint(
                condition=(
                    Q(audience="mentees_paired_before", cohort_date__isnull=False)
                    | (~Q(audience="mentees_paired_before") & Q(cohort_date__isnull=True))
                ),
                name="announcement_cohort_date_for_cohort_only",
            ),
        ]
        indexes = [
            models.Index(fields=["program", "-created_at"], name="announcement_program_recent"),
        ]

    def __str__(self) -> str:
        return f"Announcement #{self.pk}"


class AnnouncementRecipient(models.Model):
    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="recipients"
    )
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("announcement recipient")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "membership"], name="announcement_recipient_once"
            ),
        ]
        indexes = [
            # A person's home: what they have not dismissed, newest first.
            models.Index(
                fields=["membership", "-announcement"],
                condition=Q(dismissed_at__isnull=True),
                name="announcement_recipient_open",
            ),
        ]

    def __str__(self) -> str:
        return f"Announcement recipient #{self.pk}"
