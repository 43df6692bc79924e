"""The mentor's "no check-in" nudge and the coordinators' "pair stalled" notice: once per
quiet period, counting from the start of the pairing when nothing was ever recorded."""

from datetime import UTC, date, datetime

import pytest

from accounts.models import Membership
from matching.models import Pairing
from mentoring.models import Meeting
from mentoring.services import no_checkin_nudges_send, stalled_pairs_send
from notifications.models import Notification
from tests.factories import CheckInFactory, MeetingFactory, PairingFactory

pytestmark = pytest.mark.django_db

STARTED = datetime(2026, 6, 1, 14, 0, tzinfo=UTC)  # 10:00 in New York, the program's zone


def at(day: int, month: int = 6) -> datetime:
    return datetime(2026, month, day, 16, 0, tzinfo=UTC)


@pytest.fixture
def started_pairing(mentee, mentor):
    return PairingFactory(mentee=mentee, mentor=mentor, started=STARTED)


def nudges(mentor) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=mentor.user, kind="no_checkin_nudge").values_list(
            "key", flat=True
        )
    )


def test_a_mentee_who_never_checked_in_is_nudged_after_seven_days_once_a_week(
    started_pairing, mentee, mentor
):
    assert no_checkin_nudges_send(now=at(7)) == 0
    assert no_checkin_nudges_send(now=at(8)) == 1
    assert no_checkin_nudges_send(now=at(8)) == 0
    assert no_checkin_nudges_send(now=at(14)) == 0
    assert no_checkin_nudges_send(now=at(15)) == 1
    assert nudges(mentor) == [
        f"no_checkin_nudge:{mentee.pk}:2026-06-08",
        f"no_checkin_nudge:{mentee.pk}:2026-06-15",
    ]
    notification = Notification.objects.filter(recipient=mentor.user).first()
    assert notification.url == f"/p/{mentee.program.slug}/mentor/mentees/{mentee.pk}/"
    assert "Jordan" in notification.title


def test_a_check_in_starts_the_count_again(started_pairing, mentee, mentor):
    CheckInFactory(membership=mentee, date=date(2026, 6, 10))
    assert no_checkin_nudges_send(now=at(16)) == 0
    assert no_checkin_nudges_send(now=at(17)) == 1
    assert nudges(mentor) == [f"no_checkin_nudge:{mentee.pk}:2026-06-17"]


def test_the_threshold_is_the_programs_dashboard_setting(started_pairing, program, mentor):
    program.settings = {"flag_no_checkin_days": 3}
    program.save()
    assert no_checkin_nudges_send(now=at(3)) == 0
    assert no_checkin_nudges_send(now=at(4)) == 1


@pytest.mark.parametrize(
    "change", ["pairing_paused", "pairing_ended", "mentee_paused", "mentor_left"]
)
def test_no_nudge_outside_an_active_pairing_of_active_members(
    started_pairing, mentee, mentor, change
):
    if change == "pairing_paused":
        Pairing.objects.filter(pk=started_pairing.pk).update(status=Pairing.Status.PAUSED)
    elif change == "pairing_ended":
        Pairing.objects.filter(pk=started_pairing.pk).update(status=Pairing.Status.ENDED)
    elif change == "mentee_paused":
        Membership.objects.filter(pk=mentee.pk).update(status=Membership.Status.PAUSED)
    else:
        Membership.objects.filter(pk=mentor.pk).update(status=Membership.Status.LEFT)
    assert no_checkin_nudges_send(now=at(20)) == 0


def stalled(coordinator) -> list[str]:
    return sorted(
        Notification.objects.filter(recipient=coordinator.user, kind="pair_stalled").values_list(
            "key", flat=True
        )
    )


def test_a_pair_with_no_meeting_logged_for_14_days_reaches_the_coordinators_once_a_period(
    started_pairing, coordinator, mentor
):
    assert stalled_pairs_send(now=at(14)) == 0
    assert stalled_pairs_send(now=at(15)) == 1
    assert stalled_pairs_send(now=at(15)) == 0
    assert stalled_pairs_send(now=at(28)) == 0
    assert stalled_pairs_send(now=at(29)) == 1
    assert stalled(coordinator) == [
        f"pair_stalled:{started_pairing.pk}:2026-06-15",
        f"pair_stalled:{started_pairing.pk}:2026-06-29",
    ]
    assert not Notification.objects.filter(recipient=mentor.user).exists()


def test_a_logged_meeting_starts_the_count_again(started_pairing, coordinator, mentor):
    MeetingFactory(
        pairing=started_pairing,
        starts_at=datetime(2026, 6, 10, 14, 0, tzinfo=UTC),
        status=Meeting.Status.HELD,
        logged_at=datetime(2026, 6, 10, 16, 0, tzinfo=UTC),
        logged_by=mentor.user,
    )
    assert stalled_pairs_send(now=at(23)) == 0
    assert stalled_pairs_send(now=at(24)) == 1


def test_the_stalled_threshold_is_the_programs_setting(started_pairing, program, coordinator):
    program.settings = {"flag_no_meeting_days": 5}
    program.save()
    assert stalled_pairs_send(now=at(6)) == 1


@pytest.mark.parametrize("ended", [False, True])
def test_queued_nudge_and_stalled_notice_are_dropped_once_the_pairing_ends(
    started_pairing, mentor, coordinator, mailoutbox, send_delivery, ended
):
    from notifications.models import Delivery

    assert no_checkin_nudges_send(now=at(15)) == 1
    assert stalled_pairs_send(now=at(15)) == 1
    if ended:
        Pairing.objects.filter(pk=started_pairing.pk).update(status=Pairing.Status.ENDED)
    outcomes = {
        delivery.notification.kind: send_delivery(delivery.pk)
        for delivery in Delivery.objects.select_related("notification")
    }
    expected = "dropped" if ended else "sent"
    assert outcomes == {"no_checkin_nudge": expected, "pair_stalled": expected}
    assert len(mailoutbox) == (0 if ended else 2)
