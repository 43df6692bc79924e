"""The two pages of the audit trail: a member's access history and the coordinator's trail
of the program."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.pagination import paginate

from . import words
from .forms import TrailFilterForm
from .selectors import access_history_for, program_trail


def _zone(request, membership: Membership) -> str:
    profile = getattr(request.user, "profile", None)
    return profile.time_zone if profile else membership.program.time_zone


@require_GET
@program_view(Role.MENTEE)
def access_history(request, membership: Membership):
    listing = paginate(request, access_history_for(membership=membership))
    rows = [
        {"event": event, "sentence": words.sentence(event, subject=membership)}
        for event in listing.rows
    ]
    return render(
        request,
        "audit/access_history.html",
        {
            "membership": membership,
            "program": membership.program,
            "listing": listing,
            "rows": rows,
            "viewer_zone": _zone(request, membership),
        },
    )


@require_GET
@program_view(Role.COORDINATOR)
def trail(request, membership: Membership):
    program = membership.program
    zone_name = _zone(request, membership)
    zone = zoneinfo.ZoneInfo(zone_name)
    form = TrailFilterForm(request.GET or None, program=program)
    status, filters = 200, {}
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = {"person": data["person"], "action": data["action"]}
            if data["start"]:
                filters["since"] = datetime.combine(data["start"], time.min, tzinfo=zone)
            if data["end"]:
                filters["before"] = datetime.combine(
                    data["end"] + timedelta(days=1), time.min, tzinfo=zone
                )
        else:
            status = 400
    rows = program_trail(program=program, **filters)
    listing = paginate(request, rows if status == 200 else rows.none())
    rows = [
        {"event": event, "who": words.who(event), "record": words.record_label(event)}
        for event in listing.rows
    ]
    return render(
        request,
        "audit/program_trail.html",
        {
            "membership": membership,
            "program": program,
            "form": form,
            "listing": listing,
            "rows": rows,
            "viewer_zone": zone_name,
        },
        status=status,
    )
