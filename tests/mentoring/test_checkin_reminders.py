"""Check-in reminders: at each mentee's own time, in their own zone, once, and never on a day
they already checked in or while they are paused or gone. Fixed clocks throughout."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Membership, Profile, Role, User
from mentoring.services import checkin_reminders_send
from mentoring.tasks import checkin_reminders_sweep
from notifications.models import CheckinReminder, Notification, SweepMark
from notifications.services import checkin_reminder_set
from notifications.sweeps import sweep_run
from tests.factories import CheckInFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]


def mentee_in(program, zone: str, email: str, at: time = time(19, 0), days=EVERY_DAY):
    membership = MembershipFactory(program=program, role=Role.MENTEE, user=UserFactory(email=email))
    Profile.objects.filter(user=membership.user).update(time_zone=zone)
    checkin_reminder_set(membership=membership, enabled=True, local_time=at, days=days)
    return membership


def around(moment: datetime) -> tuple[datetime, datetime]:
    """A one-minute sweep window holding `moment`'s minute."""
    return moment - timedelta(seconds=30), moment + timedelta(seconds=30)


def reminded(membership) -> list[str]:
    return list(
        Notification.objects.filter(recipient=membership.user, kind="checkin_reminder").values_list(
            "key", flat=True
        )
    )


def send(moment: datetime) -> int:
    start, end = around(moment)
    return checkin_reminders_send(window_start=start, window_end=end)


def test_new_york_and_los_angeles_each_get_their_own_1900(program):
    new_york = mentee_in(program, "America/New_York", "ny@example.org")
    los_angeles = mentee_in(program, "America/Los_Angeles", "la@example.org")
    # 19:00 EDT on Wednesday 10 June 2026 is 23:00 UTC; 19:00 PDT is 02:00 UTC the next day.
    assert send(datetime(2026, 6, 10, 23, 0, tzinfo=UTC)) == 1
    assert reminded(new_york) == [f"checkin_reminder:{new_york.pk}:2026-06-10"]
    assert reminded(los_angeles) == []
    assert send(datetime(2026, 6, 11, 2, 0, tzinfo=UTC)) == 1
    assert reminded(los_angeles) == [f"checkin_reminder:{los_angeles.pk}:2026-06-10"]
    notification = Notification.objects.get(recipient=los_angeles.user)
    assert notification.url == f"/p/{program.slug}/check-in/"
    assert notification.program == program


def test_nothing_at_other_minutes_or_on_days_not_chosen(program):
    # Monday and Tuesday only (0 = Monday).
    mentee = mentee_in(program, "America/New_York", "days@example.org", days=[0, 1])
    assert send(datetime(2026, 6, 10, 23, 0, tzinfo=UTC)) == 0  # a Wednesday
    assert send(datetime(2026, 6, 8, 22, 59, tzinfo=UTC)) == 0  # Monday 18:59
    assert send(datetime(2026, 6, 8, 23, 0, tzinfo=UTC)) == 1  # Monday 19:00
    assert reminded(mentee) == [f"checkin_reminder:{mentee.pk}:2026-06-08"]


def test_none_on_a_day_already_checked_in(program):
    mentee = mentee_in(program, "America/Los_Angeles", "done@example.org")
    CheckInFactory(membership=mentee, date=date(2026, 6, 10))
    assert send(datetime(2026, 6, 11, 2, 0, tzinfo=UTC)) == 0
    # The check-in of the day before does not count for the next day.
    assert send(datetime(2026, 6, 12, 2, 0, tzinfo=UTC)) == 1
    assert reminded(mentee) == [f"checkin_reminder:{mentee.pk}:2026-06-11"]


@pytest.mark.parametrize("status", [Membership.Status.PAUSED, Membership.Status.LEFT])
def test_none_while_paused_or_after_leaving(program, status):
    mentee = mentee_in(program, "America/New_York", "away@example.org")
    Membership.objects.filter(pk=mentee.pk).update(status=status)
    assert send(datetime(2026, 6, 10, 23, 0, tzinfo=UTC)) == 0
    assert not Notification.objects.exists()


