"""The strategies library (lived experience) and what was shared into a mentee's toolkit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedCharField, EncryptedTextField
from accounts.models import Membership, Program

from .visibility import Visibility


class StrategyCategory(models.TextChoices):
    TRIGGERS = "triggers", _("Triggers")
    CRAVINGS = "cravings", _("Cravings")
    STRESS = "stress", _("Stress")
    JOB_SEARCH = "job_search", _("Job search")
    ROUTINES = "routines", _("Routines")
    OTHER = "other", _("Other")


class Strategy(models.Model):
    """A coping strategy or resource from lived experience. A mentor's own, or part of the
    program-wide library that coordinators curate."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="strategies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    category = models.CharField(_("Category"), max_length=16, choices=StrategyCategory.choices)
    title = models.CharField(_("Title"), max_length=120)
    body = models.TextField(_("What helps"), max_length=4000)
    link = models.URLField(_("Link (optional)"), blank=True)
    in_library = models.BooleanField(_("In the program library"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["category", "title"]
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title


class StrategyShare(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="shares")
    mentee = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="toolkit")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shared_at"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "mentee"], name="strategy_shared_once"),
        ]

    def __str__(self) -> str:
        return f"{self.strategy} → {self.mentee_id}"


class PersonalStrategy(models.Model):
    """A mentee's own strategy in their toolkit. Private unless they choose to share it with
    their mentor; never in the program library, never seen by coordinators."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="personal_strategies"
    )
    category = models.CharField(_("Category"), max_length=16, choices=StrategyCategory.choices)
    title = EncryptedCharField(_("Title"), max_length=120)
    body = EncryptedTextField(_("What I do"), max_length=4000)
    visibility = models.CharField(
        _("Who can see it"), max_length=8, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["membership", "visibility"])]
        verbose_name_plural = _("personal strategies")

    def __str__(self) -> str:
        # Never the title: this shows up in admin, logs and error reports.
        return f"Personal strategy #{self.pk}"

    # No consent covers it: its mentee, and their current mentor when shared (mentoring.rules).
    consent_category = None

    @property
    def consent_mentee_id(self) -> int:
        return self.membership_id
