"""What coordinators edit about their program in PeerPath: its crisis resources, one row each
("Get help now" turns phone numbers into tel: and text lines into sms: links), and the record
of every change to the program's settings (who, when, what)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programs import Program


class CrisisResource(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="crisis_contacts")
    name = models.CharField(_("name"), max_length=120)
    note = models.CharField(_("when to use it"), max_length=200, blank=True)
    # E.164 ("+18006624357") or a short code ("988", "911") exactly as dialled.
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    text_number = models.CharField(_("text line number"), max_length=20, blank=True)
    text_keyword = models.CharField(_("word to text"), max_length=40, blank=True)
    web_url = models.URLField(_("web link"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("crisis resource")

    def __str__(self) -> str:
        return self.name


class ProgramChange(models.Model):
    """One changed setting: program content, never a member's words."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    setting = models.CharField(_("setting"), max_length=80)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("program change")
        indexes = [models.Index(fields=["program", "-changed_at"], name="program_change_recent")]

    def __str__(self) -> str:
        return f"{self.setting} changed"
