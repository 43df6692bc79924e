"""Meetings, the pairings they belong to, and action items: see the package docstring."""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership
from matching.models import Pairing
from privacy.models import Category

from ..models import (
    ActionItem,
    Meeting,
)
from ..services.meeting_logs import can_still_log
from .records import _consenting

# MEETINGS, PAIRINGS AND ACTION ITEMS


def _pairing_side(membership: Membership) -> str:
    return "mentee" if membership.is_mentee else "mentor"


def meetings_visible_to(membership: Membership) -> QuerySet[Meeting]:
    """A mentee's meetings (all their pairings in this program) and a current mentor's. A
    former mentor sees none (see `meeting_get_for_late_log`). Whom a consent names reads the
    meetings of that mentee's pairings (mentoring.rules: view_meeting)."""
    consented = Q(pairing__mentee__in=_consenting(membership, Category.MEETINGS))
    if membership.is_mentee:
        return Meeting.objects.filter(Q(pairing__mentee=membership) | consented)
    if membership.is_mentor:
        return Meeting.objects.filter(
            Q(pairing__mentor=membership, pairing__status__in=Pairing.CURRENT) | consented
        )
    return Meeting.objects.filter(consented)


def meeting_get_for_member(
    *, membership: Membership, meeting_id: int, as_participant: bool = True
) -> Meeting:
    """A meeting of one of the member's pairings; both sides may answer it. With
    `as_participant=False`, also a meeting a consent lets this person read (never answer)."""
    perm = "mentoring.change_meeting" if as_participant else "mentoring.view_meeting"
    meeting = (
        Meeting.objects.filter(pk=meeting_id, pairing__program_id=membership.program_id)
        .select_related(
            "pairing__program",
            "pairing__mentee__user__profile",
            "pairing__mentor__user__profile",
        )
        .first()
    )
    if meeting is None or not rules.has_perm(perm, membership, meeting):
        raise Http404
    return meeting


def meeting_get_for_late_log(*, membership: Membership, meeting_id: int) -> Meeting:
    """A meeting the mentor may still log: of a current pairing, or of one that ended less
    than the program's `late_log_days` ago (late documentation). Nothing else opens."""
    meeting = (
        Meeting.objects.filter(pk=meeting_id, pairing__mentor=membership)
        .select_related("pairing__program", "pairing__mentee__user", "pairing__mentor__user")
        .first()
    )
    if meeting is None or not can_still_log(meeting.pairing):
        raise Http404
    return meeting


def pairing_get_for_late_log(*, membership: Membership, pairing_id: int) -> Pairing:
    pairing = (
        Pairing.objects.filter(pk=pairing_id, mentor=membership)
        .select_related("program", "mentee__user__profile", "mentor__user__profile")
        .first()
    )
    if pairing is None or not can_still_log(pairing):
        raise Http404
    return pairing


def pairings_for_meetings(membership: Membership) -> QuerySet[Pairing]:
    """The member's current pairings (the only ones meetings are planned in), oldest first."""
    return (
        Pairing.objects.filter(
            **{_pairing_side(membership): membership}, status__in=Pairing.CURRENT
        )
        .select_related("mentee__user__profile", "mentor__user__profile")
        .order_by("activated_at", "pk")
    )


def pairing_get_for_meeting(*, membership: Membership, pairing_id: int | None) -> Pairing:
    """A pairing to plan a meeting in: only one of the member's current pairings (404)."""
    pairing = None
    if pairing_id is not None:
        pairing = pairings_for_meetings(membership).filter(pk=pairing_id).first()
    if pairing is None:
        raise Http404
    return pairing


def action_items_visible_to(membership: Membership) -> QuerySet[ActionItem]:
    if membership.is_mentee:
        return ActionItem.objects.filter(pairing__mentee=membership)
    if membership.is_mentor:
        return ActionItem.objects.filter(
            pairing__mentor=membership, pairing__status__in=Pairing.CURRENT
        )
    return ActionItem.objects.none()


def action_item_get_for_member(*, membership: Membership, item_id: int) -> ActionItem:
    """Only the assignee checks an item off; anyone else gets 404."""
    item = (
        ActionItem.objects.filter(pk=item_id, pairing__program_id=membership.program_id)
        .select_related("pairing__mentee", "pairing__mentor", "assignee")
        .first()
    )
    if item is None or not rules.has_perm("mentoring.change_actionitem", membership, item):
        raise Http404
    return item
