"""A recovery program's name (“Bay Recovery Peers”) can reveal recovery to anyone who sees a
calendar: its event files and everyone's feed show the product's neutral name instead. Other
kinds of program keep their name. Parsed back with icalendar."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Program, Role
from mentoring import services
from mentoring.models import Event, EventParticipant
from tests.factories import MeetingFactory, MembershipFactory, PairingFactory, ProgramFactory

pytestmark = pytest.mark.django_db

RECOVERY_NAME = "Bay Recovery Peers"


def program_of(kind: str, name: str) -> dict:
    program = ProgramFactory(name=name, slug="bay", kind=kind)
    mentee = MembershipFactory(program=program, role=Role.MENTEE)
    mentor = MembershipFactory(program=program, role=Role.MENTOR)
    pairing = PairingFactory(mentee=mentee, mentor=mentor)
    event = Event.objects.create(
        program=program,
        kind="support_group",
        title="Tuesday group",
        location="Room 2",
        description="Tea from six.",
        starts_at=timezone.now() + timedelta(days=5),
    )
    EventParticipant.objects.create(event=event, membership=mentee, rsvp="yes")
    meeting = MeetingFactory(pairing=pairing)
    return {"program": program, "mentee": mentee, "event": event, "meeting": meeting}


def texts(body: bytes) -> tuple[str, list[str]]:
    calendar = Calendar.from_ical(body)
    parts = [
        str(component.get(key, ""))
        for component in calendar.walk("VEVENT")
        for key in ("SUMMARY", "DESCRIPTION", "LOCATION")
    ]
    return str(calendar["X-WR-CALNAME"]), parts


def event_file(client, scene) -> bytes:
    url = reverse(
        "events:ics",
        kwargs={"program_slug": scene["program"].slug, "event_id": scene["event"].pk},
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def feed(client, scene) -> bytes:
    token = services.calendar_feed_regenerate(user=scene["mentee"].user).token
    response = client.get(reverse("feed:ics", args=[token]))
    assert response.status_code == 200
    return response.content


def test_a_recovery_programs_calendars_never_carry_its_name(client, login):
    scene = program_of(Program.Kind.RECOVERY, RECOVERY_NAME)
    name, parts = texts(event_file(login(scene["mentee"]), scene))
    assert name == "PeerPath"
    assert parts[0] == "PeerPath: Tuesday group"
    assert parts[1:] == ["Tea from six.", "Room 2"]

    name, parts = texts(feed(client, scene))
    assert name == "PeerPath"
    assert "PeerPath: Tuesday group" in parts
    for body in (event_file(login(scene["mentee"]), scene), feed(client, scene)):
        assert b"Recovery" not in body and b"Bay" not in body


def test_another_kind_of_program_keeps_its_name(login):
    scene = program_of(Program.Kind.CAREER, "Bay Careers Circle")
    name, parts = texts(event_file(login(scene["mentee"]), scene))
    assert name == "Bay Careers Circle"
    assert parts[0] == "Bay Careers Circle: Tuesday group"
