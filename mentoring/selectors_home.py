"""What the mentee and mentor homes show, read fresh on every load in a fixed number of
queries."""

from __future__ import annotations

from accounts.models import Membership, User
from matching import selectors as matching_selectors
from matching.models import Intake

from . import selectors, selectors_library, selectors_mentor
from .dashboard import dashboard_rows

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
    return _build(membership, viewer)
