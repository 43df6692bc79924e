"""A person's private calendar feed: made on first use, replaced on request."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User

from ..models import CalendarFeed
from ..models.feeds import new_feed_token


def calendar_feed_for(*, user: User) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """A new secret URL; the old one stops working at once."""
    feed = calendar_feed_for(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token", "created_at"])
    return feed


def revoke_feed_on_membership_closed(sender, *, membership, **kwargs) -> None:
    """A member removed from a program (accounts.signals.membership_closed): their calendar
    link stops working; they can make a new one, which shows only what they may still see."""
    if CalendarFeed.objects.filter(user_id=membership.user_id).exists():
        calendar_feed_regenerate(user=membership.user)
