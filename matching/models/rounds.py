"""Bulk matching rounds: computed proposals a coordinator reviews before sending."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Program

from .settings import MatchingSettings


class MatchingRound(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        READY = "ready", _("Ready to review")
        CONFIRMED = "confirmed", _("Confirmed")
        FAILED = "failed", _("Failed")
        DISCARDED = "discarded", _("Discarded")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="matching_rounds")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    objective = models.CharField(max_length=16, choices=MatchingSettings.Objective.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    mentee_ids = models.JSONField(default=list)
    # [{"mentee": id, "mentor": id, "score": float, "reasons": [...]}, ...]
    proposals = models.JSONField(default=list, blank=True)
    # [{"mentee": id, "reason": code}, ...]
    unmatched = models.JSONField(default=list, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Round {self.pk} · {self.program} · {self.get_status_display()}"
