"""A mentee's goals and their milestones."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.crypto import EncryptedCharField, EncryptedTextField
from accounts.models import Membership
from privacy.models import Category

from .visibility import Visibility


class GoalCategory(models.TextChoices):
    # SAMHSA's four dimensions of recovery, plus career and education.
    HEALTH = "health", _("Health")
    HOME = "home", pgettext_lazy("goal area: where a person lives", "Home")
    PURPOSE = "purpose", _("Purpose")
    COMMUNITY = "community", _("Community")
    CAREER = "career", _("Career")
    EDUCATION = "education", _("Education")


class Goal(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ACHIEVED = "achieved", _("Achieved")
        PAUSED = "paused", _("Paused")
        LET_GO = "let_go", _("Let go")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("Title"), max_length=120)
    category = models.CharField(_("Category"), max_length=16, choices=GoalCategory.choices)
    why = EncryptedTextField(_("Why it matters to me"), max_length=1000, blank=True)
    measure = EncryptedCharField(_("How I'll know I got there"), max_length=200, blank=True)
    target_date = models.DateField(_("Target date"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    visibility = models.CharField(
        _("Who can see it"), max_length=8, choices=Visibility.choices, default=Visibility.SHARED
    )
    manual_progress = models.PositiveSmallIntegerField(
        _("Progress (%)"),
        null=True,
        blank=True,
        help_text=_("Used when the goal has no milestones."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    achieved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "target_date", "pk"]
        indexes = [models.Index(fields=["membership", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(manual_progress__isnull=True) | Q(manual_progress__lte=100),
                name="goal_manual_progress_0_100",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # What a consent must cover to disclose it (privacy.rules.has_consent), and whose it is.
    consent_category = Category.GOALS_HABITS

    @property
    def consent_mentee_id(self) -> int:
        return self.membership_id


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Milestone"), max_length=120)
    due_date = models.DateField(_("Due date"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    # What a consent must cover to disclose it (privacy.rules.has_consent), and whose it is.
    consent_category = Category.GOALS_HABITS

    @property
    def consent_mentee_id(self) -> int:
        return self.goal.membership_id
