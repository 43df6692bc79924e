"""A member's page for their coordinators: who they are in the program, their pairings and
when they were last active. Dates and counts only, never the content of any record."""

from __future__ import annotations

from django.db.models import Max, Q

from accounts import selectors as account_selectors
from accounts.models import Membership
from matching import selectors as matching_selectors
from matching.models import Pairing

from ..models import CheckIn, Meeting


def member_last_activity(*, member: Membership) -> dict:
    """Dates of the last sign-in, check-in and held meeting (two queries)."""
    last_checkin = CheckIn.objects.filter(membership=member).aggregate(last=Max("date"))["last"]
    their_pairings = Pairing.objects.filter(Q(mentee=member) | Q(mentor=member)).values("pk")
    last_meeting = Meeting.objects.filter(
        pairing_id__in=their_pairings, status=Meeting.Status.HELD
    ).aggregate(last=Max("starts_at"))["last"]
    return {
        "last_login": member.user.last_login,
        "last_checkin": last_checkin,
        "last_meeting": last_meeting,
    }


def member_page(*, coordinator: Membership, member_id: int) -> dict:
    """Everything the member page shows, in a fixed number of queries. 404 for anyone
    outside the coordinator's program (the accounts door)."""
    member = account_selectors.member_get_for_coordinator(
        program=coordinator.program, member_id=member_id
    )
    data = {"member": member, **member_last_activity(member=member)}
    if member.is_mentee or member.is_mentor:
        data.update(matching_selectors.member_intake_summary(membership=member))
        data["pairings"] = matching_selectors.pairing_history(membership=member)
    return data
