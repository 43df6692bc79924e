from .announcements import (  # noqa: F401
    ANNOUNCEMENT_BODY_MAX_LENGTH,
    ANNOUNCEMENT_TITLE_MAX_LENGTH,
    Announcement,
    AnnouncementRecipient,
)
from .conversations import (  # noqa: F401
    MESSAGE_MAX_LENGTH,
    REPORT_REASON_MAX_LENGTH,
    Conversation,
    Message,
    MessageReport,
    ReadMark,
)
