"""Reports are for the program's coordinators: mentors and mentees get 403, a coordinator of
another program 404, and nobody sees what members wrote."""

from datetime import timedelta

import pytest
from django.urls import reverse

from matching.models import Pairing
from messaging.models import Message
from reports.models import ExportRecord
from reports.periods import program_today
from tests.factories import (
    CheckInFactory,
    GoalFactory,
    JournalEntryFactory,
    MeetingFactory,
    MessageFactory,
)

pytestmark = pytest.mark.django_db

PAGES = ["reports:index", "reports:overview", "reports:funder"]
DOWNLOADS = [
    ("reports:export", ["members"]),
    ("reports:export", ["pairings"]),
    ("reports:export", ["meetings"]),
    ("reports:funder_csv", []),
]
RANGE = {"start": "2026-01-01", "end": "2026-03-31"}


def _requests(slug):
    for name in PAGES:
        yield "get", reverse(name, args=[slug])
    for name, args in DOWNLOADS:
        yield "post", reverse(name, args=[slug, *args])


@pytest.mark.parametrize("who, status", [("mentor", 403), ("mentee", 403), ("outsider", 404)])
def test_only_the_programs_coordinators_get_in(request, login, program, coordinator, who, status):
    client = login(request.getfixturevalue(who))
    for method, url in _requests(program.slug):
        response = getattr(client, method)(url, RANGE if method == "post" else {})
        assert response.status_code == status, (who, url)
    assert not ExportRecord.objects.exists()


def test_the_coordinator_gets_in(login, coordinator, program):
    client = login(coordinator)
    for method, url in _requests(program.slug):
        response = getattr(client, method)(url, RANGE if method == "post" else {})
        assert response.status_code == 200, url
    assert ExportRecord.objects.count() == 4


def test_signed_out_people_are_sent_to_log_in(client, program):
    for method, url in _requests(program.slug):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_coordinator_link_in_the_program_menu(login, coordinator, mentor, program):
    url = reverse("reports:index", args=[program.slug])
    assert (
        url in login(coordinator).get(reverse("program_home", args=[program.slug])).content.decode()
    )
    assert (
        url not in login(mentor).get(reverse("program_home", args=[program.slug])).content.decode()
    )


def test_no_words_members_wrote_reach_any_report(login, coordinator, scene, program, mentee):
    jordan_pairing = Pairing.objects.get(mentee=mentee, status="active")
    CheckInFactory(
        membership=mentee,
        days_ago=1,
        visibility="private",
        helped="MARKER-CHECKIN helped",
        hard="MARKER-CHECKIN hard",
    )
    MeetingFactory(
        pairing=jordan_pairing,
        status="held",
        starts_at=scene["now"],
        narrative="MARKER-NARRATIVE",
        agenda="MARKER-AGENDA",
        location="MARKER-LOCATION",
        mentee_reflection="MARKER-REFLECTION",
        topics=["MARKER-TOPIC"],
        cancel_reason="MARKER-CANCEL",
    )
    GoalFactory(
        membership=mentee,
        title="MARKER-GOAL",
        why="MARKER-GOAL why",
        measure="MARKER-GOAL measure",
        visibility="private",
        status="achieved",
        achieved_at=scene["now"],
    )
    JournalEntryFactory(membership=mentee, title="MARKER-JOURNAL", body="MARKER-JOURNAL body")
    MessageFactory(conversation__pairing=jordan_pairing, author=mentee, body="MARKER-MESSAGE")
    assert "MARKER-MESSAGE" in Message.objects.values_list("body", flat=True)
    client = login(coordinator)
    seen = []
    for method, url in _requests(program.slug):
        today = program_today(program)
        data = {"start": (today - timedelta(days=60)).isoformat(), "end": today.isoformat()}
        response = getattr(client, method)(url, data)
        assert response.status_code == 200
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        seen.append(body)
    everything = "\n".join(seen)
    assert "MARKER" not in everything
    # The figures did count them: the goal among those achieved, the meeting in the export.
    assert seen[1].count("MARKER") == 0 and "goals achieved (3 since the start)" in seen[1]
    assert len(seen[5].strip().splitlines()) == 1 + 7  # the header and seven meetings
