"""The mentor's log of a meeting (or of a contact that was never planned), with its next
steps; also for a pairing that ended recently (late documentation)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.decorators import program_view
from accounts.models import Membership, Role
from matching.models import Pairing

from .. import access, services
from ..forms.meeting_logs import LogForm, NextStepFormSet, more_steps_open
from ..models import Meeting
from .common import NOTHING_SAVED, add_service_errors, viewer_time_zone


@program_view(Role.MENTOR)
def log(request, membership: Membership, meeting_id: int):
    meeting = access.meeting_get_for_late_log(membership=membership, meeting_id=meeting_id)
    return _log_page(request, membership, pairing=meeting.pairing, meeting=meeting)


@program_view(Role.MENTOR)
def log_new(request, membership: Membership, pairing_id: int):
    pairing = access.pairing_get_for_late_log(membership=membership, pairing_id=pairing_id)
    return _log_page(request, membership, pairing=pairing, meeting=None)


def _log_page(request, membership: Membership, *, pairing: Pairing, meeting: Meeting | None):
    zone = viewer_time_zone(request, membership)
    mentee_name = pairing.mentee.user.display_name
    step_kwargs = {"mentee_name": mentee_name}
    status = 200
    if request.method == "POST":
        form = LogForm(request.POST, zone_name=zone)
        steps = NextStepFormSet(request.POST, prefix="next", form_kwargs=step_kwargs)
        if form.is_valid() and steps.is_valid():
            items = [item for item in (f.item() for f in steps) if item]
            target = {"meeting": meeting} if meeting is not None else {"pairing": pairing}
            try:
                logged = services.meeting_log(
                    by=request.user, action_items=items, **target, **form.service_kwargs()
                )
            except ValidationError as exc:
                add_service_errors(form, exc, LogForm.SERVICE_FIELDS)
            else:
                text = _("Meeting logged.")
                if items:
                    text += " " + ngettext(
                        "%(count)s action item added.", "%(count)s action items added.", len(items)
                    ) % {"count": len(items)}
                messages.success(request, text)
                if pairing.status in Pairing.CURRENT:
                    return redirect(
                        "meetings:detail",
                        program_slug=membership.program.slug,
                        meeting_id=logged.pk,
                    )
                return redirect("meetings:index", program_slug=membership.program.slug)
        messages.error(request, NOTHING_SAVED)
        status = 400
    else:
        form = LogForm(initial=LogForm.initial_from(meeting, zone), zone_name=zone)
        steps = NextStepFormSet(prefix="next", form_kwargs=step_kwargs)
    late_until = None
    if pairing.status not in Pairing.CURRENT and pairing.closed_at:
        late_until = pairing.closed_at + timedelta(days=pairing.program.setting("late_log_days"))
    return render(
        request,
        "mentoring/meetings/log.html",
        {
            "membership": membership,
            "program": membership.program,
            "pairing": pairing,
            "meeting": meeting,
            "mentee_name": mentee_name,
            "form": form,
            "steps": steps,
            # No rows at all when a tampered post broke the management form (its error shows).
            "first_step": steps.forms[0] if steps.forms else None,
            "more_steps": steps.forms[1:],
            "more_steps_open": more_steps_open(steps),
            "viewer_zone": zone,
            "late_until": late_until,
            "current": pairing.status in Pairing.CURRENT,
        },
        status=status,
    )
