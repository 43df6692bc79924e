"""Answering a meeting (confirm, propose another time, cancel) and the mentee's reflection
afterwards. Every meeting is opened through mentoring.access with the viewer's membership."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from matching.models import Pairing

from .. import access, services
from ..forms.meetings import CancelForm, OtherTimeForm, ReflectionForm
from .common import NOTHING_SAVED, add_service_errors, safe_next, viewer_time_zone
from .meeting_pages import meeting_page, meeting_url, other_side, warn_overlaps


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def confirm(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    if meeting.pairing.status not in Pairing.CURRENT:
        messages.error(request, _("This pairing has ended: the meeting can't be confirmed."))
        return redirect(meeting_url(membership, meeting))
    try:
        services.meeting_confirm(meeting=meeting, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Meeting confirmed. You can add it to your calendar with the .ics file.")
        )
    return redirect(safe_next(request, meeting_url(membership, meeting)))


@require_POST
@program_view(Role.MENTEE, Role.MENTOR)
def other_time(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting_id)
    zone = viewer_time_zone(request, membership)
    if meeting.pairing.status not in Pairing.CURRENT:
        messages.error(request, _("This pairing has ended: no new time can be proposed."))
        return redirect(meeting_url(membership, meeting))
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
                % {"name": other_side(meeting.pairing, membership).user.display_name},
            )
            warn_overlaps(request, membership, overlaps, zone)
            return redirect(meeting_url(membership, meeting))
    messages.error(request, NOTHING_SAVED)
    meeting = access.meeting_get_for_member(membership=membership, meeting_id=meeting.pk)
    return meeting_page(request, membership, meeting, other_form=form, status=400)


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
                % {"name": other_side(meeting.pairing, membership).user.display_name},
            )
            return redirect(safe_next(request, meeting_url(membership, meeting)))
    messages.error(request, NOTHING_SAVED)
    return meeting_page(request, membership, meeting, cancel_form=form, status=400)


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
            return redirect(meeting_url(membership, meeting))
    messages.error(request, NOTHING_SAVED)
    return meeting_page(request, membership, meeting, reflection_form=form, status=400)
