"""The program's weekly summary: counts for the coordinators, linked from the Monday digest."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.decorators import program_view
from accounts.models import Membership, Role

from ..selectors.summary import WEEK, program_weekly_summary


@require_GET
@program_view(Role.COORDINATOR)
def index(request, membership: Membership):
    now = timezone.now()
    return render(
        request,
        "mentoring/summary/index.html",
        {
            "membership": membership,
            "program": membership.program,
            "summary": program_weekly_summary(program=membership.program, now=now),
            "week_start": now - WEEK,
            "now": now,
        },
    )
