"""Opening conversations, sending, deleting and reading messages.

- `pair_conversation_get_or_create(pairing)` and `coordinator_conversation_get_or_create(member)`
  make the one conversation of a pairing or of a member (the unique constraints settle a race).
- `message_send(*, conversation, author, body, submission_key)` checks the text and that the
  author may write now, stores the message once per form key, moves the author's read mark,
  and tells the others through notifications (at most one per conversation per 15 minutes
  while they have not read it). Returns `Sent(message, mentions_crisis)`.
- `message_delete(*, message, by)`: the author, within 15 minutes, unless it was reported.
- `conversation_mark_read(*, conversation, membership, up_to_id)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.services import form_submission_claim
from matching.models import Pairing
from notifications.services import notification_send

from ..access import other_people, write_refusal
from ..models import MESSAGE_MAX_LENGTH, Conversation, Message, ReadMark

DELETE_WINDOW = timedelta(minutes=15)
NOTIFY_AT_MOST_EVERY = timedelta(minutes=15)


@dataclass(frozen=True)
class Sent:
    message: Message
    mentions_crisis: bool


def _get_or_create(**lookup) -> Conversation:
    conversation = Conversation.objects.filter(**lookup).first()
    if conversation is not None:
        return conversation
    try:
        with transaction.atomic():
            return Conversation.objects.create(**lookup)
    except IntegrityError:
        return Conversation.objects.get(**lookup)


def pair_conversation_get_or_create(*, pairing: Pairing) -> Conversation:
    """The caller has checked the person may see this pairing (its mentee or current mentor)."""
    if pairing.activated_at is None:
        raise ValidationError(_("Messages open once both people have accepted the pairing."))
    return _get_or_create(
        program_id=pairing.program_id, kind=Conversation.Kind.PAIR, pairing=pairing
    )


def coordinator_conversation_get_or_create(*, member: Membership) -> Conversation:
    return _get_or_create(
        program_id=member.program_id, kind=Conversation.Kind.COORDINATORS, member=member
    )


@lru_cache(maxsize=8)
def _crisis_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(word.strip()) for word in words if word.strip())
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def mentions_crisis(text: str) -> bool:
    """Whether the text has a word or phrase from settings.MESSAGE_CRISIS_WORDS."""
    pattern = _crisis_pattern(tuple(settings.MESSAGE_CRISIS_WORDS))
    return bool(pattern and pattern.search(text))


def clean_body(body: str) -> str:
    """Line breaks kept (as \\n), outer blank space trimmed; raises ValidationError when
    nothing is left or it is over 4,000 characters."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    text = text.replace("\x00", "")
    if not text:
        raise ValidationError(_("Write a message first."), code="empty")
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("A message can be up to %(limit)s characters (this one has %(count)s).")
            % {"limit": f"{MESSAGE_MAX_LENGTH:,}", "count": f"{len(text):,}"},
            code="too_long",
        )
    return text


def conversation_url(conversation: Conversation, program_slug: str) -> str:
    return reverse(
        "messaging:conversation",
        kwargs={"program_slug": program_slug, "conversation_id": conversation.pk},
    )


def _notify(*, conversation: Conversation, message: Message, recipients) -> None:
    """One notification per recipient, unless they were told of this conversation in the last
    15 minutes and have not read it since (the read mark row is locked: two messages sent at
    once tell each person once)."""
    now = timezone.now()
    url = conversation_url(conversation, conversation.program.slug)
    for recipient in recipients:
        mark, _created = ReadMark.objects.get_or_create(
            conversation=conversation, membership=recipient
        )
        mark = ReadMark.objects.select_for_update().get(pk=mark.pk)
        unread_since_told = mark.last_read_id < mark.notified_message_id
        if mark.notified_at and mark.notified_at > now - NOTIFY_AT_MOST_EVERY and unread_since_told:
            continue
        notification_send(
            recipient=recipient.user,
            kind="new_message",
            key=f"new_message:{conversation.pk}:{message.pk}",
            url=url,
            program=conversation.program,
        )
        ReadMark.objects.filter(pk=mark.pk).update(notified_at=now, notified_message_id=message.pk)


@transaction.atomic
def message_send(
    *, conversation: Conversation, author: Membership, body: str, submission_key: str
) -> Sent:
    text = clean_body(body)
    # Read the pairing's state under a lock: a message never lands after the pairing ended.
    if conversation.kind == Conversation.Kind.PAIR:
        conversation.pairing = Pairing.objects.select_for_update().get(pk=conversation.pairing_id)
    refusal = write_refusal(conversation=conversation, membership=author)
    if refusal:
        raise ValidationError(refusal, code="closed")
    form_submission_claim(user=author.user, key=submission_key)
    message = Message.objects.create(conversation=conversation, author=author, body=text)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    conversation_mark_read(conversation=conversation, membership=author, up_to_id=message.pk)
    _notify(
        conversation=conversation,
        message=message,
        recipients=other_people(conversation=conversation, membership=author).select_related(
            "user"
        ),
    )
    return Sent(message=message, mentions_crisis=mentions_crisis(text))


def message_can_be_deleted(*, message: Message, by: Membership, now=None) -> bool:
    return (
        message.author_id == by.pk and (now or timezone.now()) - message.created_at <= DELETE_WINDOW
    )


@transaction.atomic
def message_delete(*, message: Message, by: Membership) -> None:
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.author_id != by.pk:
        raise PermissionDenied
    if not message_can_be_deleted(message=message, by=by):
        raise ValidationError(
            _("A message can be deleted only in the first 15 minutes after it was sent.")
        )
    if message.reports.exists():
        raise ValidationError(_("This message was reported, so it stays for the coordinators."))
    message.delete()


def conversation_mark_read(*, conversation: Conversation, membership: Membership, up_to_id: int):
    """Moves the person's read mark forward to `up_to_id` (never back)."""
    if not up_to_id:
        return
    updated = ReadMark.objects.filter(
        conversation=conversation, membership=membership, last_read_id__lt=up_to_id
    ).update(last_read_id=up_to_id)
    if not updated:
        try:
            with transaction.atomic():
                ReadMark.objects.get_or_create(
                    conversation=conversation,
                    membership=membership,
                    defaults={"last_read_id": up_to_id},
                )
        except IntegrityError:
            pass  # created meanwhile by a parallel request: its mark is at least as far on
