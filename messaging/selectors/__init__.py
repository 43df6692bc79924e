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
