"""Messages in the admin: that conversations and messages exist, who and when, never what
anyone wrote (no body, no report reason). Read-only: the services are the only writers."""

from django.contrib import admin

from accounts.admin import RecordAdmin

from ..models import Conversation, Message, MessageReport, ReadMark
from . import announcements  # noqa: F401  (registers its admins)

MEMBER_SEARCH = ["member__user__email", "member__user__profile__display_name"]


class MessagingAdmin(RecordAdmin):
    read_only = True
    can_delete = False
    str_is_safe = True  # "Message #12", "pair conversation #3": kinds and numbers only


@admin.register(Conversation)
class ConversationAdmin(MessagingAdmin):
    list_display = ["record", "program", "kind", "created_at", "last_message_at"]
    list_filter = ["kind"]
    search_fields = [
        "pairing__mentee__user__email",
        "pairing__mentor__user__email",
        *MEMBER_SEARCH,
    ]
    list_select_related = ["program"]
    fields = ["program", "kind", "pairing", "member", "created_at", "last_message_at"]


@admin.register(Message)
class MessageAdmin(MessagingAdmin):
    list_display = ["record", "conversation", "author", "created_at"]
    search_fields = ["author__user__email", "author__user__profile__display_name"]
    list_select_related = ["conversation", "author__user"]
    fields = ["conversation", "author", "created_at"]


@admin.register(ReadMark)
class ReadMarkAdmin(MessagingAdmin):
    list_display = ["record", "conversation", "membership", "last_read_id", "notified_at"]
    search_fields = ["membership__user__email"]
    fields = ["conversation", "membership", "last_read_id", "notified_at"]


@admin.register(MessageReport)
class MessageReportAdmin(MessagingAdmin):
    list_display = ["record", "message", "reporter", "created_at", "handled_at"]
    search_fields = ["reporter__user__email"]
    fields = ["message", "reporter", "created_at", "handled_at", "handled_by"]
