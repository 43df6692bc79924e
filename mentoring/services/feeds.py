"""A person's private calendar feed: made on request, replaced on request. Only the token's
hash is stored: the URL is shown once, by the page that made it."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User

from ..models import CalendarFeed
from ..models.feeds import hash_feed_token, new_feed_token


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """A new secret URL (the first one, or a replacement: the old one stops working at once).
    The returned feed carries the token in clear in `.token`, for this response only."""
    token = new_feed_token()
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token_hash": hash_feed_token(token)}
    )
    feed.token = token
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def revoke_feed_on_membership_closed(sender, *, membership, **kwargs) -> None:
    """A member removed from a program (accounts.signals.membership_closed): their calendar
    link stops working; they can make a new one, which shows only what they may still see."""
    calendar_feed_revoke(user=membership.user)
