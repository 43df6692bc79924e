import smtplib
from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from accounts.models import Membership
from notifications.models import Delivery, Notification
from notifications.services import notification_send
from notifications.tasks import deliveries_requeue_stale, deliveries_send, delivery_send

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection refused by test server")


def stored_delivery(membership, key="encouragement:1") -> Delivery:
    notification = notification_send(
        recipient=membership.user,
        kind="encouragement",
        key=key,
        url="/p/harbor/",
        program=membership.program,
    )
    return notification.deliveries.get()


def test_a_delivery_is_sent_once_however_often_the_task_runs(mentee, mailoutbox):
    delivery = stored_delivery(mentee)
    assert delivery_send(delivery.pk) == "sent"
    assert delivery_send(delivery.pk) == "not claimed"
    assert len(mailoutbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 1)
    assert mailoutbox[0].to == [mentee.user.email]


def test_refused_smtp_retries_then_records_failure_for_coordinators(
    settings, mentee, coordinator, mailoutbox
):
    settings.EMAIL_BACKEND = "tests.notifications.test_tasks.RefusingBackend"
    delivery = stored_delivery(mentee)
    delivery_send.delay(delivery.pk)  # eager: the retries run at once
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 5
    assert delivery.last_error == "SMTPServerDisconnected"
    alert = Notification.objects.get(recipient=coordinator.user, kind="delivery_failed")
    assert not alert.deliveries.exists()  # in PeerPath only
    assert mailoutbox == []


def test_a_queued_delivery_for_someone_who_left_is_dropped(mentee, mailoutbox):
    delivery = stored_delivery(mentee)
    Membership.objects.filter(pk=mentee.pk).update(status=Membership.Status.LEFT)
    assert delivery_send(delivery.pk) == "dropped"
    assert mailoutbox == []
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DROPPED


def test_stale_claims_are_requeued_and_sent_ones_never(mentee, mailoutbox):
    stuck = stored_delivery(mentee, key="a")
    done = stored_delivery(mentee, key="b")
    long_ago = timezone.now() - timedelta(minutes=30)
    Delivery.objects.filter(pk=stuck.pk).update(
        status=Delivery.Status.SENDING, claimed_at=long_ago, attempts=1
    )
    Delivery.objects.filter(pk=done.pk).update(
        status=Delivery.Status.SENT, claimed_at=long_ago, attempts=1
    )
    assert deliveries_requeue_stale() == 1  # eager: sent at once
    assert len(mailoutbox) == 1
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (Delivery.Status.SENT, 2)
    assert deliveries_requeue_stale() == 0
    assert len(mailoutbox) == 1


def test_email_has_one_click_unsubscribe_headers(mentee, mailoutbox):
    delivery_send(stored_delivery(mentee).pk)
    message = mailoutbox[0]
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_lost_pending_deliveries_are_requeued_but_not_those_waiting_for_quiet_hours(
    mentee, mailoutbox
):
    lost = stored_delivery(mentee, key="lost")
    waiting = stored_delivery(mentee, key="waiting")
    now = timezone.now()
    Delivery.objects.filter(pk=lost.pk).update(due_at=now - timedelta(hours=1))
    Delivery.objects.filter(pk=waiting.pk).update(due_at=now + timedelta(hours=6))
    assert deliveries_requeue_stale() == 1
    assert len(mailoutbox) == 1
    waiting.refresh_from_db()
    assert waiting.status == Delivery.Status.PENDING


def test_a_chunk_sends_each_once_and_retries_a_failing_one_alone(
    settings, mentee, other_mentee, coordinator, mailoutbox
):
    first, second = stored_delivery(mentee, key="1"), stored_delivery(other_mentee, key="2")
    deliveries_send([first.pk, second.pk, first.pk])
    assert len(mailoutbox) == 2
    settings.EMAIL_BACKEND = "tests.notifications.test_tasks.RefusingBackend"
    third = stored_delivery(mentee, key="3")
    deliveries_send([third.pk])  # eager: the lone retries run at once
    third.refresh_from_db()
    assert (third.status, third.attempts) == (Delivery.Status.FAILED, 5)
