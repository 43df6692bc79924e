"""The private calendar feed: the page that gives a member their feed link (and makes a new
one), and the feed itself. The feed needs no login: the token in the URL is the only secret,
and a wrong, tampered or regenerated token is a plain 404. Three queries whatever the number
of meetings."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import access, services
from ..ics import feed_ics
from ..selectors.feeds import feed_events, feed_meetings
from .common import member_context

# Cancelled meetings and events stay this long, so subscribed calendars see the cancellation.
CANCELLED_KEPT_DAYS = 30


@program_view(Role.MENTEE, Role.MENTOR)
def calendar(request, membership: Membership):
    """The member's feed link, under /p/<program_slug>/meetings/calendar/."""
    if request.method == "POST":
        services.calendar_feed_regenerate(user=request.user)
        messages.success(
            request,
            _(
                "Here is your new link. The old one no longer works: update it in your "
                "calendar app."
            ),
        )
        return redirect("meetings:calendar", program_slug=membership.program.slug)
    feed = services.calendar_feed_for(user=request.user)
    feed_url = request.build_absolute_uri(reverse("feed:ics", kwargs={"token": feed.token}))
    webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    response = render(
        request,
        "mentoring/meetings/calendar.html",
        member_context(membership, feed_url=feed_url, webcal_url=webcal_url),
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def ics(request, token: str):
    feed = access.calendar_feed_get_for_token(token=token)
    cutoff = timezone.now() - timedelta(days=CANCELLED_KEPT_DAYS)
    body = feed_ics(
        meetings=feed_meetings(user=feed.user, cutoff=cutoff),
        events=feed_events(user=feed.user, cutoff=cutoff),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="peerpath.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
