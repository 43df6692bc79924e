"""Program events (community and belonging): every member sees what is coming, answers
going / maybe / not going and downloads the .ics; coordinators schedule, cancel and record
attendance, which counts for engagement."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.params import id_params

from .. import access, services
from ..forms.events import EventForm, RsvpForm
from ..ics import event_ics
from ..selectors.events import event_attendance, event_with_counts, past_events, upcoming_events
from .common import safe_next, viewer_time_zone


def _index_url(membership: Membership) -> str:
    return reverse("events:index", kwargs={"program_slug": membership.program.slug})


def _context(request, membership: Membership, **extra) -> dict:
    return {
        "membership": membership,
        "program": membership.program,
        "viewer_time_zone": viewer_time_zone(request, membership),
        **extra,
    }


# EVERY MEMBER


@program_view()
def index(request, membership: Membership):
    return render(
        request,
        "mentoring/events/index.html",
        _context(
            request,
            membership,
            upcoming=upcoming_events(membership=membership),
            past=past_events(membership=membership),
            rsvp_choices=RsvpForm.base_fields["rsvp"].choices,
            next_url=request.get_full_path(),
        ),
    )


@require_POST
@program_view()
def rsvp(request, membership: Membership, event_id: int):
    event = access.event_get_for_member(membership=membership, event_id=event_id)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose going, maybe or not going."))
    else:
        try:
            participant = services.event_rsvp(
                event=event, membership=membership, rsvp=form.cleaned_data["rsvp"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Your answer for “%(title)s”: %(answer)s.")
                % {"title": event.title, "answer": participant.get_rsvp_display()},
            )
    return redirect(safe_next(request, _index_url(membership)))


@require_GET
@program_view()
def ics(request, membership: Membership, event_id: int):
    event = access.event_get_for_member(membership=membership, event_id=event_id)
    response = HttpResponse(event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# COORDINATORS


@program_view(Role.COORDINATOR)
def new(request, membership: Membership):
    time_zone = viewer_time_zone(request, membership)
    if request.method == "POST":
        form = EventForm(request.POST, time_zone=time_zone)
        if form.is_valid():
            try:
                event = services.event_create(by=membership, **form.service_kwargs())
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(
                    request, _("“%(title)s” is on the program calendar.") % {"title": event.title}
                )
                return redirect(_index_url(membership))
    else:
        form = EventForm(time_zone=time_zone)
    return render(
        request,
        "mentoring/events/new.html",
        _context(request, membership, form=form),
        status=400 if form.errors else 200,
    )


@require_POST
@program_view(Role.COORDINATOR)
def cancel(request, membership: Membership, event_id: int):
    event = access.event_get_for_member(membership=membership, event_id=event_id)
    if event.cancelled_at is not None:
        messages.info(request, _("This event was already cancelled."))
    else:
        try:
            services.event_cancel(event=event, by=membership)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("“%(title)s” is cancelled. Calendars that imported it will show it cancelled.")
                % {"title": event.title},
            )
    return redirect(_index_url(membership))


@program_view(Role.COORDINATOR)
def attendance(request, membership: Membership, event_id: int):
    event = event_with_counts(membership=membership, event_id=event_id)
    can_record = event.has_started and not event.is_cancelled
    if request.method == "POST":
        if not can_record:
            messages.error(
                request,
                _(
                    "Attendance can be recorded once the event has started, and not for a "
                    "cancelled event."
                ),
            )
            return redirect(
                "events:attendance", program_slug=membership.program.slug, event_id=event.pk
            )
        attended = id_params(request.POST.getlist("attended"))
        if attended is None:
            messages.error(
                request, _("Attendance can only be recorded for this program's members.")
            )
        else:
            attended_ids = set(attended)
            try:
                count = services.event_record_attendance(
                    event=event, by=membership, attended_ids=attended_ids
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request,
                    _("Attendance saved: %(count)s attended “%(title)s”.")
                    % {"count": count, "title": event.title},
                )
                return redirect(_index_url(membership))
        return redirect(
            "events:attendance", program_slug=membership.program.slug, event_id=event.pk
        )
    rows = event_attendance(event=event)
    return render(
        request,
        "mentoring/events/attendance.html",
        _context(
            request,
            membership,
            event=event,
            rows=rows,
            can_record=can_record,
        ),
    )
