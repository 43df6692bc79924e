from .conversations import (  # noqa: F401
    PAGE_SIZE,
    MessagesPage,
    conversation_list,
    messages_after,
    messages_page,
    unread_count,
)