def test_none_when_switched_off(program):
    mentee = mentee_in(program, "America/New_York", "off@example.org")
    checkin_reminder_set(membership=mentee, enabled=False, local_time=time(19, 0), days=EVERY_DAY)
    assert send(datetime(2026, 6, 10, 23, 0, tzinfo=UTC)) == 0


def test_the_same_window_twice_creates_nothing_new(program):
    mentee_in(program, "America/New_York", "twice@example.org")
    assert send(datetime(2026, 6, 10, 23, 0, tzinfo=UTC)) == 1
    assert send(datetime(2026, 6, 10, 23, 0, tzinfo=UTC)) == 0
    assert Notification.objects.count() == 1


def run_minute_by_minute(start: datetime, minutes: int) -> None:
    for step in range(minutes):
        sweep_run(
            name="checkin_reminders",
            now=start + timedelta(minutes=step, seconds=5),
            sweep=lambda s, e: checkin_reminders_send(window_start=s, window_end=e),
        )


def test_spring_forward_0230_arrives_at_0300_once(program):
    mentee = mentee_in(program, "America/New_York", "spring@example.org", at=time(2, 30))
    # 8 March 2026: 02:00 EST (07:00 UTC) jumps to 03:00 EDT; 02:30 does not exist.
    run_minute_by_minute(datetime(2026, 3, 8, 6, 0, tzinfo=UTC), 60)
    assert reminded(mentee) == []  # nothing before 03:00 local
    run_minute_by_minute(datetime(2026, 3, 8, 7, 0, tzinfo=UTC), 60)
    assert reminded(mentee) == [f"checkin_reminder:{mentee.pk}:2026-03-08"]


def test_fall_back_0130_arrives_once(program):
    mentee = mentee_in(program, "America/New_York", "fall@example.org", at=time(1, 30))
    # 1 November 2026: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    run_minute_by_minute(datetime(2026, 11, 1, 5, 0, tzinfo=UTC), 120)
    assert reminded(mentee) == [f"checkin_reminder:{mentee.pk}:2026-11-01"]


def test_fall_back_reminder_fires_in_the_window_of_its_first_occurrence(program):
    mentee_in(program, "America/New_York", "first@example.org", at=time(1, 30))
    assert send(datetime(2026, 11, 1, 6, 30, tzinfo=UTC)) == 0  # the second 01:30
    assert send(datetime(2026, 11, 1, 5, 30, tzinfo=UTC)) == 1  # the first 01:30


def test_spring_forward_window_at_0300_holds_the_skipped_minute(program):
    mentee_in(program, "America/New_York", "gap@example.org", at=time(2, 30))
    assert send(datetime(2026, 3, 8, 7, 0, tzinfo=UTC)) == 1


def test_a_paused_beat_catches_up_and_two_beats_do_not_double_send(program):
    mentee = mentee_in(program, "America/New_York", "catch@example.org")
    sweep = lambda s, e: checkin_reminders_send(window_start=s, window_end=e)  # noqa: E731
    sweep_run(name="checkin_reminders", now=datetime(2026, 6, 10, 22, 50, tzinfo=UTC), sweep=sweep)
    # Beat stopped for 15 minutes over 19:00 local (23:00 UTC): the next run covers the gap.
    later = datetime(2026, 6, 10, 23, 5, tzinfo=UTC)
    assert sweep_run(name="checkin_reminders", now=later, sweep=sweep) == 1
    # A second beat at the same moment finds an empty window.
    assert sweep_run(name="checkin_reminders", now=later, sweep=sweep) == 0
    assert len(reminded(mentee)) == 1
    assert SweepMark.objects.get(name="checkin_reminders").window_end == later


