"""Telling a person when their account sees many failed sign-ins.

Django sends `user_login_failed` for every failed password check (allauth's log-in form
included). Failures are counted per account in the cache, in fixed windows of
FAILED_LOGIN_ALERT_WINDOW_MINUTES; from FAILED_LOGIN_ALERT_THRESHOLD on, the owner gets one
"sign_in_attempts" notification per window. The count is approximate on a cache without atomic
increments (the database cache); "once per window" is not: the notification's unique
(recipient, key) holds it, so two requests at the same moment send one email. The email is
sent by the worker after commit, like every notification.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from accounts.models import User

from .services import notification_send

KIND = "sign_in_attempts"


def _window_seconds() -> int:
    return max(60, settings.FAILED_LOGIN_ALERT_WINDOW_MINUTES * 60)


def failed_sign_in_count(*, user_id: int, slot: int) -> int:
    """Add one failure to the account's window and return the window's count."""
    key = f"failed-sign-ins:{user_id}:{slot}"
    cache.add(key, 0, timeout=_window_seconds() + 60)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=_window_seconds() + 60)
        return 1


def failed_sign_in_record(*, email: str) -> bool:
    """Count one failed sign-in for `email`; True when this failure sent the alert."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return False
    slot = int(time.time() // _window_seconds())
    if failed_sign_in_count(user_id=user.pk, slot=slot) < settings.FAILED_LOGIN_ALERT_THRESHOLD:
        return False
    notification = notification_send(
        recipient=user,
        kind=KIND,
        key=f"{KIND}:{slot}",
        url=reverse("account_change_password"),
    )
    return notification is not None


def on_user_login_failed(sender, credentials, request=None, **kwargs) -> None:
    email = credentials.get("email") or credentials.get("username") or ""
    if email:
        failed_sign_in_record(email=email)
