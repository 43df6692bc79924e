"""How a program's coordinators steer matching: weights, hard constraints and objective,
and do-not-pair rules."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Program

from .. import scoring

CRITERION_LABELS = {
    "focus": _("Focus areas"),
    "pathway": _("Recovery pathway"),
    "language": _("Shared language"),
    "availability": _("Availability"),
    "format": _("Meeting format"),
    "location": _("Region and time zone"),
    "interests": _("Interests"),
    "career": _("Career and industries"),
    "gender": _("Gender preference"),
}
HARD_CONSTRAINT_CHOICES = [
    ("gender", _("Respect gender preferences")),
    ("language", _("Require a shared language")),
    ("format", _("Require a shared meeting format")),
]


def default_weights() -> dict[str, float]:
    return dict(scoring.DEFAULT_WEIGHTS)


class MatchingSettings(models.Model):
    class Objective(models.TextChoices):
        MAX_TOTAL = "max_total", _("Best overall: the highest total compatibility")
        FAIREST = "fairest", _("Fairest: raise the lowest match first, then the total")

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, related_name="matching_settings"
    )
    weights = models.JSONField(_("criterion weights"), default=default_weights)
    hard_constraints = models.JSONField(_("hard constraints"), default=list, blank=True)
    objective = models.CharField(
        _("bulk matching objective"),
        max_length=16,
        choices=Objective.choices,
        default=Objective.MAX_TOTAL,
    )
    min_score = models.FloatField(_("lowest score to propose"), default=0.0)
    proposal_expiry_days = models.PositiveSmallIntegerField(
        _("proposals expire after (days)"), default=3
    )
    proposal_reminder_days = models.PositiveSmallIntegerField(
        _("remind people of an unanswered proposal after (days)"),
        default=3,
        help_text=_("Or one day before the proposal expires, if that comes first."),
    )
    mentee_acceptance_required = models.BooleanField(
        _("mentees accept proposals too"),
        default=True,
        help_text=_("Off: a coordinator's proposal stands for the mentee; the mentor accepts."),
    )
    self_match_enabled = models.BooleanField(
        _("mentees may request a mentor from their suggestions"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("matching settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_score__gte=0) & Q(min_score__lte=100),
                name="matching_settings_min_score_range",
            ),
            models.CheckConstraint(
                condition=Q(proposal_expiry_days__gte=1) & Q(proposal_expiry_days__lte=30),
                name="matching_settings_expiry_range",
            ),
            models.CheckConstraint(
                condition=Q(proposal_reminder_days__gte=1) & Q(proposal_reminder_days__lte=30),
                name="matching_settings_reminder_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Matching settings · {self.program}"


class DoNotPair(models.Model):
    """A coordinator's exclusion, e.g. a conflict of interest."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("do-not-pair rule")
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="donotpair_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"Do not pair {self.mentee_id} with {self.mentor_id}"