def test_catch_up_is_capped_at_an_hour(program):
    mentee_in(program, "America/New_York", "cap@example.org")
    sweep = lambda s, e: checkin_reminders_send(window_start=s, window_end=e)  # noqa: E731
    sweep_run(name="late", now=datetime(2026, 6, 10, 20, 0, tzinfo=UTC), sweep=sweep)
    # 19:00 local is 23:00 UTC: half an hour late is caught up...
    assert sweep_run(name="late", now=datetime(2026, 6, 10, 23, 30, tzinfo=UTC), sweep=sweep) == 1
    sweep_run(name="too-late", now=datetime(2026, 6, 10, 20, 0, tzinfo=UTC), sweep=sweep)
    # ...but a reminder more than an hour late is not sent at all.
    assert (
        sweep_run(name="too-late", now=datetime(2026, 6, 11, 0, 30, tzinfo=UTC), sweep=sweep) == 0
    )


def test_the_task_sweeps_the_last_minute(program, mailoutbox, django_capture_on_commit_callbacks):
    now = datetime.now(UTC)
    local = now.astimezone(ZoneInfo("America/New_York"))
    mentee = mentee_in(
        program,
        "America/New_York",
        "task@example.org",
        at=time(local.hour, local.minute),
    )
    SweepMark.objects.create(name="checkin_reminders", window_end=now - timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert checkin_reminders_sweep() == 1
    assert reminded(mentee)
    assert [m.to for m in mailoutbox] == [["task@example.org"]]


def bulk_mentees(program, count: int, zone: str = "America/Chicago") -> None:
    """Many mentees with a 19:00 reminder, written in a few queries."""
    users = User.objects.bulk_create(
        [User(email=f"bulk{count}-{n}@example.org") for n in range(count)]
    )
    Profile.objects.bulk_create([Profile(user=user, time_zone=zone) for user in users])
    memberships = Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                program=program,
                role=Role.MENTEE,
                status=Membership.Status.ACTIVE,
                privacy_notice_version=1,
            )
            for user in users
        ]
    )
    CheckinReminder.objects.bulk_create(
        [CheckinReminder(membership=m, local_time=time(19, 0)) for m in memberships]
    )


def count_queries(moment: datetime) -> tuple[int, int, int]:
    """(stored, queries other than inserts, insert statements)."""
    with CaptureQueriesContext(connection) as queries:
        created = send(moment)
    inserts = sum(q["sql"].lstrip().upper().startswith("INSERT") for q in queries)
    return created, len(queries) - inserts, inserts


def test_the_sweep_costs_the_same_queries_for_10_and_500_due_mentees(program, other_program):
    # 19:00 CDT on 10 June 2026 is 00:00 UTC on the 11th.
    bulk_mentees(program, 10)
    small = count_queries(datetime(2026, 6, 11, 0, 0, tzinfo=UTC))
    bulk_mentees(other_program, 490)
    CheckinReminder.objects.filter(membership__program=program).update(enabled=True)
    large = count_queries(datetime(2026, 6, 12, 0, 0, tzinfo=UTC))
    assert small[0] == 10 and large[0] == 500
    assert small[1] == large[1]
    # Inserts are bulk: one statement per table on PostgreSQL; SQLite's limit of 999
    # parameters per statement splits 500 rows into a few.
    assert large[2] <= 2 * (1 + 500 * 10 // 999)


def test_a_queued_reminder_is_dropped_if_the_mentee_checks_in_first(
    program, mailoutbox, send_delivery
):
    from notifications.models import Delivery

    first = mentee_in(program, "America/New_York", "first-q@example.org")
    second = mentee_in(program, "America/New_York", "second-q@example.org")
    assert send(datetime(2026, 6, 10, 23, 0, tzinfo=UTC)) == 2
    # The second mentee checks in while the reminder waits (quiet hours, a busy worker).
    CheckInFactory(membership=second, date=date(2026, 6, 10))
    outcomes = {
        delivery.notification.recipient_id: send_delivery(delivery.pk)
        for delivery in Delivery.objects.select_related("notification")
    }
    assert outcomes == {first.user_id: "sent", second.user_id: "dropped"}
    assert [m.to for m in mailoutbox] == [["first-q@example.org"]]
