"""One-time keys of forms that must not be sent twice."""

from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """A form's one-time key, claimed in the same transaction as the write it protects.

    A double click, a reload or the back button sends the same key again; the unique
    constraint refuses it, so the write happens once even when both posts race.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="form_submission_once"),
        ]

    def __str__(self) -> str:
        return f"Form submission {self.key[:8]}…"
