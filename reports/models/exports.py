"""The record of every file a coordinator downloaded: who, what, with which parameters, when."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Program


class ExportKind(models.TextChoices):
    MEMBERS = "members", _("Members")
    PAIRINGS = "pairings", _("Pairings")
    MEETINGS = "meetings", _("Meetings")
    FUNDER = "funder", _("Funder report")


class ExportRecord(models.Model):
    """One download. Written before the file is streamed, so a download that breaks off
    half way is still on record."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(_("what"), max_length=16, choices=ExportKind.choices)
    # Dates of a range as ISO strings; never anyone's words.
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export record")
        indexes = [models.Index(fields=["program", "-created_at"], name="export_record_recent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} export #{self.pk}"
