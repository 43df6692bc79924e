"""The mentee's encouragement history: every note their mentors wrote to them, newest first,
under /p/<program_slug>/encouragement/. Only the mentee it was written to reads it here (the
mentor keeps seeing their own notes on their page of the mentee)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.pagination import paginate

from ..selectors.encouragements import encouragement_history
from .common import member_context, viewer_time_zone

NOTES_PER_PAGE = 20


@require_GET
@program_view(Role.MENTEE)
def index(request, membership: Membership):
    # The mentee's own notes: no audit row, as for every other read of one's own records.
    listing = paginate(
        request, encouragement_history(membership=membership), per_page=NOTES_PER_PAGE
    )
    return render(
        request,
        "mentoring/encouragements/index.html",
        member_context(
            membership, listing=listing, viewer_zone=viewer_time_zone(request, membership)
        ),
    )
