"""A real Celery worker (on Redis on CI) delivers notifications after commit, and retries a
refused email until it records the failure where the program's coordinators see it."""

import smtplib
import time

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from notifications.models import Delivery, Notification
from notifications.services import notification_send

pytestmark = pytest.mark.worker


class RefusingSmtpBackend(BaseEmailBackend):
    """Stands in for an SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("refused by the test server")


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_the_worker_emails_a_notification_only_after_commit(mentee, mailoutbox, real_worker):
    with transaction.atomic():
        notification = notification_send(
            recipient=mentee.user,
            kind="encouragement",
            key="encouragement:worker",
            url="/p/harbor/",
            program=mentee.program,
        )
        delivery = notification.deliveries.get()
        time.sleep(1)  # a worker given the task now would find nothing committed
        assert mailoutbox == []
    assert _wait_for(lambda: len(mailoutbox) == 1)
    time.sleep(0.5)  # and nothing more arrives
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [mentee.user.email]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert _wait_for(
        lambda: Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.SENT, 10
    )


def test_a_refused_email_is_retried_then_recorded_for_the_coordinators(
    settings, mentee, coordinator, mailoutbox, real_worker
):
    settings.EMAIL_BACKEND = "tests.integration.test_notifications_worker.RefusingSmtpBackend"
    settings.NOTIFICATION_RETRY_BACKOFF_SECONDS = 0  # retries go through the broker at once
    notification = notification_send(
        recipient=mentee.user,
        kind="encouragement",
        key="encouragement:refused",
        url="/p/harbor/",
        program=mentee.program,
    )
    delivery = notification.deliveries.get()
    assert _wait_for(
        lambda: Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.FAILED, 60
    )
    delivery.refresh_from_db()
    assert delivery.attempts == 5  # the first try and four retries through the worker
    assert delivery.last_error == "SMTPServerDisconnected"
    assert mailoutbox == []
    alert = Notification.objects.get(recipient=coordinator.user, kind="delivery_failed")
    assert alert.program == mentee.program
    assert not alert.deliveries.exists()  # in PeerPath only: email is what failed
    assert not Notification.objects.filter(recipient=mentee.user, kind="delivery_failed").exists()
