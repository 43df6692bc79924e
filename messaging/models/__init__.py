from .conversations import (  # noqa: F401
    MESSAGE_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
    Conversation,
    Message,
    MessageReport,
    ReadMark,
)
