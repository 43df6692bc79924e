"""What the meeting views share: a meeting's display helpers, its page (also shown again with
a form's errors) and the overlap warning."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership
from audit.models import Action
from audit.services import audit_record
from matching.models import Pairing

from ..forms.meetings import DURATION_CHOICES, CancelForm, OtherTimeForm, ReflectionForm
from ..models import Meeting
from ..selectors.meetings import PLANNED, meeting_action_items, meetings_with_mentees
from .common import viewer_time_zone


def when_text(value, zone_name: str) -> str:
    return date_format(timezone.localtime(value, ZoneInfo(zone_name)), "D j M Y, H:i")


def meetings_index_url(membership: Membership) -> str:
    return reverse("meetings:index", kwargs={"program_slug": membership.program.slug})


def meeting_url(membership: Membership, meeting: Meeting) -> str:
    slug = membership.program.slug
    return reverse("meetings:detail", kwargs={"program_slug": slug, "meeting_id": meeting.pk})


def other_side(pairing: Pairing, membership: Membership) -> Membership:
    return pairing.mentor if pairing.mentee_id == membership.pk else pairing.mentee


def decorate_meetings(meetings, membership: Membership, user) -> list[Meeting]:
    """Display helpers on each meeting: the other person and who must answer."""
    for meeting in meetings:
        other = other_side(meeting.pairing, membership)
        meeting.other_name = other.user.display_name
        meeting.awaiting_me = meeting.awaiting_id == user.pk
        meeting.ends_at = meeting.starts_at + timedelta(minutes=meeting.duration_minutes)
        meeting.viewer_is_mentor = meeting.pairing.mentor_id == membership.pk
    return list(meetings)


def warn_overlaps(request, membership: Membership, overlaps: list[Meeting], zone: str) -> None:
    """A warning, not a refusal. The mentee is told the mentor is busy, never with whom."""
    if not overlaps:
        return
    overlaps = meetings_with_mentees(meetings=overlaps)
    if membership.is_mentor:
        names = "; ".join(
            _("%(name)s on %(when)s")
            % {"name": m.pairing.mentee.user.display_name, "when": when_text(m.starts_at, zone)}
            for m in overlaps
        )
        messages.warning(
            request,
            _("This overlaps with your meeting with %(overlaps)s. It was saved anyway.")
            % {"overlaps": names},
        )
    else:
        times = "; ".join(when_text(m.starts_at, zone) for m in overlaps)
        messages.warning(
            request,
            _(
                "Your mentor already has another meeting at that time (%(times)s). It was saved; "
                "they may propose another time."
            )
            % {"times": times},
        )


def meeting_page(
    request,
    membership: Membership,
    meeting: Meeting,
    *,
    other_form: OtherTimeForm | None = None,
    cancel_form: CancelForm | None = None,
    reflection_form: ReflectionForm | None = None,
    status: int = 200,
):
    zone = viewer_time_zone(request, membership)
    decorate_meetings([meeting], membership, request.user)
    pairing = meeting.pairing
    other = other_side(pairing, membership)
    other_zone = getattr(other.user, "profile", None)
    other_zone = other_zone.time_zone if other_zone else membership.program.time_zone
    now = timezone.now()
    current = pairing.status in Pairing.CURRENT
    planned = meeting.status in PLANNED
    is_mentee = pairing.mentee_id == membership.pk
    if not is_mentee:
        audit_record(
            action=Action.VIEW,
            actor=membership,
            subject=pairing.mentee,
            record=meeting,
            request=request,
        )
    can_change = current and planned and meeting.starts_at > now
    if other_form is None and can_change:
        other_form = OtherTimeForm(
            initial=OtherTimeForm.initial_from(meeting, zone), zone_name=zone
        )
    if reflection_form is None and is_mentee and meeting.status == Meeting.Status.HELD:
        reflection_form = ReflectionForm(initial={"text": meeting.mentee_reflection})
    return render(
        request,
        "mentoring/meetings/detail.html",
        {
            "membership": membership,
            "program": membership.program,
            "meeting": meeting,
            "viewer_zone": zone,
            "other": other,
            "other_zone": other_zone if other_zone != zone else "",
            "is_mentee": is_mentee,
            "current": current,
            "can_confirm": can_change
            and meeting.status == Meeting.Status.PROPOSED
            and meeting.awaiting_id == request.user.pk,
            "can_change": can_change,
            "can_log": not is_mentee and meeting.starts_at <= now,
            "other_form": other_form,
            "cancel_form": cancel_form or (CancelForm() if can_change else None),
            "reflection_form": reflection_form,
            "action_items": meeting_action_items(meeting=meeting),
            "duration_choices": DURATION_CHOICES,
            "detail_url": meeting_url(membership, meeting),
        },
        status=status,
    )
