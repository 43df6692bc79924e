"""Everything PeerPath holds about one person, as plain rows per record type: what "Download
my data" writes. Only the person's own data: of the people they worked with, only display
names; of meetings, only their own notes; of messages, what they sent and what others wrote
to them in conversations they take part in (not the coordinators' view of other members)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Q, QuerySet

from accounts.models import Membership, Role, User
from matching.models import Intake, Pairing, PairingFeedback
from mentoring.models import (
    ActionItem,
    CalendarFeed,
    CheckIn,
    Encouragement,
    EventParticipant,
    Goal,
    Habit,
    HabitLog,
    JournalEntry,
    Meeting,
    Milestone,
    RecoveryPeriod,
    RecoverySettings,
    Strategy,
    StrategyShare,
)
from messaging.models import Conversation, Message, MessageReport
from notifications.models import (
    CheckinReminder,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from surveys.models import Answer

Row = dict[str, object]


def _plain(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(queryset: QuerySet, **fields: str) -> list[Row]:
    """`fields` maps the exported column name to the model path (`program="program__name"`)."""
    paths = list(fields.values())
    return [
        {name: _plain(row[path]) for name, path in fields.items()}
        for row in queryset.values(*paths).order_by("pk")
    ]


def account(user: User, memberships: list[Membership]) -> list[Row]:
    profile = user.profile
    return [
        {
            "email": user.email,
            "date_joined": _plain(user.date_joined),
            "last_login": _plain(user.last_login),
            "display_name": profile.display_name,
            "pronouns": profile.pronouns,
            "time_zone": profile.time_zone,
            "preferred_language": profile.preferred_language,
            "email_reminders": profile.email_reminders,
            "email_updates": profile.email_updates,
        }
    ]


def memberships(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        Membership.objects.filter(user=user),
        program="program__name",
        role="role",
        status="status",
        joined_at="joined_at",
        left_at="left_at",
        privacy_notice_version="privacy_notice_version",
        privacy_acknowledged_at="privacy_acknowledged_at",
    )


def intake(user: User, memberships: list[Membership]) -> list[Row]:
    fields = {
        name: name
        for name in (
            "focus_areas",
            "pathways",
            "languages",
            "availability",
            "formats",
            "region",
            "time_zone",
            "gender",
            "gender_preference",
            "interests",
            "bio",
            "lived_experience",
            "years_in_recovery",
            "professional_background",
            "industries",
            "capacity",
            "paused",
            "submitted_at",
        )
    }
    return _rows(
        Intake.objects.filter(membership__in=memberships),
        program="membership__program__name",
        **fields,
    )


def pairings(user: User, memberships: list[Membership]) -> list[Row]:
    rows = []
    queryset = (
        Pairing.objects.filter(Q(mentee__in=memberships) | Q(mentor__in=memberships))
        .select_related("program", "mentee__user__profile", "mentor__user__profile")
        .order_by("pk")
    )
    for pairing in queryset:
        i_am_mentee = pairing.mentee.user_id == user.pk
        other = pairing.mentor if i_am_mentee else pairing.mentee
        rows.append(
            {
                "id": pairing.pk,
                "program": pairing.program.name,
                "my_role": "mentee" if i_am_mentee else "mentor",
                "other_person": other.user.display_name,
                "status": pairing.status,
                "proposed_at": _plain(pairing.proposed_at),
                "activated_at": _plain(pairing.activated_at),
                "closed_at": _plain(pairing.closed_at),
            }
        )
    return rows


def pairing_feedback(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        PairingFeedback.objects.filter(author=user),
        pairing="pairing_id",
        rating="rating",
        comment="comment",
        created_at="created_at",
    )


def goals(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        Goal.objects.filter(membership__in=memberships),
        id="id",
        program="membership__program__name",
        title="title",
        category="category",
        why="why",
        measure="measure",
        target_date="target_date",
        status="status",
        visibility="visibility",
        manual_progress="manual_progress",
        created_at="created_at",
        achieved_at="achieved_at",
    )


def milestones(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        Milestone.objects.filter(goal__membership__in=memberships),
        goal="goal_id",
        title="title",
        due_date="due_date",
        done_at="done_at",
    )


def habits(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        Habit.objects.filter(membership__in=memberships),
        id="id",
        program="membership__program__name",
        name="name",
        kind="kind",
        cadence="cadence",
        times_per_week="times_per_week",
        visibility="visibility",
        created_at="created_at",
        archived_at="archived_at",
        longest_run="longest_run",
    )


def habit_logs(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        HabitLog.objects.filter(habit__membership__in=memberships), habit="habit_id", date="date"
    )


def checkins(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        CheckIn.objects.filter(membership__in=memberships),
        program="membership__program__name",
        date="date",
        mood="mood",
        craving="craving",
        helped="helped",
        hard="hard",
        wants_outreach="wants_outreach",
        visibility="visibility",
        created_at="created_at",
    )


def journal(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        JournalEntry.objects.filter(membership__in=memberships),
        program="membership__program__name",
        title="title",
        body="body",
        created_at="created_at",
        updated_at="updated_at",
    )


def recovery(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        RecoveryPeriod.objects.filter(membership__in=memberships),
        program="membership__program__name",
        started_on="started_on",
        ended_on="ended_on",
        private_note="end_note",
        told_mentor="told_mentor",
        told_at="told_at",
    )


def recovery_settings(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        RecoverySettings.objects.filter(membership__in=memberships),
        program="membership__program__name",
        show_counter="show_counter",
        share_with_mentor="share_with_mentor",
    )


def encouragements(user: User, memberships: list[Membership]) -> list[Row]:
    """Notes a mentor left for the person, and notes the person left as a mentor."""
    queryset = Encouragement.objects.filter(Q(mentee__in=memberships) | Q(author=user))
    return [
        {
            "direction": "written by me" if row["author_id"] == user.pk else "received",
            "text": row["text"],
            "created_at": _plain(row["created_at"]),
        }
        for row in queryset.values("author_id", "text", "created_at").order_by("pk")
    ]


def meetings(user: User, memberships: list[Membership]) -> list[Row]:
    rows = []
    queryset = (
        Meeting.objects.filter(
            Q(pairing__mentee__in=memberships) | Q(pairing__mentor__in=memberships)
        )
        .select_related("pairing__mentee")
        .order_by("pk")
    )
    for meeting in queryset:
        i_am_mentee = meeting.pairing.mentee.user_id == user.pk
        rows.append(
            {
                "id": meeting.pk,
                "pairing": meeting.pairing_id,
                "status": meeting.status,
                "starts_at": _plain(meeting.starts_at),
                "duration_minutes": meeting.duration_minutes,
                "format": meeting.format,
                "location": meeting.location,
                "agenda": meeting.agenda,
                "actual_start": _plain(meeting.actual_start),
                "actual_end": _plain(meeting.actual_end),
                "contact_type": meeting.contact_type,
                # Only the person's own words: the mentor's log for the mentor, the
                # reflection for the mentee.
                "my_notes": meeting.mentee_reflection if i_am_mentee else meeting.narrative,
            }
        )
    return rows


def action_items(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        ActionItem.objects.filter(assignee__in=memberships),
        title="title",
        due_date="due_date",
        done_at="done_at",
        created_at="created_at",
    )


def strategies(user: User, memberships: list[Membership]) -> list[Row]:
    """Strategies the person wrote, and those shared into their toolkit."""
    written = _rows(
        Strategy.objects.filter(author=user),
        program="program__name",
        title="title",
        category="category",
        body="body",
        link="link",
        in_library="in_library",
        created_at="created_at",
    )
    for row in written:
        row["source"] = "written by me"
    shared = _rows(
        StrategyShare.objects.filter(mentee__in=memberships),
        program="strategy__program__name",
        title="strategy__title",
        category="strategy__category",
        body="strategy__body",
        link="strategy__link",
        in_library="strategy__in_library",
        created_at="shared_at",
    )
    for row in shared:
        row["source"] = "shared with me"
    return written + shared


def event_rsvps(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        EventParticipant.objects.filter(membership__in=memberships),
        program="event__program__name",
        event="event__title",
        starts_at="event__starts_at",
        rsvp="rsvp",
        responded_at="responded_at",
        attended="attended",
    )


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
                "created_at": _plain(message.created_at),
            }
        )
    return rows


def message_reports(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        MessageReport.objects.filter(reporter__in=memberships),
        message="message_id",
        reason="reason",
        created_at="created_at",
        handled_at="handled_at",
    )


def survey_answers(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        Answer.objects.filter(response__membership__in=memberships),
        questionnaire="response__questionnaire__title",
        occasion="response__due_key",
        submitted_at="response__submitted_at",
        question="item__text",
        value="value",
        text="text",
    )


def notifications(user: User, memberships: list[Membership]) -> list[Row]:
    return _rows(
        Notification.objects.filter(recipient=user),
        kind="kind",
        title="title",
        link="url",
        created_at="created_at",
        read_at="read_at",
    )


def notification_settings(user: User, memberships: list[Membership]) -> list[Row]:
    rows = _rows(
        NotificationSettings.objects.filter(user=user),
        quiet_start="quiet_start",
        quiet_end="quiet_end",
        phone_number="phone_number",
        sms_opt_in="sms_opt_in",
    )
    rows += [
        {"kind": row["kind"], "channel": row["channel"]}
        for row in _rows(
            NotificationPreference.objects.filter(user=user), kind="kind", channel="channel"
        )
    ]
    rows += [
        {"checkin_reminder_" + key: value for key, value in row.items()}
        for row in _rows(
            CheckinReminder.objects.filter(membership__in=memberships),
            program="membership__program__name",
            enabled="enabled",
            local_time="local_time",
            days="days",
        )
    ]
    rows += [
        {"calendar_feed_created_at": row["created_at"]}
        for row in _rows(CalendarFeed.objects.filter(user=user), created_at="created_at")
    ]
    return rows


# Record type (file name) → collector, in the order the task works through them.
SECTIONS: dict[str, Callable[[User, list[Membership]], list[Row]]] = {
    "account": account,
    "memberships": memberships,
    "intake": intake,
    "pairings": pairings,
    "pairing_feedback": pairing_feedback,
    "goals": goals,
    "milestones": milestones,
    "habits": habits,
    "habit_logs": habit_logs,
    "checkins": checkins,
    "journal": journal,
    "recovery": recovery,
    "recovery_settings": recovery_settings,
    "encouragements": encouragements,
    "meetings": meetings,
    "action_items": action_items,
    "strategies": strategies,
    "event_rsvps": event_rsvps,
    "messages": messages,
    "message_reports": message_reports,
    "survey_answers": survey_answers,
    "notifications": notifications,
    "notification_settings": notification_settings,
}


def person_data(
    *, user: User, on_section: Callable[[int, int], None] | None = None
) -> dict[str, list[Row]]:
    """Every section for `user`; `on_section(done, total)` after each (progress)."""
    own = list(Membership.objects.filter(user=user).select_related("program"))
    data: dict[str, list[Row]] = {}
    for done, (name, collect) in enumerate(SECTIONS.items(), start=1):
        data[name] = collect(user, own)
        if on_section is not None:
            on_section(done, len(SECTIONS))
    return data


def columns(rows: Iterable[Row]) -> list[str]:
    """Every column any row has, in first-seen order (a section may mix row shapes)."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(key, None)
    return list(seen)
