"""Writes of messaging (see each module's docstring)."""

from .announcements import announcement_dismiss, announcement_post  # noqa: F401
from .conversations import (  # noqa: F401
    DELETE_WINDOW,
    Sent,
    clean_body,
    conversation_mark_read,
    conversation_url,
    coordinator_conversation_get_or_create,
    mentions_crisis,
    message_can_be_deleted,
    message_delete,
    message_send,
    pair_conversation_get_or_create,
)
from .reports import message_report, report_mark_handled  # noqa: F401
