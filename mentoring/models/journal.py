"""The private journal."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedCharField, EncryptedTextField
from accounts.models import Membership


class JournalEntry(models.Model):
    """Private to its author, always: no mentor, coordinator, admin or export reads it."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="journal_entries"
    )
    title = EncryptedCharField(_("Title"), max_length=120, blank=True)
    body = EncryptedTextField(_("Entry"), max_length=20000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("journal entries")

    def __str__(self) -> str:
        # Never the text: this shows up in admin, logs and error reports.
        return f"Journal entry #{self.pk}"

    # No consent ever covers the journal (privacy.rules.has_consent answers no).
    consent_category = None

    @property
    def consent_mentee_id(self) -> int:
        return self.membership_id
