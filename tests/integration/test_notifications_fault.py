"""A worker killed with SIGKILL in the middle of 500 due deliveries: a new worker and the
stale-delivery sweep send every one, and none twice except where the design cannot know.

The one window the app cannot close: a worker killed after the SMTP server took a message
and before the "sent" mark is written. That delivery stays "sending", the sweep requeues it,
and it goes out again. A worker process claims a sweep's chunk (100) at once and marks each
email as soon as it is accepted, so: every delivery that was not "sending" at the kill goes
out exactly once; of those that were "sending" (the claimed chunks), at most one per worker
process (the worker's concurrency) goes out twice."""

import re
import time
from collections import Counter

import pytest
from django.db import transaction

from accounts.models import Role
from notifications.models import Delivery
from notifications.services import BulkRow, notifications_send_bulk
from notifications.tasks import deliveries_requeue_stale
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.worker

DELIVERIES = 500
STALE_AFTER_SECONDS = 2
RECIPIENT = re.compile(r"^To: (\S+)$", re.MULTILINE)
MESSAGE_ID = re.compile(r"^Message-ID: (\S+)$", re.MULTILINE)
MESSAGE_END = "-" * 79 + "\n"


def _mail(mail_dir) -> tuple[Counter, list[str]]:
    """Recipients and Message-IDs of the emails written in full (the file backend opens its
    file before writing: a worker killed in between leaves an empty one, an email never
    handed over)."""
    recipients: Counter = Counter()
    message_ids: list[str] = []
    for path in mail_dir.iterdir():
        text = path.read_text(errors="replace")
        if not text.endswith(MESSAGE_END):
            continue
        recipients.update(RECIPIENT.findall(text))
        message_ids += MESSAGE_ID.findall(text)
    return recipients, message_ids


def _sent() -> int:
    return Delivery.objects.filter(status=Delivery.Status.SENT).count()


def test_a_killed_worker_loses_no_delivery_and_sends_none_twice(
    program, settings, worker_processes
):
    settings.NOTIFICATION_STALE_AFTER_SECONDS = STALE_AFTER_SECONDS
    settings.NOTIFICATION_LOST_AFTER_SECONDS = STALE_AFTER_SECONDS
    mentees = [
        MembershipFactory(
            program=program,
            role=Role.MENTEE,
            user=UserFactory(email=f"fault{number}@example.org"),
        )
        for number in range(DELIVERIES)
    ]
    with transaction.atomic():
        created = notifications_send_bulk(
            BulkRow(
                recipient_id=membership.user_id,
                kind="encouragement",
                key=f"encouragement:fault:{membership.pk}",
                url="/p/harbor/",
                program_id=program.pk,
            )
            for membership in mentees
        )
    assert created == DELIVERIES
    assert Delivery.objects.filter(status=Delivery.Status.PENDING).count() == DELIVERIES
    mail_dir = worker_processes.mail_dir

    first = worker_processes.start(concurrency=2)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and sum(_mail(mail_dir)[0].values()) < 20:
        time.sleep(0.01)
    worker_processes.kill(first)
    in_flight = set(
        Delivery.objects.filter(status=Delivery.Status.SENDING).values_list(
            "notification__recipient__email", flat=True
        )
    )
    sent_at_kill = _sent()
    emailed_at_kill = sum(_mail(mail_dir)[0].values())
    assert 20 <= emailed_at_kill < DELIVERIES, worker_processes.logs()
    assert sent_at_kill < DELIVERIES

    worker_processes.start(concurrency=2)
    time.sleep(STALE_AFTER_SECONDS + 0.5)  # the dead worker's claims are now stale
    deliveries_requeue_stale()  # as beat runs it; it enqueues for the new worker
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and _sent() < DELIVERIES:
        time.sleep(0.25)
    time.sleep(1)  # a duplicate would show up now

    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    assert statuses == {Delivery.Status.SENT: DELIVERIES}, (statuses, worker_processes.logs())
    recipients, message_ids = _mail(mail_dir)
    assert set(recipients) == {m.user.email for m in mentees}
    assert len(message_ids) == len(set(message_ids))  # no email file written twice
    twice = {email for email, count in recipients.items() if count > 1}
    assert max(recipients.values()) <= 2
    # Exactly once, except a delivery the dead worker had claimed (the window above): at most
    # the one each of its two processes was sending.
    assert twice <= in_flight, (twice, in_flight)
    assert len(twice) <= 2, twice
    print(
        f"killed after {emailed_at_kill} emails ({sent_at_kill} marked sent); "
        f"{len(in_flight)} in flight; {len(twice)} sent twice"
    )
