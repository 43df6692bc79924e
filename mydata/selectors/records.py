"""What the person recorded in mentoring: goals, habits, check-ins, journal, recovery,
encouragements, meetings (their own notes only), action items, strategies and events."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import Membership, User
from mentoring.models import (
    ActionItem,
    CheckIn,
    Encouragement,
    EventParticipant,
    Goal,
    Habit,
    HabitLog,
    JournalEntry,
    Meeting,
    Milestone,
    PersonalStrategy,
    RecoveryPeriod,
    RecoverySettings,
    Strategy,
    StrategyShare,
)

from .rows import Row, plain, rows_of


def goals(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
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
    return rows_of(
        Milestone.objects.filter(goal__membership__in=memberships),
        goal="goal_id",
        title="title",
        due_date="due_date",
        done_at="done_at",
    )


def habits(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
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
    return rows_of(
        HabitLog.objects.filter(habit__membership__in=memberships), habit="habit_id", date="date"
    )


def checkins(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
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
    return rows_of(
        JournalEntry.objects.filter(membership__in=memberships),
        program="membership__program__name",
        title="title",
        body="body",
        created_at="created_at",
        updated_at="updated_at",
    )


def recovery(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        RecoveryPeriod.objects.filter(membership__in=memberships),
        program="membership__program__name",
        started_on="started_on",
        ended_on="ended_on",
        private_note="end_note",
        told_mentor="told_mentor",
        told_at="told_at",
    )


def recovery_settings(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
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
            "created_at": plain(row["created_at"]),
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
                "starts_at": plain(meeting.starts_at),
                "duration_minutes": meeting.duration_minutes,
                "format": meeting.format,
                "location": meeting.location,
                "agenda": meeting.agenda,
                "actual_start": plain(meeting.actual_start),
                "actual_end": plain(meeting.actual_end),
                "contact_type": meeting.contact_type,
                # Only the person's own words: the mentor's log for the mentor, the
                # reflection for the mentee.
                "my_notes": meeting.mentee_reflection if i_am_mentee else meeting.narrative,
            }
        )
    return rows


def action_items(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        ActionItem.objects.filter(assignee__in=memberships),
        title="title",
        due_date="due_date",
        done_at="done_at",
        created_at="created_at",
    )


def strategies(user: User, memberships: list[Membership]) -> list[Row]:
    """Strategies the person wrote (as a mentor or coordinator), those shared into their
    toolkit, and their own personal ones (as a mentee)."""
    written = rows_of(
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
    shared = rows_of(
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
    own = rows_of(
        PersonalStrategy.objects.filter(membership__in=memberships),
        program="membership__program__name",
        title="title",
        category="category",
        body="body",
        visibility="visibility",
        created_at="created_at",
    )
    for row in own:
        row["source"] = "my own"
    return written + shared + own


def event_rsvps(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        EventParticipant.objects.filter(membership__in=memberships),
        program="event__program__name",
        event="event__title",
        starts_at="event__starts_at",
        rsvp="rsvp",
        responded_at="responded_at",
        attended="attended",
    )
