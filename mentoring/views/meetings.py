"""Meetings between a mentee and their mentor: the list, proposing one, a meeting's page and its
.ics file. Every meeting is opened through mentoring.access with the viewer's membership;
every time is entered and shown in the viewer's own time zone."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.params import id_param

from .. import access, services
from ..forms.meetings import DURATION_CHOICES, CancelForm, ProposeForm
from ..ics import meeting_ics
from ..models import Meeting
from ..selectors.meetings import (
    late_documentation,
    meetings_past,
    meetings_upcoming,
    open_action_items,
)
from .common import NOTHING_SAVED, add_service_errors, viewer_time_zone
from .meeting_pages import decorate_meetings, meeting_page, meeting_url, other_side, warn_overlaps

PAST_LIMIT = 50


@program_view(Role.MENTEE, Role.MENTOR)
def index(request, membership: Membership):
    user = request.user
    now = timezone.now()
    upcoming = decorate_meetings(
        meetings_upcoming(membership=membership, now=now), membership, user
    )
    upcoming.sort(key=lambda m: (not (m.awaiting_me and m.status == Meeting.Status.PROPOSED),))
    past = decorate_meetings(
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
            "pairings": [(p, other_side(p, membership)) for p in pairings],
            "late": late,
            "action_items": open_action_items(membership=membership),
            "cancel_form": CancelForm(),
        },
    )


@program_view(Role.MENTEE, Role.MENTOR)
def new(request, membership: Membership):
    zone = viewer_time_zone(request, membership)
    pairings = list(access.pairings_for_meetings(membership))
    choices = [(p.pk, other_side(p, membership).user.display_name) for p in pairings]
    form = None
    if request.method == "POST":
        posted = request.POST.get("pairing") or (pairings[0].pk if len(pairings) == 1 else None)
        pairing = access.pairing_get_for_meeting(membership=membership, pairing_id=id_param(posted))
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
                    % {"name": other_side(pairing, membership).user.display_name},
                )
                warn_overlaps(request, membership, overlaps, zone)
                return redirect(meeting_url(membership, meeting))
        messages.error(request, NOTHING_SAVED)
    elif pairings:
        initial = {}
        wanted = id_param(request.GET.get("pairing"))
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
    return meeting_page(request, membership, meeting)


@program_view(Role.MENTEE, Role.MENTOR)
def ics(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peerpath-meeting-{meeting.pk}.ics"'
    patch_cache_control(response, private=True, no_store=True)
    return response
