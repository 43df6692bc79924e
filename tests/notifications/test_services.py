from datetime import UTC, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership
from notifications.models import Delivery, Notification, NotificationPreference
from notifications.quiet_hours import quiet_hours_end
from notifications.services import (
    BulkRow,
    notification_send,
    notifications_send_bulk,
    preference_set,
    settings_set,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def send(membership, key="checkin_reminder:1:2026-11-30", kind="checkin_reminder"):
    return notification_send(
        recipient=membership.user, kind=kind, key=key, url="/p/harbor/", program=membership.program
    )


def test_same_key_twice_stores_and_sends_once(
    mentee, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = send(mentee)
        second = send(mentee)
    assert first is not None and second is None
    assert Notification.objects.filter(recipient=mentee.user).count() == 1
    assert Delivery.objects.filter(notification=first).count() == 1
    assert len(mailoutbox) == 1
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_person_who_left_the_program_is_told_nothing(mentee, mailoutbox):
    Membership.objects.filter(pk=mentee.pk).update(status=Membership.Status.LEFT)
    assert send(mentee) is None
    assert not Notification.objects.exists()


def test_kind_turned_off_sends_nothing(mentee, mailoutbox, django_capture_on_commit_callbacks):
    preference_set(user=mentee.user, kind="checkin_reminder", channel="off")
    with django_capture_on_commit_callbacks(execute=True):
        assert send(mentee) is None
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_in_app_only_records_without_email(mentee, mailoutbox, django_capture_on_commit_callbacks):
    preference_set(user=mentee.user, kind="checkin_reminder", channel="in_app")
    with django_capture_on_commit_callbacks(execute=True):
        assert send(mentee) is not None
    assert not Delivery.objects.exists()
    assert mailoutbox == []


def test_text_messages_are_refused_for_kinds_that_do_not_allow_them(mentee):
    with pytest.raises(ValueError):
        preference_set(user=mentee.user, kind="encouragement", channel="sms")


def test_sms_choice_without_opt_in_stays_in_app(mentee, django_capture_on_commit_callbacks):
    preference_set(user=mentee.user, kind="checkin_reminder", channel="sms")
    with django_capture_on_commit_callbacks(execute=True):
        assert send(mentee) is not None
    assert not Delivery.objects.exists()


def test_sms_goes_as_a_delivery_when_opted_in(mentee):
    preference_set(user=mentee.user, kind="checkin_reminder", channel="sms")
    settings_set(
        user=mentee.user,
        quiet_start=None,
        quiet_end=None,
        phone_number="+15555550123",
        sms_opt_in=True,
    )
    notification = send(mentee)  # not committed: nothing is enqueued yet
    assert notification.deliveries.get().channel == Delivery.Channel.SMS


def test_quiet_hours_wrap_midnight_in_the_persons_zone():
    start, end = time(22, 0), time(7, 0)
    # 23:30 in New York (EST, UTC-5) is inside; they end at 07:00 local = 12:00 UTC.
    now = datetime(2026, 12, 1, 4, 30, tzinfo=UTC)
    assert quiet_hours_end(start=start, end=end, time_zone="America/New_York", now=now) == (
        datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    )
    noon = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
    assert quiet_hours_end(start=start, end=end, time_zone="America/New_York", now=noon) is None


def test_bulk_sends_each_new_row_once_in_few_queries(
    program, mailoutbox, django_capture_on_commit_callbacks
):
    mentees = MembershipFactory.create_batch(30, program=program)
    left = MembershipFactory(program=program, status=Membership.Status.LEFT)
    off = MembershipFactory(program=program)
    NotificationPreference.objects.create(user=off.user, kind="checkin_reminder", channel="off")
    rows = [
        BulkRow(
            recipient_id=m.user_id,
            kind="checkin_reminder",
            key="checkin_reminder:2026-11-30T19:00",
            url="/",
            program_id=program.pk,
        )
        for m in [*mentees, left, off]
    ]
    with CaptureQueriesContext(connection) as queries:
        created = notifications_send_bulk(rows, batch_size=100)
    assert created == 30
    assert len(queries) <= 12
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_send_bulk(rows) == 0
    assert Notification.objects.count() == 30
    assert Delivery.objects.count() == 30


def test_bulk_enqueues_after_commit(program, mailoutbox, django_capture_on_commit_callbacks):
    mentees = MembershipFactory.create_batch(3, program=program)
    rows = [
        BulkRow(
            recipient_id=m.user_id, kind="checkin_reminder", key="k", url="/", program_id=program.pk
        )
        for m in mentees
    ]
    with django_capture_on_commit_callbacks(execute=True):
        notifications_send_bulk(rows)
    assert sorted(message.to[0] for message in mailoutbox) == sorted(m.user.email for m in mentees)


def test_profile_switch_off_keeps_reminders_in_peerpath(mentee):
    mentee.user.profile.email_reminders = False
    mentee.user.profile.save()
    assert not send(mentee).deliveries.exists()
    updates = send(mentee, key="encouragement:1", kind="encouragement")
    assert updates.deliveries.count() == 1


def test_bulk_insert_keeps_quotes_backslashes_and_braces_in_values(program):
    """The PostgreSQL path sends each column as one array literal: a value with the literal's
    own syntax in it must come back exactly as written."""
    mentee = MembershipFactory(program=program)
    awkward = ['a "quoted" \\ back, {brace}', "NULL", "", "emoji ✓ and\nnew line"]
    rows = [
        BulkRow(
            recipient_id=mentee.user_id,
            kind="checkin_reminder",
            key=f"checkin_reminder:{text}",
            url=f"/p/{program.slug}/?q={text}",
            program_id=program.pk,
        )
        for text in awkward
    ]
    assert notifications_send_bulk(rows) == 4
    stored = set(Notification.objects.values_list("key", "url"))
    assert stored == {(row.key, row.url) for row in rows}
    assert Delivery.objects.filter(notification__recipient=mentee.user).count() == 4


def test_bulk_reads_stay_fixed_whatever_the_batch_holds(program):
    """Per batch: people, profiles, settings, memberships, programs, preferences and two
    inserts, for 5 or for 60 recipients."""

    def queries_for(count, key):
        members = MembershipFactory.create_batch(count, program=program)
        rows = [
            BulkRow(
                recipient_id=m.user_id,
                kind="checkin_reminder",
                key=key,
                url="/",
                program_id=program.pk,
            )
            for m in members
        ]
        with CaptureQueriesContext(connection) as queries:
            assert notifications_send_bulk(rows) == count
        return len(queries)

    assert queries_for(5, "small") == queries_for(60, "large")
