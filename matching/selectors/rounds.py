"""Bulk matching rounds as their coordinators review them."""

from __future__ import annotations

from django.http import Http404

from accounts.models import Membership, Program

from ..models import MatchingRound


def round_get_for_coordinator(*, coordinator: Membership, round_id: int) -> MatchingRound:
    """A matching round of the coordinator's own program; 404 for any other."""
    matching_round = (
        MatchingRound.objects.filter(program_id=coordinator.program_id, pk=round_id)
        .select_related("program", "created_by__profile")
        .first()
    )
    if matching_round is None:
        raise Http404
    return matching_round


def rounds_recent(*, program: Program, limit: int = 5) -> list[MatchingRound]:
    return list(MatchingRound.objects.filter(program=program).order_by("-created_at")[:limit])


def members_by_id(*, program: Program, ids) -> dict[int, Membership]:
    return (
        Membership.objects.filter(program=program, pk__in=set(ids))
        .select_related("user__profile")
        .in_bulk()
    )
