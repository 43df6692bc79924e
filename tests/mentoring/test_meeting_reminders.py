"""Meeting reminders a day and an hour before, to both people, once each; a moved meeting is
reminded of at its new time and a queued reminder for the old time, a cancelled meeting or an
ended pairing is dropped when its turn to be sent comes."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import Membership
from matching.models import Pairing
from mentoring.models import Meeting
from mentoring.services import meeting_reminders_send
from notifications.models import Delivery, Notification
from notifications.services import preference_set
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

STARTS = datetime(2026, 6, 10, 18, 0, tzinfo=UTC)


def send(moment: datetime) -> int:
    return meeting_reminders_send(
        window_start=moment - timedelta(seconds=30), window_end=moment + timedelta(seconds=30)
    )


def kinds_for(membership) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=membership.user).values_list("kind", flat=True)
    )


@pytest.fixture
def meeting(pairing):
    return MeetingFactory(pairing=pairing, starts_at=STARTS)


def test_both_people_are_reminded_a_day_and_an_hour_before_once_each(meeting, mentee, mentor):
    assert send(STARTS - timedelta(hours=25)) == 0
    assert send(STARTS - timedelta(hours=24)) == 2
    assert send(STARTS - timedelta(hours=24)) == 0
    assert kinds_for(mentee) == ["meeting_reminder_24h"]
    assert send(STARTS - timedelta(hours=1)) == 2
    assert send(STARTS - timedelta(hours=1)) == 0
    assert kinds_for(mentee) == kinds_for(mentor) == ["meeting_reminder_1h", "meeting_reminder_24h"]
    link = Notification.objects.filter(recipient=mentor.user).first().url
    assert link == f"/p/{mentee.program.slug}/meetings/{meeting.pk}/"


def test_each_person_can_switch_either_reminder_off(meeting, mentee, mentor):
    preference_set(user=mentee.user, kind="meeting_reminder_24h", channel="off")
    send(STARTS - timedelta(hours=24))
    send(STARTS - timedelta(hours=1))
    assert kinds_for(mentee) == ["meeting_reminder_1h"]
    assert kinds_for(mentor) == ["meeting_reminder_1h", "meeting_reminder_24h"]


@pytest.mark.parametrize("status", [Meeting.Status.PROPOSED, Meeting.Status.CANCELLED])
def test_only_confirmed_meetings_are_reminded_of(meeting, status):
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    assert send(STARTS - timedelta(hours=1)) == 0


@pytest.mark.parametrize("status", [Pairing.Status.ENDED, Pairing.Status.DECLINED])
def test_no_reminder_when_the_pairing_is_not_current(meeting, pairing, status):
    Pairing.objects.filter(pk=pairing.pk).update(status=status)
    assert send(STARTS - timedelta(hours=1)) == 0


def test_a_moved_meeting_is_reminded_of_at_its_new_time(meeting, mentee):
    assert send(STARTS - timedelta(hours=24)) == 2
    moved = STARTS + timedelta(hours=3)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=moved)
    assert send(STARTS - timedelta(hours=1)) == 0
    assert send(moved - timedelta(hours=24)) == 2
    assert send(moved - timedelta(hours=1)) == 2
    keys = sorted(Notification.objects.filter(recipient=mentee.user).values_list("key", flat=True))
    # The key holds the meeting's start, so the new time is a new slot.
    assert keys == [
        f"meeting_reminder_1h:{meeting.pk}:2026-06-10T21:00Z",
        f"meeting_reminder_24h:{meeting.pk}:2026-06-10T18:00Z",
        f"meeting_reminder_24h:{meeting.pk}:2026-06-10T21:00Z",
    ]


def queued_reminder(mentee) -> Delivery:
    send(STARTS - timedelta(hours=1))
    return Delivery.objects.get(notification__recipient=mentee.user)


def test_a_queued_reminder_is_sent_while_the_meeting_stands(
    meeting, mentee, mailoutbox, send_delivery
):
    delivery = queued_reminder(mentee)
    assert send_delivery(delivery.pk) == "sent"
    assert [m.to for m in mailoutbox] == [[mentee.user.email]]


@pytest.mark.parametrize(
    "change",
    [
        "moved",
        "cancelled",
        "pairing_ended",
        "mentee_left",
    ],
)
def test_a_queued_reminder_is_dropped_when_the_meeting_no_longer_stands(
    meeting, pairing, mentee, mailoutbox, change, send_delivery
):
    delivery = queued_reminder(mentee)
    if change == "moved":
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=STARTS + timedelta(hours=2))
    elif change == "cancelled":
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    elif change == "pairing_ended":
        Pairing.objects.filter(pk=pairing.pk).update(status=Pairing.Status.ENDED)
    else:
        Membership.objects.filter(pk=mentee.pk).update(status=Membership.Status.LEFT)
    assert send_delivery(delivery.pk) == "dropped"
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.DROPPED
    assert mailoutbox == []
