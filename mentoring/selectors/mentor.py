"""Reads for the mentor's side: their current mentees and the page of one mentee.

Only what the mentee shares feeds these (mentoring.access with the mentor's membership):
private goals, check-ins and the journal never do, and nothing here reveals that a private
item exists. A fixed number of queries whatever the years of data.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet, prefetch_related_objects

from accounts.models import Membership
from matching import selectors as matching_selectors
from matching.models import Pairing

from .. import access
from ..models import CheckIn, Encouragement, Goal, Milestone, Visibility
from .checkins import checkins_recent
from .goals import goal_progress, goals_for
from .habits import habits_for
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


def mentee_detail(*, mentor: Membership, mentee: Membership) -> dict:
    """What the mentor's page of one current mentee shows (the mentee comes through
    matching.selectors.mentee_get_for_mentor)."""
    # Only the pairing's own row: the page shows its status and links to it, and the people
    # are already loaded.
    pairing = matching_selectors.pairing_current_with_mentee(mentor=mentor, mentee=mentee)
    recent_checkins = checkins_recent(membership=mentee, viewer=mentor, limit=RECENT_CHECKINS)
    prefetch_related_objects(recent_checkins, _encouragements())
    shares_recovery = recovery_shared_with_mentor(mentee=mentee)
    return {
        "pairing": pairing,
        "goals": _mentee_goals(mentor=mentor, mentee=mentee),
        "recent_checkins": recent_checkins,
        "pending_outreach": list(
            pending_outreach(mentor=mentor, mentee=mentee)
            .order_by("date")
            .values_list("pk", flat=True)
        ),
        "habit_states": habits_for(membership=mentee, viewer=mentor),
        "recovery": recovery_summary(membership=mentee) if shares_recovery else None,
        "meetings": list(
            access.meetings_visible_to(mentor)
            .filter(pairing=pairing)
            .order_by("-starts_at")[:MEETINGS_SHOWN]
        ),
        "action_items": list(
            access.action_items_visible_to(mentor)
            .filter(pairing=pairing)
            .order_by("done_at", "due_date", "pk")
        ),
    }
