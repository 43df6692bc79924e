"""Sending one claimed Delivery by email or text message, and recording its outcome.

Called by `tasks.delivery_send` after it has claimed the delivery (status "sending")."""

import smtplib
import socket
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role

from .kinds import Channel
from .models import Delivery, Notification, NotificationPreference
from .rendering import render_notification, render_sms

MAX_ATTEMPTS = 5
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    smtplib.SMTPException,
    OSError,
    TimeoutError,
    socket.timeout,
)


# Whether a queued notification still makes sense when its turn to be sent comes (the meeting
# was moved or cancelled, the pairing ended, the check-in was made): the app that knows
# registers a check per kind at startup (`relevance_check_register`), as notifications
# imports neither matching nor mentoring.
# `many`, when given, answers for a chunk in one query: the ids of those still relevant.
_RELEVANCE_CHECKS: dict[str, Callable[[Notification], bool]] = {}
_RELEVANCE_CHECKS_MANY: dict[str, Callable[[list[Notification]], set[int]]] = {}


def relevance_check_register(
    kind: str,
    check: Callable[[Notification], bool],
    *,
    many: Callable[[list[Notification]], set[int]] | None = None,
) -> None:
    _RELEVANCE_CHECKS[kind] = check
    if many is None:
        _RELEVANCE_CHECKS_MANY.pop(kind, None)
    else:
        _RELEVANCE_CHECKS_MANY[kind] = many


def relevance_check_many(kind: str, notifications: list[Notification]) -> set[int]:
    """The ids of `notifications` (all of `kind`) still worth sending."""
    many = _RELEVANCE_CHECKS_MANY.get(kind)
    if many is not None:
        return many(notifications)
    check = _RELEVANCE_CHECKS.get(kind)
    return {n.pk for n in notifications if check is None or check(n)}


def _sms_errors() -> tuple[type[BaseException], ...]:
    from . import sms

    error = getattr(sms, "SmsError", None)
    return (error,) if isinstance(error, type) else ()


def _still_wanted(delivery: Delivery) -> bool:
    """A person who left the program, or turned the kind off since, is not sent to."""
    notification = delivery.notification
    user = notification.recipient
    if not user.is_active:
        return False
    check = _RELEVANCE_CHECKS.get(notification.kind)
    if check is not None and not check(notification):
        return False
    if (
        notification.program_id is not None
        and not Membership.objects.filter(
            user=user, program_id=notification.program_id, status=Membership.Status.ACTIVE
        ).exists()
    ):
        return False
    channel = (
        NotificationPreference.objects.filter(user=user, kind=notification.kind)
        .values_list("channel", flat=True)
        .first()
    )
    return channel not in (Channel.OFF, Channel.IN_APP)


def _send_email(notification: Notification) -> None:
    user = notification.recipient
    rendered = render_notification(notification, user)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{rendered.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(rendered.html, "text/html")
    message.send(fail_silently=False)


def _send_sms(notification: Notification) -> None:
    from . import sms

    user = notification.recipient
    phone = getattr(getattr(user, "notification_settings", None), "phone_number", "")
    if not phone:
        raise ValueError("no phone number")
    sms.get_backend().send(to=phone, body=render_sms(notification, user))


def delivery_perform(*, delivery_id: int) -> str:
    delivery = Delivery.objects.select_related(
        "notification__recipient__profile", "notification__program"
    ).get(pk=delivery_id)
    if not _still_wanted(delivery):
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.DROPPED)
        return "dropped"
    if delivery.channel == Delivery.Channel.SMS:
        try:
            _send_sms(delivery.notification)
        except ValueError:
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.DROPPED)
            return "dropped"
        except _sms_errors() as error:
            raise OSError(type(error).__name__) from error
    else:
        _send_email(delivery.notification)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _error_name(error: BaseException) -> str:
    # The error's class only: a server's message may quote the address or the subject.
    return type(error).__name__[:200]


def delivery_release_for_retry(*, delivery: Delivery, error: BaseException) -> None:
    Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.PENDING, last_error=_error_name(error)
    )


@transaction.atomic
def delivery_failed_record(*, delivery: Delivery, error: BaseException) -> None:
    """Marks the delivery failed and tells the program's coordinators (in PeerPath only)."""
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.FAILED, last_error=_error_name(error)
    )
    notification = delivery.notification
    program = notification.program
    if program is None:
        return
    coordinators = Membership.objects.filter(
        program=program, role=Role.COORDINATOR, status=Membership.Status.ACTIVE
    ).select_related("user__profile")
    url = reverse("accounts:members", kwargs={"program_slug": program.slug})
    from .rendering import render_title

    for membership in coordinators:
        if membership.user_id == notification.recipient_id:
            continue
        Notification.objects.get_or_create(
            recipient=membership.user,
            key=f"delivery_failed:{delivery.pk}",
            defaults={
                "program": program,
                "kind": "delivery_failed",
                "url": url,
                "title": render_title(
                    kind="delivery_failed", program=program, user=membership.user
                ),
            },
        )
