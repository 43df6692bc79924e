"""Calendar files and the private feed, parsed back with icalendar: stable UID, growing
SEQUENCE, time zones, organizer and attendees, status; the feed's token, headers and a fixed
number of queries."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from matching import services as matching_services
from mentoring import services
from mentoring.models import CalendarFeed, Event, EventParticipant, Meeting
from tests.factories import MeetingFactory, PairingFactory, local_slot

# What the mentor writes in a meeting log: never in a calendar file.
NARRATIVE = "Talked through the job fair plan; Jordan chose two stands to visit."


def url(name, membership, *args):
    return reverse(f"meetings:{name}", args=[membership.program.slug, *args])


def parse_events(body: bytes) -> tuple[Calendar, list]:
    calendar = Calendar.from_ical(body)
    return calendar, [c for c in calendar.walk() if c.name == "VEVENT"]


def download(client, membership, meeting) -> tuple[Calendar, object]:
    response = client.get(url("ics", membership, meeting.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".ics" in response["Content-Disposition"]
    calendar, events = parse_events(response.content)
    assert len(events) == 1
    return calendar, events[0]


def feed_url(user) -> str:
    """A fresh feed URL for the person (any earlier one stops working)."""
    return reverse("feed:ics", args=[services.calendar_feed_regenerate(user=user).token])


def test_meeting_ics_parses_back_and_updates_replace_the_event(login, pairing, mentee, mentor):
    mentor.user.profile.time_zone = "Europe/Berlin"
    mentor.user.profile.save()
    meeting, _ = services.meeting_propose(
        pairing=pairing,
        by=mentor.user,
        starts_at=local_slot(mentor, days=3),
        format="video",
        location="https://meet.example.org/x",
        agenda="Job fair",
    )
    client = login(mentee)
    calendar, first = download(client, mentee, meeting)
    assert calendar.walk("VTIMEZONE"), "VTIMEZONE present"
    assert first["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert first.decoded("DTSTART") == meeting.starts_at
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=60)
    assert str(first["STATUS"]) == "TENTATIVE"
    assert "member-" in str(first["ORGANIZER"])
    attendees = first.get("ATTENDEE")
    assert isinstance(attendees, list) and len(attendees) == 2
    assert {str(a.params["CN"]) for a in attendees} == {"Jordan", "Marcus"}
    assert str(first["LOCATION"]) == "https://meet.example.org/x"

    services.meeting_propose_other_time(
        meeting=meeting, by=mentee.user, starts_at=meeting.starts_at + timedelta(days=1)
    )
    meeting.refresh_from_db()
    _cal, second = download(client, mentee, meeting)
    assert str(second["UID"]) == str(first["UID"]) == meeting.uid
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])
    assert second.decoded("DTSTART") - first.decoded("DTSTART") == timedelta(days=1)

    services.meeting_confirm(meeting=meeting, by=mentor.user)
    meeting.refresh_from_db()
    _cal, confirmed = download(client, mentee, meeting)
    assert str(confirmed["STATUS"]) == "CONFIRMED"
    assert int(confirmed["SEQUENCE"]) > int(second["SEQUENCE"])

    services.meeting_cancel(meeting=meeting, by=mentee.user, reason="Unwell")
    meeting.refresh_from_db()
    _cal, cancelled = download(client, mentee, meeting)
    assert str(cancelled["STATUS"]) == "CANCELLED" and str(cancelled["UID"]) == meeting.uid


def test_the_calendar_file_never_carries_the_log(login, pairing, mentor):
    meeting = MeetingFactory(pairing=pairing, starts_at=local_slot(mentor, days=-1))
    services.meeting_log(
        by=mentor.user,
        meeting=meeting,
        outcome="held",
        actual_start=meeting.starts_at,
        actual_end=meeting.starts_at + timedelta(hours=1),
        setting="phone",
        contact_type="check_in",
        narrative=NARRATIVE,
    )
    body = login(mentor).get(url("ics", mentor, meeting.pk)).content.decode()
    assert NARRATIVE not in body and "BEGIN:VEVENT" in body


# THE PRIVATE FEED


def test_the_feed_needs_no_login_and_holds_meetings_and_events(client, pairing, mentee, mentor):
    planned = MeetingFactory(pairing=pairing)
    old_cancelled = MeetingFactory(
        pairing=pairing,
        starts_at=timezone.now() - timedelta(days=40),
        status=Meeting.Status.CANCELLED,
    )
    going = Event.objects.create(
        program=mentee.program,
        kind="workshop",
        title="CV workshop",
        starts_at=timezone.now() + timedelta(days=5),
    )
    maybe = Event.objects.create(
        program=mentee.program,
        kind="social",
        title="Picnic",
        starts_at=timezone.now() + timedelta(days=6),
    )
    declined = Event.objects.create(
        program=mentee.program,
        kind="support_group",
        title="Evening group",
        starts_at=timezone.now() + timedelta(days=7),
    )
    EventParticipant.objects.create(event=going, membership=mentee, rsvp="yes")
    EventParticipant.objects.create(event=maybe, membership=mentee, rsvp="maybe")
    EventParticipant.objects.create(event=declined, membership=mentee, rsvp="no")

    response = client.get(feed_url(mentee.user))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    _cal, events = parse_events(response.content)
    uids = {str(e["UID"]) for e in events}
    assert planned.uid in uids and old_cancelled.uid not in uids
    assert going.uid in uids and maybe.uid in uids and declined.uid not in uids
    # The mentor's feed has the meeting, not the mentee's events.
    _cal, mentor_events = parse_events(client.get(feed_url(mentor.user)).content)
    assert {str(e["UID"]) for e in mentor_events} == {planned.uid}


def test_the_feed_drops_meetings_of_an_ended_pairing(client, pairing, mentor, coordinator):
    meeting = MeetingFactory(pairing=pairing)
    matching_services.pairing_end(pairing=pairing, by=coordinator, reason="Ended")
    _cal, events = parse_events(client.get(feed_url(mentor.user)).content)
    assert meeting.uid not in {str(e["UID"]) for e in events}


def _shown_token(html: str) -> str:
    match = re.search(r'value="http://testserver/calendar/([^"/]+)\.ics"', html)
    assert match, "the page shows no feed link"
    return match.group(1)


def test_a_tampered_or_regenerated_token_is_404(client, login, pairing, mentee):
    MeetingFactory(pairing=pairing)
    old = feed_url(mentee.user)
    assert client.get(old).status_code == 200
    token = old.removeprefix("/calendar/").removesuffix(".ics")
    assert client.get(reverse("feed:ics", args=[token[:-1] + "x"])).status_code == 404
    assert client.get(reverse("feed:ics", args=["nothing"])).status_code == 404

    page = login(mentee)
    response = page.post(url("calendar", mentee))
    html = response.content.decode()
    assert "Any link you made before no longer works" in html
    new_token = _shown_token(html)
    assert new_token != token
    page.logout()
    assert client.get(old).status_code == 404
    assert client.get(reverse("feed:ics", args=[new_token])).status_code == 200


def test_the_link_is_shown_once_and_only_its_hash_is_stored(login, client, pairing, mentee):
    page = login(mentee)
    first = page.get(url("calendar", mentee))
    assert first.status_code == 200
    assert "Make my calendar link" in first.content.decode()
    assert not CalendarFeed.objects.filter(user=mentee.user).exists()

    made = page.post(url("calendar", mentee))
    html = made.content.decode()
    token = _shown_token(html)
    assert f"webcal://testserver/calendar/{token}.ics" in html
    assert "Copy it now" in html and "no-store" in made["Cache-Control"]
    feed = CalendarFeed.objects.get(user=mentee.user)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(CalendarFeed.objects.values().get(pk=feed.pk))

    again = page.get(url("calendar", mentee)).content.decode()
    assert token not in again
    assert "cannot show it again" in again and "Make a new link" in again
    assert client.get(reverse("feed:ics", args=[token])).status_code == 200


def test_the_calendar_page_is_for_members_only(login, pairing, mentee, coordinator):
    response = login(mentee).get(url("calendar", mentee))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert login(coordinator).get(url("calendar", coordinator)).status_code == 403
    assert login(coordinator).post(url("calendar", coordinator)).status_code == 403
    assert not CalendarFeed.objects.filter(user=coordinator.user).exists()


def _feed_queries(client, user) -> int:
    target = feed_url(user)
    client.get(target)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(target)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_feed_uses_a_fixed_number_of_queries(client, program, pairing, mentee):
    from tests.factories import MembershipFactory, UserFactory

    def add(pairing_, count):
        for day in range(count):
            MeetingFactory(pairing=pairing_, starts_at=timezone.now() + timedelta(days=day + 1))
            event = Event.objects.create(
                program=program,
                kind="workshop",
                title=f"E{day}",
                starts_at=timezone.now() + timedelta(days=day + 1),
            )
            EventParticipant.objects.create(event=event, membership=pairing_.mentee, rsvp="yes")

    add(pairing, 2)
    few = _feed_queries(client, mentee.user)
    busy = MembershipFactory(
        program=program, role="mentee", user=UserFactory(email="busy@example.org")
    )
    busy_mentor = MembershipFactory(
        program=program, role="mentor", user=UserFactory(email="busym@example.org")
    )
    add(PairingFactory(mentee=busy, mentor=busy_mentor), 20)
    many = _feed_queries(client, busy.user)
    assert few == many, (few, many)
    assert few <= 3
    _cal, events = parse_events(client.get(feed_url(busy.user)).content)
    assert len(events) == 40
