"""Everything PeerPath holds about one person, as plain rows per record type: what "Download
my data" writes. Only the person's own data: of the people they worked with, only display
names; of meetings, only their own notes; of messages, what they sent and what others wrote
to them in conversations they take part in (not the coordinators' view of other members)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from accounts.models import Membership, User

from . import conversations, people, privacy, records
from .rows import Row

SECTIONS: dict[str, Callable[[User, list[Membership]], list[Row]]] = {
    "account": people.account,
    "memberships": people.memberships,
    "intake": people.intake,
    "pairings": people.pairings,
    "pairing_feedback": people.pairing_feedback,
    "goals": records.goals,
    "milestones": records.milestones,
    "habits": records.habits,
    "habit_logs": records.habit_logs,
    "checkins": records.checkins,
    "journal": records.journal,
    "recovery": records.recovery,
    "recovery_settings": records.recovery_settings,
    "encouragements": records.encouragements,
    "meetings": records.meetings,
    "action_items": records.action_items,
    "strategies": records.strategies,
    "event_rsvps": records.event_rsvps,
    "messages": conversations.messages,
    "message_reports": conversations.message_reports,
    "survey_answers": conversations.survey_answers,
    "notifications": conversations.notifications,
    "notification_settings": conversations.notification_settings,
    "consents": privacy.consents,
    "access_history": privacy.access_history,
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
