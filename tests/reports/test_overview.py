"""The overview's figures against the hand-counted scene (tests/reports/conftest.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.periods import program_today, week_start
from tests.factories import CheckInFactory, MeetingFactory, MembershipFactory, PairingFactory

pytestmark = pytest.mark.django_db


def overview(login, coordinator):
    response = login(coordinator).get(reverse("reports:overview", args=[coordinator.program.slug]))
    assert response.status_code == 200
    return response


def test_members_by_role_and_status(login, coordinator, scene):
    members = {row["role"]: row["cells"] for row in overview(login, coordinator).context["members"]}
    # Columns: invited, active, paused, left.
    assert members == {
        "mentee": [0, 4, 1, 1],
        "mentor": [0, 2, 0, 1],
        "coordinator": [0, 1, 0, 0],
    }


def test_waiting_list_median_and_longest(login, coordinator, scene):
    # Priya waits since she joined 10 days ago, Sam since his pairing ended 4 days ago; Alex
    # has no intake, Robin is paused, Kim left, Jordan has a mentor.
    assert overview(login, coordinator).context["waiting"] == {
        "count": 2,
        "median_days": 7,
        "longest_days": 10,
    }


def test_pairings_and_mentor_load(login, coordinator, scene):
    context = overview(login, coordinator).context
    pairings = context["pairings"]
    assert (pairings["active"], pairings["paused"], pairings["ended"]) == (1, 1, 2)
    # Marcus has Jordan and Robin (paused counts) of 2 places; Teresa none of 2 (default).
    assert context["load"] == {
        "mentors": 2,
        "rows": [{"mentees": 0, "mentors": 1}, {"mentees": 2, "mentors": 1}],
        "at_capacity": 1,
        "with_room": 1,
        "places": 4,
        "places_open": 2,
    }


def test_engagement(login, coordinator, scene):
    context = overview(login, coordinator).context
    # Active mentees: Jordan, Priya, Sam, Alex. In the last 7 days: Jordan and Sam.
    assert context["checkins"] == {"mentees": 4, "checked_in": 2, "percent": 50}
    meetings = context["meetings"]
    assert (meetings["held"], meetings["missed"], meetings["cancelled"]) == (2, 1, 1)
    assert meetings["per_pair"] == {"held": 2.0, "missed": 1.0, "cancelled": 1.0}
    assert meetings["contact_hours"] == 2.0  # 90 logged minutes + 30 planned
    assert context["goals"] == {"all_time": 2, "recent": 1}
    # The cancelled event and the one ahead do not count.
    assert context["events"] == {"events": 1, "going": 2, "attended": 2, "attendees": 2}


def test_retention(login, coordinator, scene):
    rows = overview(login, coordinator).context["retention"]
    assert sum(row["started"] for row in rows) == 4

    def total(days, key):
        return sum(s[key] for row in rows for s in row["shares"] if s["days"] == days)

    # 30 days on: Jordan (45 days, going), Sam (ended after 46 days), Kim (ended after 10).
    assert (total(30, "eligible"), total(30, "lasted")) == (3, 2)
    assert total(60, "eligible") == 0


def test_trends_cover_twelve_weeks_with_tables(login, coordinator, scene, program):
    response = overview(login, coordinator)
    charts = {chart["key"]: chart for chart in response.context["charts"]}
    today = program_today(program)
    for chart in charts.values():
        weeks = [week for week, _value in chart["points"]]
        assert len(weeks) == 12 and weeks[-1] == week_start(today)
    totals = {key: sum(v for _w, v in chart["points"]) for key, chart in charts.items()}
    assert totals == {"checkins": 3, "meetings": 3, "pairings": 4}
    html = response.content.decode()
    assert html.count('role="img"') >= 3
    assert '<title id="chart-checkins-title">' in html and 'id="trend-checkins"' in html
    assert "style=" not in html.split("<main", 1)[1]


def _grow(program, mentor, n):
    for _ in range(n):
        mentee = MembershipFactory(program=program)
        pairing = PairingFactory(
            mentee=mentee, mentor=MembershipFactory(program=program, role="mentor")
        )
        MeetingFactory(pairing=pairing, status="held", starts_at=pairing.activated_at)
        CheckInFactory(membership=mentee, days_ago=1)


def test_query_count_does_not_grow_with_the_program(login, coordinator, scene, program, mentor):
    client = login(coordinator)
    url = reverse("reports:overview", args=[program.slug])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(program, mentor, 12)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)
    assert len(large) <= 25
