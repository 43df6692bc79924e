"""Strategies, events and the private calendar feed: see the package docstring."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership, Role

from ..models import (
    CalendarFeed,
    Event,
    Strategy,
)
from ..models.feeds import hash_feed_token

# STRATEGIES AND EVENTS


def strategies_visible_to(membership: Membership) -> QuerySet[Strategy]:
    """Mentors: the program library and their own. Coordinators: all the program's strategies.
    Mentees: their toolkit."""
    base = Strategy.objects.filter(program_id=membership.program_id, archived_at__isnull=True)
    if membership.role == Role.MENTEE:
        return base.filter(shares__mentee=membership)
    if membership.role == Role.COORDINATOR:
        # Coordinators curate: they see mentors' strategies too, to add them to the library
        # (and to bring back one they took out of it).
        return base
    return base.filter(Q(in_library=True) | Q(author_id=membership.user_id))


def strategy_get_for_member(
    *, membership: Membership, strategy_id: int, for_write: bool = False
) -> Strategy:
    strategy = Strategy.objects.filter(pk=strategy_id, program_id=membership.program_id).first()
    if strategy is None or not rules.has_perm("mentoring.view_strategy", membership, strategy):
        raise Http404
    if for_write and not rules.has_perm("mentoring.change_strategy", membership, strategy):
        raise PermissionDenied
    return strategy


def events_visible_to(membership: Membership) -> QuerySet[Event]:
    """Every member sees their program's events."""
    return Event.objects.filter(program_id=membership.program_id)


def event_get_for_member(*, membership: Membership, event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id, program_id=membership.program_id).first()
    if event is None or not rules.has_perm("mentoring.view_event", membership, event):
        raise Http404
    return event


# THE PRIVATE CALENDAR FEED


def calendar_feed_get_for_token(*, token: str) -> CalendarFeed:
    """No login: the token is the secret. A wrong, old or deactivated person's token is 404."""
    feed = (
        CalendarFeed.objects.filter(token_hash=hash_feed_token(token))
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed
