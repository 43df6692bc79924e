"""The coordinators' weekly digest (Monday 08:00 in the program's zone, once a week) and the
summary page it links to (counts only, coordinators only)."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import Membership
from mentoring.services import weekly_digests_send
from mentoring.tasks import weekly_digest_sweep
from notifications.models import Notification, SweepMark
from tests.factories import CheckInFactory, MembershipFactory, PairingFactory, ProgramFactory

pytestmark = pytest.mark.django_db

# Monday 8 June 2026, 08:00 EDT.
MONDAY_8_NEW_YORK = datetime(2026, 6, 8, 12, 0, tzinfo=UTC)


def send(start: datetime, end: datetime) -> int:
    return weekly_digests_send(window_start=start, window_end=end)


def digests() -> list[tuple[int, str]]:
    return list(
        Notification.objects.filter(kind="weekly_digest").values_list("recipient_id", "key")
    )


def test_each_coordinator_gets_it_monday_0800_in_the_programs_zone_once(program, coordinator):
    west = ProgramFactory(slug="west", time_zone="America/Los_Angeles")
    west_coordinator = MembershipFactory(program=west, role="coordinator")
    window = (MONDAY_8_NEW_YORK - timedelta(minutes=15), MONDAY_8_NEW_YORK + timedelta(minutes=1))
    assert send(*window) == 1
    assert send(*window) == 0
    assert digests() == [(coordinator.user_id, f"weekly_digest:{program.pk}:2026-06-08")]
    # 08:00 in Los Angeles is three hours later.
    assert (
        send(
            MONDAY_8_NEW_YORK + timedelta(hours=3),
            MONDAY_8_NEW_YORK + timedelta(hours=3, minutes=15),
        )
        == 1
    )
    assert Notification.objects.get(recipient=west_coordinator.user).url == "/p/west/summary/"


def test_not_on_other_days_or_hours(program, coordinator):
    assert send(MONDAY_8_NEW_YORK + timedelta(hours=1), MONDAY_8_NEW_YORK + timedelta(hours=2)) == 0
    tuesday = MONDAY_8_NEW_YORK + timedelta(days=1)
    assert send(tuesday - timedelta(minutes=15), tuesday + timedelta(minutes=1)) == 0


def test_not_to_coordinators_who_left_or_to_mentors(program, coordinator, mentor):
    Membership.objects.filter(pk=coordinator.pk).update(status=Membership.Status.LEFT)
    assert (
        send(MONDAY_8_NEW_YORK - timedelta(minutes=15), MONDAY_8_NEW_YORK + timedelta(minutes=1))
        == 0
    )


def test_a_missed_monday_morning_catches_up_once(program, coordinator):
    SweepMark.objects.create(
        name="weekly_digest", window_end=MONDAY_8_NEW_YORK - timedelta(hours=1)
    )
    from notifications.sweeps import sweep_run

    sweep = lambda s, e: send(s, e)  # noqa: E731
    later = MONDAY_8_NEW_YORK + timedelta(hours=5)
    assert (
        sweep_run(name="weekly_digest", now=later, sweep=sweep, max_catch_up=timedelta(days=1)) == 1
    )
    assert sweep_run(name="weekly_digest", now=later + timedelta(minutes=15), sweep=sweep) == 0


def test_the_task_moves_its_window_mark_and_a_second_run_finds_nothing(program, coordinator):
    SweepMark.objects.create(name="weekly_digest", window_end=datetime.now(UTC) - timedelta(days=3))
    weekly_digest_sweep()
    mark = SweepMark.objects.get(name="weekly_digest")
    assert datetime.now(UTC) - mark.window_end < timedelta(minutes=1)
    assert weekly_digest_sweep() == 0


def test_the_summary_shows_counts_to_coordinators(
    login, program, coordinator, mentee, mentor, other_mentee, other_mentor, pairing
):
    CheckInFactory(membership=mentee, wants_outreach=True)
    PairingFactory(mentee=other_mentee, mentor=other_mentor, ended=True, days_ago=20)
    page = login(coordinator).get(f"/p/{program.slug}/summary/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-count="waiting">1<' in html  # other_mentee: their pairing ended
    assert 'data-count="new">1<' in html
    assert 'data-count="ended">1<' in html
    assert 'data-count="stalled">0<' in html
    assert 'data-count="outreach">1<' in html
    # Counts only: no one's name.
    for name in ("Jordan", "Priya", "Marcus", "Teresa"):
        assert name not in html.split("<main", 1)[-1]


def test_the_summary_counts_stalled_pairs(login, program, coordinator, mentee, mentor):
    PairingFactory(mentee=mentee, mentor=mentor, days_ago=20)
    page = login(coordinator).get(f"/p/{program.slug}/summary/")
    assert 'data-count="stalled">1<' in page.content.decode()


def test_the_summary_is_for_coordinators_only(login, program, mentee, mentor, outsider):
    assert login(mentee).get(f"/p/{program.slug}/summary/").status_code == 403
    assert login(mentor).get(f"/p/{program.slug}/summary/").status_code == 403
    assert login(outsider).get(f"/p/{program.slug}/summary/").status_code == 404
