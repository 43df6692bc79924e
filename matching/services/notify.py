"""Who hears about a pairing proposal and its answers. Called inside the services'
transactions; the notifications app sends after commit. Keys name the event and the pairing,
so a retried or double-submitted action tells nobody twice, and the actor is never told."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Membership, Role
from notifications.services import BulkRow, notifications_send_bulk

from ..models import Pairing


def _pairing_url(*, slug: str, pairing_id: int) -> str:
    return reverse(
        "matching:pairing_detail", kwargs={"program_slug": slug, "pairing_id": pairing_id}
    )


def _proposal_rows(*, pairing_id, mentee_user_id, mentor_user_id, mentee_answers, program):
    url = _pairing_url(slug=program.slug, pairing_id=pairing_id)
    answering = [mentor_user_id] + ([mentee_user_id] if mentee_answers else [])
    return [
        BulkRow(
            recipient_id=user_id,
            kind="pairing_proposed",
            key=f"pairing_proposed:{pairing_id}",
            url=url,
            program_id=program.pk,
        )
        for user_id in answering
    ]


def proposal_notify(*, pairing: Pairing) -> None:
    """A new proposal: to each person who must answer (the mentor; the mentee too unless
    they have accepted already: a self-match request, or a program where the coordinator's
    proposal stands for the mentee)."""
    notifications_send_bulk(
        _proposal_rows(
            pairing_id=pairing.pk,
            mentee_user_id=pairing.mentee.user_id,
            mentor_user_id=pairing.mentor.user_id,
            mentee_answers=pairing.mentee_accepted_at is None,
            program=pairing.program,
        )
    )


def round_proposals_notify(*, round_id: int, program) -> None:
    """Every proposal of a confirmed round, in one bulk call (a few queries per 1,000)."""
    rows = []
    for pairing_id, mentee_user_id, mentor_user_id, mentee_accepted_at in Pairing.objects.filter(
        round_id=round_id, status=Pairing.Status.PROPOSED
    ).values_list("pk", "mentee__user_id", "mentor__user_id", "mentee_accepted_at"):
        rows += _proposal_rows(
            pairing_id=pairing_id,
            mentee_user_id=mentee_user_id,
            mentor_user_id=mentor_user_id,
            mentee_answers=mentee_accepted_at is None,
            program=program,
        )
    notifications_send_bulk(rows)


def answer_notify(*, pairing: Pairing, kind: str, by: Membership, key: str) -> None:
    """pairing_accepted / pairing_declined: to the other side of the pairing and to the
    coordinator who proposed it (a mentee's own request: the program's coordinators)."""
    program = pairing.program
    sides = Membership.objects.filter(pk__in=[pairing.mentee_id, pairing.mentor_id])
    other_side = [m.user_id for m in sides if m.pk != by.pk]
    coordinators = list(
        Membership.objects.filter(
            program_id=pairing.program_id, role=Role.COORDINATOR, status=Membership.Status.ACTIVE
        ).values_list("user_id", flat=True)
    )
    if pairing.proposed_by_id in coordinators:
        coordinators = [pairing.proposed_by_id]
    member_url = _pairing_url(slug=program.slug, pairing_id=pairing.pk)
    board_url = reverse("matching_coord:board", kwargs={"program_slug": program.slug})
    rows = [(user_id, member_url) for user_id in other_side]
    rows += [(user_id, board_url) for user_id in coordinators if user_id not in other_side]
    notifications_send_bulk(
        BulkRow(
            recipient_id=user_id,
            kind=kind,
            key=key,
            url=url,
            program_id=program.pk,
            context={"other_name": by.user.display_name},
        )
        for user_id, url in rows
        if user_id != by.user_id
    )
