"""Who hears about what happens in a pairing: each service calls one of these inside its own
transaction (the notifications app sends after commit). Keys name the event and the object, so
a retried or double-submitted action tells nobody twice. Never the actor, never a former
mentor: the other person is looked up from the current pairing."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Membership, Role, User
from matching.models import Pairing
from notifications.services import BulkRow, notification_send, notifications_send_bulk

from ..models import ActionItem, CheckIn, Encouragement, Meeting, RecoveryPeriod


def _other_name(user: User) -> dict:
    return {"other_name": user.display_name}


def meeting_notify(*, meeting: Meeting, kind: str, by: User) -> None:
    """meeting_proposed / _confirmed / _moved / _cancelled, to the other person of a current
    pairing. `meeting.sequence` grows with each change, so each change is its own event."""
    pairing = meeting.pairing
    if pairing.status not in Pairing.CURRENT:
        return
    other = pairing.mentor.user if pairing.mentee.user_id == by.pk else pairing.mentee.user
    if other.pk == by.pk:
        return
    program = pairing.program
    notification_send(
        recipient=other,
        kind=kind,
        key=f"{kind}:{meeting.pk}:{meeting.sequence}",
        url=reverse(
            "meetings:detail", kwargs={"program_slug": program.slug, "meeting_id": meeting.pk}
        ),
        program=program,
        context=_other_name(by),
    )


def encouragement_notify(*, encouragement: Encouragement) -> None:
    mentee = encouragement.mentee
    if mentee.user_id == encouragement.author_id:
        return
    program = mentee.program
    notification_send(
        recipient=mentee.user,
        kind="encouragement",
        key=f"encouragement:{encouragement.pk}",
        url=reverse("program_home", kwargs={"program_slug": program.slug}),
        program=program,
        context=_other_name(encouragement.author),
    )


def action_item_notify(*, item: ActionItem, by: User) -> None:
    if item.assignee.user_id == by.pk:
        return  # people don't need telling about the step they wrote for themselves
    program = item.pairing.program
    notification_send(
        recipient=item.assignee.user,
        kind="action_item",
        key=f"action_item:{item.pk}",
        url=reverse("meetings:index", kwargs={"program_slug": program.slug}),
        program=program,
        context=_other_name(by),
    )


def current_pairing(membership: Membership) -> Pairing | None:
    return (
        Pairing.objects.filter(mentee=membership, status__in=Pairing.CURRENT)
        .select_related("mentor__user")
        .first()
    )


def outreach_notify(*, checkin: CheckIn) -> None:
    """A new request to reach out: to the current mentor, or, with none (waiting, or between
    pairings), to every coordinator of the program. Safety kinds skip quiet hours."""
    membership = checkin.membership
    program = membership.program
    # Each new request is its own event; the same request saved twice is not.
    key_suffix = f"{checkin.pk}:{checkin.updated_at:%Y%m%d%H%M%S%f}"
    pairing = current_pairing(membership)
    if pairing is not None:
        notification_send(
            recipient=pairing.mentor.user,
            kind="outreach_requested",
            key=f"outreach_requested:{key_suffix}",
            url=reverse(
                "mentor:detail",
                kwargs={"program_slug": program.slug, "mentee_id": membership.pk},
            ),
            program=program,
            context=_other_name(membership.user),
        )
        return
    coordinators = Membership.objects.filter(
        program=program, role=Role.COORDINATOR, status=Membership.Status.ACTIVE
    ).values_list("user_id", flat=True)
    url = reverse(
        "matching_coord:suggestions",
        kwargs={"program_slug": program.slug, "mentee_id": membership.pk},
    )
    notifications_send_bulk(
        BulkRow(
            recipient_id=user_id,
            kind="outreach_unassigned",
            key=f"outreach_unassigned:{key_suffix}",
            url=url,
            program_id=program.pk,
        )
        for user_id in coordinators
        if user_id != membership.user_id
    )


def return_to_use_notify(*, period: RecoveryPeriod, pairing: Pairing) -> None:
    """The mentee chose to tell their current mentor. The wording says only "shared an
    update"; the page it links to is the mentor's view of their mentee."""
    membership = period.membership
    program = membership.program
    notification_send(
        recipient=pairing.mentor.user,
        kind="return_to_use_shared",
        key=f"return_to_use_shared:{period.pk}",
        url=reverse(
            "mentor:detail", kwargs={"program_slug": program.slug, "mentee_id": membership.pk}
        ),
        program=program,
        context=_other_name(membership.user),
    )
