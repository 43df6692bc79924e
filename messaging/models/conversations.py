"""Conversations and messages.

Two kinds of conversation, one table:
- PAIR: one per pairing, between its mentee and its mentor. The mentee reads it for good;
  the mentor only while the pairing is current (messaging.access). Coordinators never read
  it, except a message a participant reports (MessageReport).
- COORDINATORS: one per member ("Ask the coordinators"), between that member and every
  coordinator of the program.

`ReadMark` is one person's place in one conversation: the last message id they have seen (the
unread count is the messages after it that others wrote, counted by index) and when they were
last told by notification (at most one per conversation per 15 minutes while unread).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.crypto import EncryptedCharField, EncryptedTextField
from accounts.models import Membership, Program
from matching.models import Pairing

MESSAGE_MAX_LENGTH = 4000
REPORT_REASON_MAX_LENGTH = 1000


class Conversation(models.Model):
    class Kind(models.TextChoices):
        PAIR = "pair", _("Mentor and mentee")
        COORDINATORS = "coordinators", _("Ask the coordinators")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    pairing = models.OneToOneField(
        Pairing, on_delete=models.CASCADE, null=True, blank=True, related_name="conversation"
    )
    member = models.OneToOneField(
        Membership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coordinator_conversation",
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Moved by each new message (the conversations page sorts by it).
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="pair", pairing__isnull=False, member__isnull=True)
                    | Q(kind="coordinators", pairing__isnull=True, member__isnull=False)
                ),
                name="conversation_kind_has_its_party",
            ),
        ]
        indexes = [
            models.Index(
                fields=["program", "kind", "-last_message_at"], name="conversation_program_recent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} conversation #{self.pk}"


class Message(models.Model):
    # No index of its own: message_conversation_id (conversation, id) leads with it.
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    author = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    body = EncryptedTextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message")
        constraints = [
            # The body is encrypted: the database sees a token, not its length (the service
            # and the field's validators check at most MESSAGE_MAX_LENGTH characters).
            models.CheckConstraint(condition=~Q(body=""), name="message_body_not_empty"),
        ]
        indexes = [
            # Keyset pages (id < before) and unread counts (id > last read) of one conversation.
            models.Index(fields=["conversation", "id"], name="message_conversation_id"),
        ]

    def __str__(self) -> str:
        return f"Message #{self.pk}"


class ReadMark(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    last_read_id = models.BigIntegerField(default=0)
    notified_at = models.DateTimeField(null=True, blank=True)
    notified_message_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "conversation"], name="readmark_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"Read mark #{self.pk}"


class MessageReport(models.Model):
    """A participant asks the coordinators to look at one message: the coordinator then sees
    that message and the reason, nothing else of the conversation."""

    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="reports")
    reporter = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    reason = EncryptedCharField(_("reason"), max_length=REPORT_REASON_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_note = EncryptedCharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("reported message")
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="report_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"Report #{self.pk}"
