"""The strategies library (lived experience) and what was shared into a mentee's toolkit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Program


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
