"""A sweep's chunk of deliveries (tasks.deliveries_send, notifications.delivery_batch): claimed
at once, checked at once, sent over one connection, each exactly once, in a fixed number of
queries plus one "sent" mark per email."""

import smtplib
from datetime import date, timedelta

import pytest
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership, Role
from mentoring.services import local_today
from notifications.delivery_batch import deliveries_claim
from notifications.models import Delivery, Notification, NotificationSettings
from notifications.schedule import slot_key
from notifications.services import notification_send, preference_set
from notifications.tasks import deliveries_requeue_stale, deliveries_send
from tests.factories import CheckInFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

BACKENDS = "tests.notifications.test_delivery_batch"


def reminder(membership: Membership, day: date | None = None) -> Delivery:
    day = day or local_today(membership)  # the person's day, as the sweep keys it
    notification = notification_send(
        recipient=membership.user,
        kind="checkin_reminder",
        key=slot_key("checkin_reminder", membership.pk, day),
        url="/p/harbor/checkins/",
        program=membership.program,
    )
    return notification.deliveries.get()


def mentee_of(program, email: str) -> Membership:
    return MembershipFactory(
        program=program, role=Role.MENTEE, user=UserFactory(email=email, display_name="Sam")
    )


def state(delivery: Delivery) -> tuple[str, int]:
    delivery.refresh_from_db()
    return delivery.status, delivery.attempts


