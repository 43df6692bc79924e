"""Meetings between a mentee and their mentor: the list, proposing one, answering it (confirm,
another time, cancel), the .ics file and the mentee's reflection. Every meeting is opened
through mentoring.access with the viewer's membership; every time is entered and shown in
the viewer's own time zone."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from matching.models import Pairing

from .. import access, services
from ..calendar import meeting_ics
from ..forms.meetings import (
    DURATION_CHOICES,
    CancelForm,
    OtherTimeForm,
    ProposeForm,
    ReflectionForm,
)
from ..models import Meeting
from ..selectors.meetings import (
    PLANNED,
    late_documentation,
    meeting_action_items,
    meetings_past,
    meetings_upcoming,
    meetings_with_mentees,
    open_action_items,
)
from .common import (
    NOTHING_SAVED,
    add_service_errors,
    parse_id,
    safe_next,
    viewer_time_zone,
)

PAST_LIMIT = 50


def _when(value, zone_name: str) -> str:
    return date_format(timezone.localtime(value, ZoneInfo(zone_name)), "D j M Y, H:i")


def _index_url(membership: Membership) -> str:
    return reverse("meetings:index", kwargs={"program_slug": membership.program.slug})


def _detail_url(membership: Membership, meeting: Meeting) -> str:
    slug = membership.program.slug
    return reverse("meetings:detail", kwargs={"program_slug": slug, "meeting_id": meeting.pk})


def _other(pairing: Pairing, membership: Membership) -> Membership:
    return pairing.mentor if pairing.mentee_id == membership.pk else pairing.mentee


def _decorate(meetings, membership: Membership, user) -> list[Meeting]:
    """Display helpers on each meeting: the other person and who must answer."""
    for meeting in meetings:
        other = _other(meeting.pairing, membership)
        meeting.other_name = other.user.display_name
        meeting.awaiting_me = meeting.awaiting_id == user.pk
        meeting.ends_at = meeting.starts_at + timedelta(minutes=meeting.duration_minutes)
        meeting.viewer_is_mentor = meeting.pairing.mentor_id == membership.pk
    return list(meetings)


def _warn_overlaps(request, membership: Membership, overlaps: list[Meeting], zone: str) -> None:
    """A warning, not a refusal. The mentee is told the mentor is busy, never with whom."""
    if not overlaps:
        return
    overlaps = meetings_with_mentees(meetings=overlaps)
    if membership.is_mentor:
        names = "; ".join(
            _("%(name)s on %(when)s")
            % {"name": m.pairing.mentee.user.display_name, "when": _when(m.starts_at, zone)}
            for m in overlaps
        )
        messages.warning(
            request,
            _("This overlaps with your meeting with %(overlaps)s. It was saved anyway.")
            % {"overlaps": names},
        )
    else:
        times = "; ".join(_when(m.starts_at, zone) for m in overlaps)
        messages.warning(
            request,
            _(
                "Your mentor already has another meeting at that time (%(times)s). It was saved; "
                "they may propose another time."
            )
            % {"times": times},
        )


@program_view(Role.MENTEE, Role.MENTOR)
def index(request, membership: Membership):
    user = request.user
    now = timezone.now()
    upcoming = _decorate(meetings_upcoming(membership=membership, now=now), membership, user)
    upcoming.sort(key=lambda m: (not (m.awaiting_me and m.status == Meeting.Status.PROPOSED),))
    past = _decorate(
        meetings_past(membership=membership, now=now, limit=PAST_LIMIT), membership, user
    )
    pairings = list(access.pairings_for_meetings(membership))
    late = []
    if membership.is_mentor:
        late = late_documentation(mentor=membership, now=now)
    return render(
        request,
        "mentoring/meetings/index.html",
        {
            "membership": membership,
            "program": membership.program,
            "viewer_zone": viewer_time_zone(request, membership),
            "upcoming": upcoming,
            "past": past,
            "past_limit": PAST_LIMIT,
            "pairings": [(p, _other(p, membership)) for p in pairings],
            "late": late,
            "action_items": open_action_items(membership=membership),
            "cancel_form": CancelForm(),
        },
    )


@program_view(Role.MENTEE, Role.MENTOR)
def new(request, membership: Membership):
    zone = viewer_time_zone(request, membership)
    pairings = list(access.pairings_for_meetings(membership))
    choices = [(p.pk, _other(p, membership).user.display_name) for p in pairings]
    form = None
    if request.method == "POST":
        posted = request.POST.get("pairing") or (pairings[0].pk if len(pairings) == 1 else None)
        pairing = access.pairing_get_for_meeting(membership=membership, pairing_id=parse_id(posted))
        data = request.POST.copy()
        data["pairing"] = str(pairing.pk)
        form = ProposeForm(data, zone_name=zone, pairing_choices=choices)
        if form.is_valid():
            try:
                meeting, overlaps = services.meeting_propose(
                    pairing=pairing,
                    by=request.user,
                    agenda=form.cleaned_data["agenda"],
                    **form.slot_kwargs(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc, ProposeForm.SERVICE_FIELDS)
            else:
                messages.success(
                    request,
                    _("Meeting proposed. %(name)s can confirm it or propose another time.")
                    % {"name": _other(pairing, membership).user.display_name},
                )
                _warn_overlaps(request, membership, overlaps, zone)
                return redirect(_detail_url(membership, meeting))
        messages.error(request, NOTHING_SAVED)
    elif pairings:
        initial = {}
        wanted = parse_id(request.GET.get("pairing"))
        if wanted in {p.pk for p in pairings}:
            initial["pairing"] = wanted
        form = ProposeForm(initial=initial, zone_name=zone, pairing_choices=choices)
    return render(
        request,
        "mentoring/meetings/new.html",
        {
            "membership": membership,
            "program": membership.program,
            "form": form,
            "duration_choices": DURATION_CHOICES,
            "single_pairing_name": choices[0][1] if len(choices) == 1 else "",
        },
        status=400 if form is not None and form.errors else 200,
    )


@program_view(Role.MENTEE, Role.MENTOR)
def detail(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    return _detail_page(request, membership, meeting)


def _detail_page(
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
    _decorate([meeting], membership, request.user)
    pairing = meeting.pairing
    other = _other(pairing, membership)
    other_zone = getattr(other.user, "profile", None)
    other_zone = other_zone.time_zone if other_zone else membership.program.time_zone
    now = timezone.now()
    current = pairing.status in Pairing.CURRENT
    planned = meeting.status in PLANNED
    is_mentee = pairing.mentee_id == membership.pk
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
            "detail_url": _detail_url(membership, meeting),
        },
        status=status,
    )


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def confirm(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    if meeting.pairing.status not in Pairing.CURRENT:
        messages.error(request, _("This pairing has ended: the meeting can't be confirmed."))
        return redirect(_detail_url(membership, meeting))
    try:
        services.meeting_confirm(meeting=meeting, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Meeting confirmed. You can add it to your calendar with the .ics file.")
        )
    return redirect(safe_next(request, _detail_url(membership, meeting)))


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def other_time(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    zone = viewer_time_zone(request, membership)
    if meeting.pairing.status not in Pairing.CURRENT:
        messages.error(request, _("This pairing has ended: no new time can be proposed."))
        return redirect(_detail_url(membership, meeting))
    form = OtherTimeForm(request.POST, zone_name=zone)
    if form.is_valid():
        try:
            meeting, overlaps = services.meeting_propose_other_time(
                meeting=meeting, by=request.user, **form.slot_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc, OtherTimeForm.SERVICE_FIELDS)
        else:
            messages.success(
                request,
                _("New time proposed. %(name)s can confirm it or propose another time.")
                % {"name": _other(meeting.pairing, membership).user.display_name},
            )
            _warn_overlaps(request, membership, overlaps, zone)
            return redirect(_detail_url(membership, meeting))
    messages.error(request, NOTHING_SAVED)
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting.pk)
    return _detail_page(request, membership, meeting, other_form=form, status=400)


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def cancel(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {})
        else:
            messages.success(
                request,
                _("Meeting cancelled. %(name)s sees your reason.")
                % {"name": _other(meeting.pairing, membership).user.display_name},
            )
            return redirect(safe_next(request, _detail_url(membership, meeting)))
    messages.error(request, NOTHING_SAVED)
    return _detail_page(request, membership, meeting, cancel_form=form, status=400)


@program_view(Role.MENTEE, Role.MENTOR)
def ics(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peerpath-meeting-{meeting.pk}.ics"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_POST
@program_view(Role.MENTEE)
def reflect(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    form = ReflectionForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_reflect(
                meeting=meeting, by=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc, {})
        else:
            messages.success(request, _("Your reflection is saved. Thank you for sharing it."))
            return redirect(_detail_url(membership, meeting))
    messages.error(request, NOTHING_SAVED)
    return _detail_page(request, membership, meeting, reflection_form=form, status=400)
