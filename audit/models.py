"""The audit trail: one row per view, change, export or sign-in touching a member's records.

Rows are append-only: a database trigger (migration 0002) refuses UPDATE and DELETE, so no
role, not even the admin or a raw SQL session of the application, edits or removes one. The
people and programs a row names are plain columns without foreign-key constraints: a row
outlives the erasure of the person it names. A row never holds what a record says, only its
kind and number.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER_AGENT_MAX_LENGTH = 200


class Action(models.TextChoices):
    VIEW = "view", _("viewed")
    CREATE = "create", _("created")
    CHANGE = "change", _("changed")
    DELETE = "delete", _("deleted")
    EXPORT = "export", _("exported")
    SIGN_IN = "sign_in", _("signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("failed to sign in")
    SIGN_OUT = "sign_out", _("signed out")
    ERASE = "erase", _("erased")
    CONSENT_GRANTED = "consent_granted", _("granted consent")
    CONSENT_REVOKED = "consent_revoked", _("revoked consent")


# What a person may be told others did with their records (the access history page).
DISCLOSURES = (Action.VIEW, Action.EXPORT, Action.CHANGE, Action.DELETE, Action.CREATE)


def _loose_fk(model, **kwargs):
    """A link that the database does not enforce: the row stays when the other one goes."""
    return models.ForeignKey(
        model,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        **kwargs,
    )


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor_user = _loose_fk(settings.AUTH_USER_MODEL, verbose_name=_("actor (person)"))
    actor_membership = _loose_fk("accounts.Membership", verbose_name=_("actor (membership)"))
    program = _loose_fk("accounts.Program", verbose_name=_("program"))
    subject = _loose_fk("accounts.Membership", verbose_name=_("whose records"))
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    record_type = models.CharField(_("record type"), max_length=40, blank=True)
    record_id = models.BigIntegerField(_("record number"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=USER_AGENT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["subject", "-at"], name="audit_subject_at"),
            models.Index(fields=["program", "-at"], name="audit_program_at"),
            models.Index(fields=["actor_user", "-at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"Audit event #{self.pk} ({self.action})"