class RefusingOneBackend(LocmemBackend):
    """Accepts every email but those to mentee2@example.org, which the server refuses."""

    def send_messages(self, messages):
        if any("mentee2@example.org" in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({"mentee2@example.org": (550, b"refused")})
        return super().send_messages(messages)


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the worker catches it."""


class KilledAfterSecondBackend(LocmemBackend):
    """Accepts emails; the worker dies right after the second was accepted (before its mark)."""

    accepted = 0

    def send_messages(self, messages):
        sent = super().send_messages(messages)
        KilledAfterSecondBackend.accepted += sent
        if KilledAfterSecondBackend.accepted == 2:
            raise WorkerKilled
        return sent


def test_a_chunk_drops_who_left_or_checked_in_and_sends_the_rest_once(
    program, mentee, other_mentee, mailoutbox
):
    left = mentee_of(program, "left@example.org")
    checked_in = mentee_of(program, "done@example.org")
    deliveries = [reminder(m) for m in (mentee, other_mentee, left, checked_in)]
    Membership.objects.filter(pk=left.pk).update(status=Membership.Status.LEFT)
    CheckInFactory(membership=checked_in)

    assert deliveries_send([d.pk for d in deliveries]) == 2

    assert sorted(message.to[0] for message in mailoutbox) == [
        "mentee2@example.org",
        "mentee@example.org",
    ]
    assert [state(d)[0] for d in deliveries] == ["sent", "sent", "dropped", "dropped"]
    for message in mailoutbox:
        assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/notifications/unsubscribe/" in message.body
    assert deliveries_send([d.pk for d in deliveries]) == 0  # a redelivered message
    assert len(mailoutbox) == 2


def test_one_refused_email_is_retried_alone_and_the_others_go_once(
    settings, program, mentee, other_mentee, coordinator, mailoutbox
):
    settings.EMAIL_BACKEND = f"{BACKENDS}.RefusingOneBackend"
    third = mentee_of(program, "third@example.org")
    first, refused, last = reminder(mentee), reminder(other_mentee), reminder(third)

    assert deliveries_send([first.pk, refused.pk, last.pk]) == 2  # eager: retries run at once

    assert sorted(message.to[0] for message in mailoutbox) == [
        "mentee@example.org",
        "third@example.org",
    ]
    assert state(first) == state(last) == ("sent", 1)
    assert state(refused) == ("failed", 5)
    refused.refresh_from_db()
    assert refused.last_error == "SMTPRecipientsRefused"
    assert Notification.objects.filter(recipient=coordinator.user, kind="delivery_failed").exists()


def test_a_delivery_another_worker_claimed_is_not_sent_twice(mentee, other_mentee, mailoutbox):
    mine, theirs = reminder(mentee), reminder(other_mentee)
    # The other worker's claim: it is sending this one right now.
    assert deliveries_claim(delivery_ids=[theirs.pk]) == [theirs.pk]

    assert deliveries_send([mine.pk, theirs.pk]) == 1

    assert [message.to for message in mailoutbox] == [["mentee@example.org"]]
    assert state(theirs) == ("sending", 1)
    assert deliveries_claim(delivery_ids=[mine.pk, theirs.pk]) == []


def test_overlapping_chunks_claim_each_delivery_once(program, mentee, other_mentee):
    deliveries = [reminder(m) for m in (mentee, other_mentee, mentee_of(program, "c@example.org"))]
    ids = [d.pk for d in deliveries]
    first = deliveries_claim(delivery_ids=ids[:2])
    second = deliveries_claim(delivery_ids=ids)
    assert first == ids[:2]
    assert second == ids[2:]
    assert {state(d) for d in deliveries} == {("sending", 1)}


def _chunk_statements(program, count: int, start: int) -> list[str]:
    deliveries = [
        reminder(mentee_of(program, f"size{start + number}@example.org")) for number in range(count)
    ]
    with CaptureQueriesContext(connection) as captured:
        assert deliveries_send([d.pk for d in deliveries]) == count
    return [query["sql"] for query in captured.captured_queries]


def test_a_chunk_takes_the_same_queries_at_10_and_100_plus_one_sent_mark_each(program, mailoutbox):
    small = _chunk_statements(program, 10, 0)
    large = _chunk_statements(program, 100, 10)
    assert len(mailoutbox) == 110

    def marks(statements):
        return [sql for sql in statements if sql.startswith("UPDATE") and "'sent'" in sql]

    assert (len(marks(small)), len(marks(large))) == (10, 100)
    others_small = [sql for sql in small if sql not in marks(small)]
    others_large = [sql for sql in large if sql not in marks(large)]
    assert len(others_small) == len(others_large) <= 10


def test_a_killed_worker_sends_at_most_its_one_unmarked_email_again(
    settings, program, mentee, other_mentee, mailoutbox
):
    settings.EMAIL_BACKEND = f"{BACKENDS}.KilledAfterSecondBackend"
    KilledAfterSecondBackend.accepted = 0
    third, fourth = mentee_of(program, "third@example.org"), mentee_of(program, "4@example.org")
    deliveries = [reminder(m) for m in (mentee, other_mentee, third, fourth)]

    with pytest.raises(WorkerKilled):
        deliveries_send([d.pk for d in deliveries])

    assert [state(d)[0] for d in deliveries] == ["sent", "sending", "sending", "sending"]
    assert len(mailoutbox) == 2
    # Later, the stale claims are put back and sent by another worker.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Delivery.objects.filter(status=Delivery.Status.SENDING).update(
        claimed_at=timezone.now() - timedelta(hours=1)
    )
    assert deliveries_requeue_stale() == 3
    assert [state(d)[0] for d in deliveries] == ["sent"] * 4
    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients.count("mentee2@example.org") == 2  # the one unmarked email, again
    assert len(recipients) == 5


def test_a_text_message_in_a_chunk_goes_by_sms(settings, tmp_path, mentee, mailoutbox, capsys):
    settings.SMS_FILE_PATH = str(tmp_path)
    NotificationSettings.objects.create(
        user=mentee.user, phone_number="+12024561111", sms_opt_in=True
    )
    preference_set(user=mentee.user, kind="checkin_reminder", channel="sms")
    delivery = reminder(mentee)
    assert delivery.channel == Delivery.Channel.SMS

    assert deliveries_send([delivery.pk]) == 1

    assert state(delivery) == ("sent", 1)
    assert mailoutbox == []
    [log] = tmp_path.iterdir()
    text = log.read_text()
    assert "To: +12024561111" in text
    assert f"/notifications/{delivery.notification_id}/" in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_the_connection_waits_for_the_disk_again_after_a_chunk(mentee, mailoutbox):
    deliveries_send([reminder(mentee).pk])
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
