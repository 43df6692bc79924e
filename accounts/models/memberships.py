"""Memberships: a person's place and role in one program."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .programs import Program


class Role(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    COORDINATOR = "coordinator", _("Coordinator")


class Membership(models.Model):
    """A person's place in one program. One per person per program."""

    class Status(models.TextChoices):
        # Joined, but has not yet acknowledged the privacy notice.
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        LEFT = "left", _("Left")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INVITED
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    privacy_notice_version = models.PositiveIntegerField(null=True, blank=True)
    privacy_acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["program__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="membership_one_per_program"),
        ]
        indexes = [models.Index(fields=["program", "role", "status"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.program} · {self.get_role_display()}"

    @property
    def has_acknowledged_privacy(self) -> bool:
        return (
            self.privacy_notice_version is not None
            and self.privacy_notice_version >= self.program.privacy_notice_version
        )

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR

    @property
    def is_mentee(self) -> bool:
        return self.role == Role.MENTEE
