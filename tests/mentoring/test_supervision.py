"""Supervision per mentor: each figure against a hand-built history, access, no narratives, and
the same queries at two sizes."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership, Role
from mentoring.models import Meeting
from mentoring.selectors.supervision import month_starts, supervision_page
from tests.factories import (
    MeetingFactory,
    MembershipFactory,
    PairingFactory,
    ProgramFactory,
    UserFactory,
    enable_mfa,
)

MARKER = "Quixotrellis"  # a narrative's and a reflection's words: never on the page
NEW_YORK = ZoneInfo("America/New_York")
# Mid-November in the program's zone: six months are June to November 2026.
NOW = datetime(2026, 11, 15, 12, 0, tzinfo=NEW_YORK)


def at(year, month, day, hour=10):
    return datetime(year, month, day, hour, 0, tzinfo=NEW_YORK)


def held(pairing, start, minutes, *, logged=True):
    return MeetingFactory(
        pairing=pairing,
        status=Meeting.Status.HELD,
        starts_at=start,
        actual_start=start,
        actual_end=start + timedelta(minutes=minutes),
        logged_at=start + timedelta(hours=2) if logged else None,
        narrative=f"{MARKER} narrative",
        mentee_reflection=f"{MARKER} reflection",
    )


def person(program, name, role):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=f"{name.lower()}@example.org", display_name=name),
    )


@pytest.fixture
def history(program, mentor, other_mentor, mentee, other_mentee):
    """Marcus: Jordan (active), Priya (paused), Sky (ended). Teresa: nobody, one late log."""
    active = PairingFactory(mentee=mentee, mentor=mentor, started=at(2026, 3, 1))
    paused = PairingFactory(mentee=other_mentee, mentor=mentor, paused=True)
    sky = person(program, "Sky", Role.MENTEE)
    ended = PairingFactory(mentee=sky, mentor=mentor, ended=True, started=at(2026, 4, 1))
    held(active, at(2026, 11, 3), 90)  # November: 1 meeting, 1.5 h
    held(active, at(2026, 10, 31, 23), 60)  # October (local), though November in UTC
    held(ended, at(2026, 10, 10), 30)  # October: 2 meetings, 1.5 h (ended pairing counts)
    held(active, at(2026, 6, 1), 45)  # June, the oldest month shown
    held(active, at(2026, 5, 31), 120)  # May: outside the six months
    MeetingFactory(  # missed: no contact
        pairing=active,
        status=Meeting.Status.MISSED,
        starts_at=at(2026, 11, 10),
        logged_at=at(2026, 11, 10, 14),
    )
    # Late documentation (late_log_days 14): confirmed, its time 15 days ago, never logged.
    MeetingFactory(pairing=active, starts_at=NOW - timedelta(days=15))
    MeetingFactory(pairing=ended, starts_at=NOW - timedelta(days=40))
    MeetingFactory(pairing=active, starts_at=NOW - timedelta(days=13))  # not late yet
    MeetingFactory(  # cancelled: nothing to document
        pairing=active,
        status=Meeting.Status.CANCELLED,
        starts_at=NOW - timedelta(days=30),
    )
    teresa_pairing = PairingFactory(mentee=person(program, "Ash", Role.MENTEE), ended=True)
    Membership.objects.filter(pk=teresa_pairing.mentor_id).update(status="left")
    MeetingFactory(
        pairing=PairingFactory(
            mentee=person(program, "Bo", Role.MENTEE), mentor=other_mentor, ended=True
        ),
        starts_at=NOW - timedelta(days=20),
    )
    return {"active": active, "paused": paused, "ended": ended}


def rows_by_name(program):
    page, months = supervision_page(program=program, page_number=1, now=NOW)
    return {row.mentor.user.display_name: row for row in page.object_list}, months


def test_six_months_oldest_first_in_the_programs_zone():
    assert month_starts(date(2026, 2, 10)) == [
        date(2025, 9, 1),
        date(2025, 10, 1),
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_each_mentors_figures(program, history):
    rows, months = rows_by_name(program)
    assert months[0] == date(2026, 6, 1) and months[-1] == date(2026, 11, 1)
    # Active and paused mentors are listed, by name; a mentor who left is not.
    assert list(rows) == ["Marcus", "Teresa"]
    marcus = rows["Marcus"]
    assert marcus.current_mentees == 2  # active and paused; not the ended pairing
    assert [(m.month.month, m.meetings, m.minutes) for m in marcus.months] == [
        (6, 1, 45),
        (7, 0, 0),
        (8, 0, 0),
        (9, 0, 0),
        (10, 2, 90),
        (11, 1, 90),
    ]
    assert marcus.meetings_total == 4
    assert marcus.hours_total == 3.8  # 225 minutes
    assert marcus.late_documentation == 2
    contacts = {c.mentee.user.display_name: c.last_contact for c in marcus.mentees}
    assert contacts == {"Jordan": date(2026, 11, 3), "Priya": None}
    teresa = rows["Teresa"]
    assert (teresa.current_mentees, teresa.late_documentation, teresa.meetings_total) == (0, 1, 0)
    assert teresa.mentees == []


def test_a_mentee_between_pairings_has_no_last_contact_row(program, history, mentee):
    """Last contact is for current mentees; a new mentor starts from no contact."""
    from matching.models import Pairing

    Pairing.objects.filter(pk=history["active"].pk).update(status="ended")
    rows, _months = rows_by_name(program)
    assert [c.mentee.user.display_name for c in rows["Marcus"].mentees] == ["Priya"]
    assert rows["Marcus"].current_mentees == 1
    # The meetings already held still count for the months.
    assert rows["Marcus"].meetings_total == 4


def test_the_page_shows_figures_and_no_narratives(program, coordinator, history, login):
    html = login(coordinator).get(reverse("attention:supervision", args=[program.slug]))
    assert html.status_code == 200
    text = html.content.decode()
    assert "Marcus" in text and "Jordan" in text
    assert MARKER not in text


@pytest.mark.parametrize("who", ["mentor", "mentee"])
def test_mentors_and_mentees_get_403(request, program, login, who):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("attention:supervision", args=[program.slug])).status_code == 403


def test_another_programs_coordinator_gets_404(program, outsider, login):
    client = login(outsider)
    assert client.get(reverse("attention:supervision", args=[program.slug])).status_code == 404


def build(slug: str, mentors: int, mentees_each: int):
    program = ProgramFactory(slug=slug)
    coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
    enable_mfa(coordinator.user)
    for _index in range(mentors):
        mentor = MembershipFactory(program=program, role=Role.MENTOR)
        for number in range(mentees_each):
            pairing = PairingFactory(
                mentor=mentor, mentee=MembershipFactory(program=program, role=Role.MENTEE)
            )
            held(pairing, NOW - timedelta(days=3 + number), 60)
            MeetingFactory(pairing=pairing, starts_at=NOW - timedelta(days=30))
    return program, coordinator


def test_the_page_runs_the_same_queries_at_two_sizes(client, db):
    sizes = [build("small", 2, 1), build("big", 30, 5)]
    counts = []
    for program, coordinator in sizes:
        client.force_login(coordinator.user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("attention:supervision", args=[program.slug]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert "Page 1 of 2" in response.content.decode()
