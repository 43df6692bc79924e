"""Reads for the notification pages, each scoped to the person asking."""

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import Membership, Role, User

from .kinds import KINDS, REMINDER_KINDS, Channel
from .models import CheckinReminder, Notification, NotificationPreference, NotificationSettings


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    """One query on the partial index (recipient, read_at IS NULL)."""
    return Notification.objects.filter(recipient=user, read_at=None).count()


def notification_get_for_user(*, user: User, notification_id: int) -> Notification:
    """404 for a notification that is not the person's own: the one door, on the same
    owner-scoped queryset the list uses."""
    notification = notifications_for_user(user=user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    return notification


def preference_channels(*, user: User) -> dict[str, str]:
    """Every kind's channel for this person: their choice, or the kind's default as the
    profile's two email switches leave it (services.notification_send reads them the same)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    profile = getattr(user, "profile", None)
    channels = {}
    for code, kind in KINDS.items():
        channel = chosen.get(code, kind.default_channel)
        if code not in chosen and channel == Channel.EMAIL and profile is not None:
            switch = profile.email_reminders if code in REMINDER_KINDS else profile.email_updates
            if not switch:
                channel = Channel.IN_APP
        channels[code] = channel
    return channels


def settings_for_user(*, user: User) -> NotificationSettings:
    """The person's settings, unsaved defaults when they have none yet."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def checkin_reminders_for_user(*, user: User) -> list[CheckinReminder]:
    """One reminder per active mentee membership (unsaved defaults where none is stored)."""
    memberships = Membership.objects.filter(
        user=user, role=Role.MENTEE, status=Membership.Status.ACTIVE
    ).select_related("program")
    stored = {
        r.membership_id: r for r in CheckinReminder.objects.filter(membership__in=memberships)
    }
    return [stored.get(m.pk) or CheckinReminder(membership=m) for m in memberships]


def user_exists(*, user_id: int) -> bool:
    """For the unsubscribe page, which opens without a login."""
    return User.objects.filter(pk=user_id).exists()
