"""The mentee's workspace: goals and milestones, habits, check-ins, recovery time and the
private journal. Every record says explicitly whether it is shared with the mentor."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership


class Visibility(models.TextChoices):
    SHARED = "shared", _("Shared with my mentor")
    PRIVATE = "private", _("Private")


class GoalCategory(models.TextChoices):
    # SAMHSA's four dimensions of recovery, plus career and education.
    HEALTH = "health", _("Health")
    HOME = "home", _("Home")
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
    why = models.TextField(_("Why it matters to me"), max_length=1000, blank=True)
    measure = models.CharField(_("How I'll know I got there"), max_length=200, blank=True)
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


class CheckIn(models.Model):
    """One per person per program per local day; a second submission that day updates it."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField()
    mood = models.PositiveSmallIntegerField(_("Mood"))
    craving = models.PositiveSmallIntegerField(_("Craving"))
    helped = models.TextField(_("What helped today"), max_length=2000, blank=True)
    hard = models.TextField(_("What was hard"), max_length=2000, blank=True)
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

    def __str__(self) -> str:
        return f"Check-in {self.date}"


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
    end_note = models.TextField(_("Private note"), max_length=2000, blank=True)
    told_mentor = models.BooleanField(_("Tell my mentor"), default=False)
    # Whom it was told to: only that pairing's mentor sees it, never a later mentor.
    told_pairing = models.ForeignKey(
        "matching.Pairing", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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


class JournalEntry(models.Model):
    """Private to its author, always: no mentor, coordinator, admin or export reads it."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="journal_entries"
    )
    title = models.CharField(_("Title"), max_length=120, blank=True)
    body = models.TextField(_("Entry"), max_length=20000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        # Never the text: this shows up in admin, logs and error reports.
        return f"Journal entry #{self.pk}"


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
    text = models.TextField(_("Encouragement"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Encouragement #{self.pk}"
