"""The private calendar feed: no login, the token in the URL is the only secret. A wrong,
tampered or regenerated token is a plain 404. Three queries whatever the number of meetings."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from matching.models import Pairing

from ..access import meetings_visible_to
from ..calendar import feed_ics
from ..models import CalendarFeed, Event, EventParticipant, Meeting

# Cancelled meetings and events stay this long, so subscribed calendars see the cancellation.
CANCELLED_KEPT_DAYS = 30


def _feed_meetings(user, cutoff):
    return (
        meetings_visible_to(user)
        .filter(pairing__status__in=Pairing.CURRENT)
        .exclude(status=Meeting.Status.CANCELLED, starts_at__lt=cutoff)
        .select_related(
            "pairing__program",
            "pairing__mentee__user__profile",
            "pairing__mentor__user__profile",
        )
        .order_by("starts_at")
    )


def _feed_events(user, cutoff):
    going = EventParticipant.objects.filter(
        membership__user=user,
        rsvp__in=[EventParticipant.Rsvp.YES, EventParticipant.Rsvp.MAYBE],
    ).values("event_id")
    return (
        Event.objects.filter(pk__in=going)
        .exclude(Q(cancelled_at__isnull=False) & Q(starts_at__lt=cutoff))
        .select_related("program")
        .order_by("starts_at")
    )


@require_safe
def ics(request, token: str):
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    cutoff = timezone.now() - timedelta(days=CANCELLED_KEPT_DAYS)
    body = feed_ics(
        meetings=_feed_meetings(feed.user, cutoff), events=_feed_events(feed.user, cutoff)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="peerpath.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
