"""The private calendar feed: the page that gives a member their feed link (and makes a new
one), and the feed itself. The feed needs no login: the token in the URL is the only secret,
and a wrong, tampered or regenerated token is a plain 404. Three queries whatever the number
of meetings."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import access, services
from ..ics import feed_ics
from ..selectors.feeds import calendar_feed_of, feed_events, feed_meetings
from .common import member_context

# Cancelled meetings and events stay this long, so subscribed calendars see the cancellation.
CANCELLED_KEPT_DAYS = 30


@program_view(Role.MENTEE, Role.MENTOR)
def calendar(request, membership: Membership):
    """The member's feed link, under /p/<program_slug>/meetings/calendar/. Only the token's
    hash is stored: the link is shown once, in the answer to the POST that made it."""
    feed_url = webcal_url = None
    if request.method == "POST":
        feed = services.calendar_feed_regenerate(user=request.user)
        feed_url = request.build_absolute_uri(reverse("feed:ics", kwargs={"token": feed.token}))
        webcal_url = "webcal://" + feed_url.split("://", 1)[1]
    else:
        feed = calendar_feed_of(user=request.user)
    response = render(
        request,
        "mentoring/meetings/calendar.html",
        member_context(membership, feed=feed, feed_url=feed_url, webcal_url=webcal_url),
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
