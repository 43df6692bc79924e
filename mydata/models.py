"""A person's download of their own data, and where it is in its short life."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a ready download stays on the server.
EXPORT_LIFETIME = timedelta(hours=24)


def new_download_token() -> str:
    return secrets.token_urlsafe(32)


class DataExport(models.Model):
    """One "Download my data" request. The zip lives outside every public path
    (settings.MYDATA_EXPORT_DIR) and is served only to its owner until `expires_at`."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    IN_PROGRESS = (Status.QUEUED, Status.RUNNING)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # Relative to settings.MYDATA_EXPORT_DIR; empty until the zip is written.
    file_path = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveBigIntegerField(default=0)
    token = models.CharField(max_length=64, unique=True, default=new_download_token)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("data export")
        constraints = [
            # One export being prepared per person: a double submit makes one.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["queued", "running"]),
                name="data_export_one_in_progress",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="data_export_progress"),
        ]

    def __str__(self) -> str:
        return f"Data export #{self.pk} ({self.status})"

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    def is_downloadable(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == self.Status.READY
            and bool(self.file_path)
            and self.expires_at is not None
            and self.expires_at > now
        )
