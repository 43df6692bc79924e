"""What the mentee and mentor homes show, gathered in a fixed number of queries and kept in
the web process until a write changes it (accounts.freshness).

Which writes change a home is listed in one place, `mentoring.freshness`: a mentee's own
records change their home and their current mentor's; pairings, meetings and action items
change both people's; events, memberships, names and program settings change the program's.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import get_language

from accounts import freshness
from accounts.models import Membership, User
from matching import selectors as matching_selectors
from matching.models import Intake

from . import selectors, selectors_library, selectors_mentor
from .dashboard import dashboard_rows
from .services.time import local_today

UPCOMING_EVENTS = 3


def _build(membership: Membership, viewer: User) -> dict:
    data = {
        "pairing_state": matching_selectors.home_pairing_state(membership=membership),
        "intake": Intake.objects.filter(membership=membership).first(),
        "action_items": selectors_mentor.open_action_items(membership=membership),
        "upcoming_meetings": selectors_mentor.upcoming_meetings(membership=membership),
        "upcoming_events": selectors_library.upcoming_events(
            membership=membership, limit=UPCOMING_EVENTS, include_cancelled=False
        ),
    }
    if membership.is_mentee:
        data.update(selectors.mentee_home(membership=membership, viewer=viewer))
    if membership.is_mentor:
        # Who needs attention first, each row with its mood sparkline and flags in words.
        data["dashboard_rows"] = dashboard_rows(
            membership=membership, current_pairings=data["pairing_state"]["current"]
        )
    return data


def home_data(*, membership: Membership, viewer: User) -> dict:
    """The home's data for `viewer`, who is `membership`'s own person (program_view)."""
    data = freshness.kept(
        "home",
        scopes=[
            freshness.member_scope(membership.pk),
            freshness.program_scope(membership.program_id),
        ],
        # Ids with their creation times: a key can never match a different person, even in
        # a database whose ids were reset (flush) while a web process kept running.
        key=(
            viewer.pk,
            viewer.date_joined,
            membership.pk,
            membership.joined_at,
            membership.role,
            local_today(membership),
            get_language(),
        ),
        build=lambda: _build(membership, viewer),
    )
    # Kept data is shared by requests: copy what is filtered by the clock, never change it.
    now = timezone.now()
    state = data["pairing_state"]
    return {
        **data,
        "pairing_state": {
            **state,
            "proposed": [p for p in state["proposed"] if p.expires_at > now],
        },
        "upcoming_meetings": [
            m
            for m in data["upcoming_meetings"]
            if m.starts_at >= now - selectors_mentor.UPCOMING_GRACE
        ],
        "upcoming_events": [e for e in data["upcoming_events"] if e.starts_at > now],
    }
