"""Messages (sent by the person, and written to them), reports, survey answers,
notifications and settings."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import Membership, Role, User
from matching.models import Pairing
from mentoring.models import CalendarFeed
from messaging.models import Conversation, Message, MessageReport
from notifications.models import (
    CheckinReminder,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from surveys.models import Answer

from .rows import Row, plain, rows_of


def _my_conversations(memberships: list[Membership]) -> Q:
    """Conversations addressed to the person: their pairings' (a mentor's only while the
    pairing is current, as in messaging.access) and their own "Ask the coordinators"."""
    mine = Q(
        conversation__kind=Conversation.Kind.PAIR, conversation__pairing__mentee__in=memberships
    )
    mentors = [m for m in memberships if m.role == Role.MENTOR]
    if mentors:
        mine |= Q(
            conversation__kind=Conversation.Kind.PAIR,
            conversation__pairing__mentor__in=mentors,
            conversation__pairing__status__in=Pairing.CURRENT,
        )
    return mine | Q(conversation__member__in=memberships)


def messages(user: User, memberships: list[Membership]) -> list[Row]:
    queryset = Message.objects.filter(Q(author__in=memberships) | _my_conversations(memberships))
    rows = []
    for message in queryset.select_related("author__user__profile").order_by("pk"):
        rows.append(
            {
                "conversation": message.conversation_id,
                "from": "me"
                if message.author.user_id == user.pk
                else message.author.user.display_name,
                "body": message.body,
                "created_at": plain(message.created_at),
            }
        )
    return rows


def message_reports(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        MessageReport.objects.filter(reporter__in=memberships),
        message="message_id",
        reason="reason",
        created_at="created_at",
        handled_at="handled_at",
    )


def survey_answers(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        Answer.objects.filter(response__membership__in=memberships),
        questionnaire="response__questionnaire__title",
        occasion="response__due_key",
        submitted_at="response__submitted_at",
        question="item__text",
        value="value",
        text="text",
    )


def notifications(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        Notification.objects.filter(recipient=user),
        kind="kind",
        title="title",
        link="url",
        created_at="created_at",
        read_at="read_at",
    )


def notification_settings(user: User, memberships: list[Membership]) -> list[Row]:
    rows = rows_of(
        NotificationSettings.objects.filter(user=user),
        quiet_start="quiet_start",
        quiet_end="quiet_end",
        phone_number="phone_number",
        sms_opt_in="sms_opt_in",
    )
    rows += [
        {"kind": row["kind"], "channel": row["channel"]}
        for row in rows_of(
            NotificationPreference.objects.filter(user=user), kind="kind", channel="channel"
        )
    ]
    rows += [
        {"checkin_reminder_" + key: value for key, value in row.items()}
        for row in rows_of(
            CheckinReminder.objects.filter(membership__in=memberships),
            program="membership__program__name",
            enabled="enabled",
            local_time="local_time",
            days="days",
        )
    ]
    rows += [
        {"calendar_feed_created_at": row["created_at"]}
        for row in rows_of(CalendarFeed.objects.filter(user=user), created_at="created_at")
    ]
    return rows


# Record type (file name) → collector, in the order the task works through them.
