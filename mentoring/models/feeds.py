"""A person's private calendar feed (meetings and events they answered)."""

import hashlib
import secrets

from django.conf import settings
from django.db import models


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


def hash_feed_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """A person's private calendar feed. The token in the URL is the only secret; the
    database keeps its SHA-256 only, so a copy of the database opens no feed. The URL is
    shown once, when made; making a new one retires the old URL at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now=True)

    # The token in clear, on the instance that services.calendar_feed_regenerate returns
    # only (never stored).
    token: str | None = None

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"
