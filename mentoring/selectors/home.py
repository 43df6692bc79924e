"""What the mentee and mentor homes show, read fresh on every load in a fixed number of
queries."""

from __future__ import annotations

from accounts.models import Membership
from matching import selectors as matching_selectors
from matching.models import Intake
from surveys.selectors import surveys_due_for

from ..models import Goal
from .checkins import checkin_today
from .dashboard_words import dashboard_rows
from .encouragements import latest_encouragement
from .events import upcoming_events
from .goals import goal_progress, goals_for
from .habits import habits_for
from .meetings import open_action_items, upcoming_meetings
from .recovery import recovery_summary

UPCOMING_EVENTS = 3


def mentee_home(*, membership: Membership) -> dict:
    """Everything the mentee home shows, in a fixed number of queries."""
    active = goals_for(membership=membership, viewer=membership, statuses=[Goal.Status.ACTIVE])
    goals = list(active[:5])
    for goal in goals:
        goal.progress = goal_progress(goal)
    return {
        "checkin": checkin_today(membership=membership),
        "habit_states": habits_for(membership=membership, viewer=membership),
        "active_goals": goals,
        "recovery": recovery_summary(membership=membership),
        "encouragement": latest_encouragement(membership=membership),
    }


def home_data(*, membership: Membership) -> dict:
    """Everything the member's own home shows (mentee or mentor), fresh on every load."""
    data = {
        "pairing_state": matching_selectors.home_pairing_state(membership=membership),
        "intake": Intake.objects.filter(membership=membership).first(),
        "action_items": open_action_items(membership=membership),
        "upcoming_meetings": upcoming_meetings(membership=membership),
        "upcoming_events": upcoming_events(
            membership=membership, limit=UPCOMING_EVENTS, include_cancelled=False
        ),
        "due_surveys": surveys_due_for(membership),
    }
    if membership.is_mentee:
        data.update(mentee_home(membership=membership))
    if membership.is_mentor:
        # Who needs attention first, each row with its mood sparkline and flags in words.
        data["dashboard_rows"] = dashboard_rows(
            membership=membership, current_pairings=data["pairing_state"]["current"]
        )
    return data
