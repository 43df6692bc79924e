"""Invitations to join a program with a role."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .memberships import Role
from .programs import Program, new_token


class Invitation(models.Model):
    """A coordinator's invitation to join a program with a role, sent by email.

    The link carries a signed (invitation id, nonce) pair: a forged link fails the
    signature, an expired one fails max_age, a used one has accepted_at set.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    # The language the invitation email is written in (the invited person has no profile yet).
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nonce = models.CharField(max_length=64, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address per program: a double-posted form or two
            # coordinators at once cannot send two.
            models.UniqueConstraint(
                "program",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.program} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.is_expired():
            return "expired"
        return "pending"
