"""Reads for the mentor's side: their current mentees and the page of one mentee.

Only what the mentee shares feeds these (mentoring.access with the mentor's membership):
private goals, check-ins and the journal never do, and nothing here reveals that a private
item exists. A fixed number of queries whatever the years of data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone

from accounts.models import Membership
from matching import selectors as matching_selectors
from matching.models import Pairing

from .. import access
from ..models import ActionItem, CheckIn, Encouragement, Goal, Meeting, Milestone, Visibility
from ..services.time import local_today
from .checkins import checkins_recent
from .dashboard import FLAG_OUTREACH, MenteeRow
from .dashboard_words import dashboard_rows
from .goals import goal_progress, goals_for
from .habits import habits_for
from .meetings import PLANNED
from .recovery import recovery_shared_with_mentor, recovery_summary

RECENT_CHECKINS = 14
MEETINGS_SHOWN = 20


def current_mentees(*, mentor: Membership) -> list[Membership]:
    """The mentor's current mentees (active or paused pairing), by name."""
    mentees = (
        Membership.objects.filter(
            program_id=mentor.program_id,
            mentee_pairings__mentor=mentor,
            mentee_pairings__status__in=Pairing.CURRENT,
        )
        .select_related("user__profile")
        .distinct()
    )
    return sorted(mentees, key=lambda m: m.user.display_name.casefold())


def _encouragements() -> Prefetch:
    return Prefetch(
        "encouragements",
        queryset=Encouragement.objects.select_related("author__profile").order_by("-created_at"),
    )


def _mentee_goals(*, mentor: Membership, mentee: Membership) -> list[Goal]:
    goals = list(
        goals_for(membership=mentee, viewer=mentor).prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("position", "pk")),
            _encouragements(),
        )
    )
    for goal in goals:
        goal.progress = goal_progress(goal)
    # Active goals first; the rest keep the selector's order (status, target date).
    return sorted(goals, key=lambda goal: goal.status != Goal.Status.ACTIVE)


def pending_outreach(
    *, mentor: Membership, mentee: Membership, checkin_ids: list[int] | None = None
) -> QuerySet[CheckIn]:
    """The mentee's shared check-ins asking the mentor to reach out, not yet handled (only
    those among `checkin_ids` when given)."""
    queryset = access.checkins_visible_to(mentor).filter(
        membership=mentee,
        visibility=Visibility.SHARED,
        wants_outreach=True,
        outreach_handled_at__isnull=True,
    )
    if checkin_ids is not None:
        queryset = queryset.filter(pk__in=checkin_ids).select_related("membership")
    return queryset


@dataclass
class Attention:
    """What needs the mentor first on the page of one mentee, by the rules the rest of the
    product already uses: the dashboard's flags for this mentee (mentor_dashboard: outreach,
    a return to use they told, mood down, no check-in, no meeting logged), meetings waiting
    for the mentor's answer (the meetings page's rule), planned meetings that have passed
    without a log, and open action items past their due date."""

    reasons: list[tuple[str, str]] = field(default_factory=list)
    to_answer: list[Meeting] = field(default_factory=list)
    to_log: list[Meeting] = field(default_factory=list)
    overdue: list[ActionItem] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.reasons or self.to_answer or self.to_log or self.overdue)


def _attention(
    *,
    mentor: Membership,
    row: MenteeRow | None,
    meetings: list[Meeting],
    action_items: list[ActionItem],
    today: date,
) -> Attention:
    now = timezone.now()
    return Attention(
        # The outreach request has its own block, with its check-ins and buttons.
        reasons=[
            (flag, text)
            for flag, text in (row.flag_reasons if row else [])
            if flag != FLAG_OUTREACH
        ],
        to_answer=[
            m
            for m in meetings
            if m.status == Meeting.Status.PROPOSED
            and m.awaiting_id == mentor.user_id
            and m.starts_at >= now
        ],
        to_log=[
            m for m in meetings if m.status in PLANNED and m.starts_at < now and not m.logged_at
        ],
        overdue=[
            item
            for item in action_items
            if item.done_at is None and item.due_date is not None and item.due_date < today
        ],
    )


def mentee_detail(*, mentor: Membership, mentee: Membership) -> dict:
    """What the mentor's page of one current mentee shows (the mentee comes through
    matching.selectors.mentee_get_for_mentor)."""
    # Only the pairing's own row: the page shows its status and links to it, and the people
    # are already loaded.
    pairing = matching_selectors.pairing_current_with_mentee(mentor=mentor, mentee=mentee)
    recent_checkins = checkins_recent(membership=mentee, viewer=mentor, limit=RECENT_CHECKINS)
    prefetch_related_objects(recent_checkins, _encouragements())
    shares_recovery = recovery_shared_with_mentor(mentee=mentee)
    row = None
    if pairing is not None:
        pairing.mentee = mentee
        # The dashboard's row of this one mentee: its flags and next meeting, by its rules.
        row = dashboard_rows(membership=mentor, current_pairings=[pairing])[0]
    meetings = list(
        access.meetings_visible_to(mentor)
        .filter(pairing=pairing)
        .order_by("-starts_at")[:MEETINGS_SHOWN]
    )
    action_items = list(
        access.action_items_visible_to(mentor)
        .filter(pairing=pairing)
        .order_by("done_at", "due_date", "pk")
    )
    return {
        "pairing": pairing,
        "goals": _mentee_goals(mentor=mentor, mentee=mentee),
        "recent_checkins": recent_checkins,
        # The check-ins themselves: the page shows what the person wrote when they asked.
        "pending_outreach": list(pending_outreach(mentor=mentor, mentee=mentee).order_by("date")),
        "habit_states": habits_for(membership=mentee, viewer=mentor),
        "recovery": recovery_summary(membership=mentee) if shares_recovery else None,
        "meetings": meetings,
        "action_items": action_items,
        "next_meeting": row.next_meeting if row else None,
        "attention": _attention(
            mentor=mentor,
            row=row,
            meetings=meetings,
            action_items=action_items,
            today=row.today if row else local_today(mentee),
        ),
    }
