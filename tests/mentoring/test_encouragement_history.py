"""The mentee's encouragement history: every note from every mentor they had, newest first,
paginated, in the viewer's time zone; only the mentee it was written to opens it; a fixed
number of queries whatever the number of notes; the home links to it with the count."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import rules
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring import access
from mentoring.models import Encouragement
from tests.factories import EncouragementFactory, GoalFactory, PairingFactory

pytestmark = pytest.mark.django_db


def history_url(program) -> str:
    return reverse("encouragements:index", args=[program.slug])


def note(pairing, text, minutes_ago=0, **kwargs) -> Encouragement:
    encouragement = EncouragementFactory(pairing=pairing, text=text, **kwargs)
    Encouragement.objects.filter(pk=encouragement.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return encouragement


def test_every_note_newest_first_with_the_mentors_name_also_after_the_pairing_ended(
    login, program, mentee, mentor, other_mentor
):
    ended = PairingFactory(mentee=mentee, mentor=other_mentor, days_ago=200, ended=True)
    current = PairingFactory(mentee=mentee, mentor=mentor)
    goal = GoalFactory(membership=mentee, title="Walk every morning")
    note(ended, "Earliest from an ended pairing", minutes_ago=300)
    note(current, "Keep going on the walks", minutes_ago=60, goal=goal)
    note(current, "Newest of all", minutes_ago=1)
    html = login(mentee).get(history_url(program)).content.decode()
    assert html.index("Newest of all") < html.index("Keep going") < html.index("Earliest")
    assert other_mentor.user.display_name in html and mentor.user.display_name in html
    assert html.count("Former mentor") == 1  # only the note from the ended pairing
    assert "Walk every morning" in html


def test_times_are_in_the_viewers_time_zone(login, program, mentee, pairing):
    profile = mentee.user.profile
    profile.time_zone = "Asia/Tokyo"
    profile.save(update_fields=["time_zone"])
    sent = note(pairing, "Hello from afar")
    sent.refresh_from_db()
    html = login(mentee).get(history_url(program)).content.decode()
    tokyo = timezone.localtime(sent.created_at, timezone=ZoneInfo("Asia/Tokyo"))
    assert f'datetime="{tokyo.isoformat()}"' in html


def test_paginated(login, program, mentee, pairing):
    for number in range(25):
        note(pairing, f"Note number {number:02d}.", minutes_ago=number)
    client = login(mentee)
    first = client.get(history_url(program)).content.decode()
    second = client.get(history_url(program) + "?page=2").content.decode()
    assert "Note number 00." in first and "Note number 19." in first
    assert "Note number 20." not in first and "Note number 24." in second
    assert "Page 1 of 2" in first


def test_nobody_else_opens_or_reads_a_mentees_notes(
    login, program, mentee, mentor, pairing, other_mentee, other_mentor, coordinator
):
    note(pairing, "For Mira only")
    assert login(other_mentee).get(history_url(program)).status_code == 200
    assert "For Mira only" not in login(other_mentee).get(history_url(program)).content.decode()
    for person in (mentor, other_mentor, coordinator):
        assert login(person).get(history_url(program)).status_code in (403, 302)


def test_the_rule_and_the_list_filter_agree(program, mentee, mentor, pairing, other_mentor):
    mine = note(pairing, "To the mentee")
    former = PairingFactory(mentee=mentee, mentor=other_mentor, days_ago=200, ended=True)
    old = note(former, "From a former mentor")
    for person, visible in (
        (mentee, {mine.pk, old.pk}),
        (mentor, {mine.pk}),  # the author, while the pairing is current
        (other_mentor, set()),  # the former mentor no longer reads what they wrote
    ):
        listed = set(access.encouragements_visible_to(person).values_list("pk", flat=True))
        assert listed == visible
        for record in (mine, old):
            allowed = rules.has_perm("mentoring.view_encouragement", person, record)
            assert allowed == (record.pk in listed)


def _count(client, program) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(history_url(program))
    assert response.status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_two_notes_and_forty(
    login, program, mentee, other_mentee, mentor, other_mentor
):
    small = PairingFactory(mentee=mentee, mentor=mentor)
    large = PairingFactory(mentee=other_mentee, mentor=other_mentor)
    for number in range(2):
        note(small, f"Small {number}", goal=GoalFactory(membership=mentee))
    for number in range(40):
        note(large, f"Large {number}", goal=GoalFactory(membership=other_mentee))
    login(mentee).get(history_url(program))
    small_count = _count(login(mentee), program)
    login(other_mentee).get(history_url(program))
    assert _count(login(other_mentee), program) == small_count


def test_the_home_links_to_the_history_with_the_count(login, program, mentee, pairing):
    home = reverse("program_home", args=[program.slug])
    assert "All encouragement" not in login(mentee).get(home).content.decode()
    for number in range(3):
        note(pairing, f"Note {number}", minutes_ago=10 - number)
    html = login(mentee).get(home).content.decode()
    assert "Note 2" in html and "Note 0" not in html  # the latest only
    assert "All encouragement (3)" in html
    assert history_url(program) in html
