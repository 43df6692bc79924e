from .announcements import (  # noqa: F401
    announcement_audience,
    announcement_get_for_recipient,
    announcements_for_home,
    announcements_posted,
)
from .conversations import (  # noqa: F401
    PAGE_SIZE,
    MessagesPage,
    conversation_list,
    current_pairings,
    messages_after,
    messages_page,
    unread_count,
)
from .reports import report_list  # noqa: F401
