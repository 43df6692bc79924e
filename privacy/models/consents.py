"""Consent to disclose a mentee's records (42 CFR Part 2, § 2.31): who discloses (the program),
what (categories), to whom (the program's coordinators, or one named member), why, until
when, the right to revoke, and the person's signature. Checked at every read: an expired or
revoked consent opens nothing from that moment (no sweep)."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Program


class Category(models.TextChoices):
    """What a consent may cover. The journal is not among them, ever (only its author reads
    it); items the person marks Private stay private."""

    CHECKINS = "checkins", _("Check-ins: mood and craving scores and what you wrote")
    GOALS_HABITS = "goals_habits", _("Goals, milestones and habits")
    RECOVERY = "recovery", _("Recovery record: your recovery time and earlier periods")
    MEETINGS = "meetings", _("Meetings: times, notes and reflections")


# One boolean column per category: each is a plain, indexed filter at read time.
CATEGORY_FIELDS = {
    Category.CHECKINS: "covers_checkins",
    Category.GOALS_HABITS: "covers_goals_habits",
    Category.RECOVERY: "covers_recovery",
    Category.MEETINGS: "covers_meetings",
}


class RecipientKind(models.TextChoices):
    COORDINATORS = "coordinators", _("The program's coordinators")
    MEMBER = "member", _("One named member of the program")


class Purpose(models.TextChoices):
    SUPPORT = "support", _("Coordinating my support in the program")
    SUPERVISION = "supervision", _("Supervision of my mentoring")
    REFERRAL = "referral", _("Finding other services for me")
    OTHER = "other", _("Another purpose (described below)")


REVOCATION_STATEMENT = _(
    "You can revoke this consent at any time on your Sharing page. From that moment nobody "
    "can read these records through it; what was already read cannot be un-read. Your "
    "support in the program never depends on giving or keeping this consent."
)


class Consent(models.Model):
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="consents_given")
    # Who may disclose: the program the mentee's records belong to (the mentee's program).
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="consents")
    covers_checkins = models.BooleanField(default=False)
    covers_goals_habits = models.BooleanField(default=False)
    covers_recovery = models.BooleanField(default=False)
    covers_meetings = models.BooleanField(default=False)
    recipient_kind = models.CharField(max_length=16, choices=RecipientKind.choices)
    recipient = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents_received",
    )
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    purpose_detail = models.TextField(max_length=500, blank=True)
    # The statement of the right to revoke as the person saw it when signing.
    revocation_statement = models.TextField()
    expires_on = models.DateField()
    signature_name = models.CharField(max_length=120)
    signed_on = models.DateField()
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(covers_checkins=True)
                | Q(covers_goals_habits=True)
                | Q(covers_recovery=True)
                | Q(covers_meetings=True),
                name="consent_covers_something",
            ),
            models.CheckConstraint(
                condition=Q(recipient_kind=RecipientKind.COORDINATORS, recipient__isnull=True)
                | Q(recipient_kind=RecipientKind.MEMBER, recipient__isnull=False),
                name="consent_recipient_matches_kind",
            ),
            models.CheckConstraint(
                condition=~Q(recipient=F("mentee")), name="consent_not_to_oneself"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gte=F("signed_on")), name="consent_expires_after_signing"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=F("granted_at")),
                name="consent_revoked_after_granted",
            ),
            models.CheckConstraint(
                condition=~Q(purpose=Purpose.OTHER) | ~Q(purpose_detail=""),
                name="consent_other_purpose_described",
            ),
            models.CheckConstraint(condition=~Q(signature_name=""), name="consent_signed"),
        ]
        indexes = [
            # The read-time checks: "valid consents to this program's coordinators" and
            # "valid consents to this member".
            models.Index(
                fields=["program", "mentee"],
                condition=Q(revoked_at__isnull=True, recipient_kind="coordinators"),
                name="consent_live_to_coordinators",
            ),
            models.Index(
                fields=["recipient", "mentee"],
                condition=Q(revoked_at__isnull=True),
                name="consent_live_to_member",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent #{self.pk}"

    @property
    def categories(self) -> list[str]:
        return [category for category, field in CATEGORY_FIELDS.items() if getattr(self, field)]

    def get_categories_display(self) -> list[str]:
        return [Category(category).label for category in self.categories]

    def covers(self, category: str) -> bool:
        field = CATEGORY_FIELDS.get(category)
        return bool(field and getattr(self, field))
