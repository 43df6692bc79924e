"""A mentee's habits and the days each was done."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership
from privacy.models import Category

from .visibility import Visibility


class Habit(models.Model):
    class Kind(models.TextChoices):
        RECOVERY_MEETING = "recovery_meeting", _("Attend a recovery meeting")
        EXERCISE = "exercise", _("Exercise")
        MINDFULNESS = "mindfulness", _("Mindfulness")
        JOURNALING = "journaling", _("Journaling")
        SLEEP = "sleep", _("Sleep routine")
        CUSTOM = "custom", _("My own habit")

    class Cadence(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="habits")
    name = models.CharField(_("Habit"), max_length=80)
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices, default=Kind.CUSTOM)
    cadence = models.CharField(
        _("How often"), max_length=8, choices=Cadence.choices, default=Cadence.DAILY
    )
    times_per_week = models.PositiveSmallIntegerField(
        _("Times per week"), default=1, help_text=_("For weekly habits.")
    )
    visibility = models.CharField(
        _("Who can see it"), max_length=8, choices=Visibility.choices, default=Visibility.SHARED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # Streaks, recomputed from the logs by the service on every log change so that pages read
    # them in O(1) whatever the length of the history. Daily habits count days, weekly habits
    # count weeks (Monday-based) that met times_per_week.
    last_run_start = models.DateField(null=True, blank=True)
    last_run_end = models.DateField(null=True, blank=True)
    last_run_length = models.PositiveIntegerField(default=0)
    longest_run = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(times_per_week__gte=1) & Q(times_per_week__lte=7),
                name="habit_times_per_week_1_7",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    # What a consent must cover to disclose it (privacy.rules.has_consent), and whose it is.
    consent_category = Category.GOALS_HABITS

    @property
    def consent_mentee_id(self) -> int:
        return self.membership_id


class HabitLog(models.Model):
    """One done-day of a habit (the person's local date)."""

    habit = models.ForeignKey(Habit, on_delete=models.CASCADE, related_name="logs")
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["habit", "date"], name="habitlog_once_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.habit} · {self.date}"
