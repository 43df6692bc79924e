"""Calendar files (RFC 5545) for meetings and events, built with the icalendar package.

Each event keeps a stable UID and a SEQUENCE that grows with every change, so a calendar
that imported it replaces the event instead of adding a second one. Times are written in
the organizer's or program's time zone with its VTIMEZONE. Attendee addresses are not
people's real emails (an alias is all the other person knows): they are per-member
addresses under the reserved .invalid domain.

A calendar is seen by other apps and by people nearby: a recovery program's name (“Bay
Recovery Peers”) never appears in one. Its events carry the product's neutral name instead.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as IcsEvent

from accounts.models import Program

from .models import Event, Meeting

PRODID = "-//PeerPath//peer mentoring//EN"
MEETING_STATUS = {
    Meeting.Status.PROPOSED: "TENTATIVE",
    Meeting.Status.CONFIRMED: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.MISSED: "CANCELLED",
}


def calendar_name(program: Program) -> str:
    """The name a calendar may show for a program: the product's own for a recovery program."""
    if program.kind == Program.Kind.RECOVERY:
        return settings.SITE_NAME
    return program.name


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _address(membership, *, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:member-{membership.pk}@peerpath.invalid")
    address.params["cn"] = vText(membership.user.display_name)
    if role:
        address.params["role"] = vText(role)
    return address


def _zone_of(membership) -> zoneinfo.ZoneInfo:
    profile = getattr(membership.user, "profile", None)
    return zoneinfo.ZoneInfo(profile.time_zone if profile else membership.program.time_zone)


def meeting_component(meeting: Meeting) -> IcsEvent:
    pairing = meeting.pairing
    organizer = (
        pairing.mentor if meeting.proposed_by_id == pairing.mentor.user_id else (pairing.mentee)
    )
    zone = _zone_of(organizer)
    start = meeting.starts_at.astimezone(zone)
    event = IcsEvent()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=meeting.duration_minutes))
    # No recovery wording: a calendar is seen by other apps and people nearby.
    event.add(
        "summary",
        f"PeerPath: {pairing.mentee.user.display_name} & {pairing.mentor.user.display_name}",
    )
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    event.add("status", MEETING_STATUS[meeting.status])
    event["organizer"] = _address(organizer)
    event.add("attendee", _address(pairing.mentee, role="REQ-PARTICIPANT"), encode=0)
    event.add("attendee", _address(pairing.mentor, role="REQ-PARTICIPANT"), encode=0)
    return event


def event_component(program_event: Event) -> IcsEvent:
    zone = zoneinfo.ZoneInfo(program_event.program.time_zone)
    start = program_event.starts_at.astimezone(zone)
    event = IcsEvent()
    event.add("uid", program_event.uid)
    event.add("sequence", program_event.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=program_event.duration_minutes))
    event.add("summary", f"{calendar_name(program_event.program)}: {program_event.title}")
    if program_event.location:
        event.add("location", program_event.location)
    if program_event.description:
        event.add("description", program_event.description)
    event.add("status", "CANCELLED" if program_event.cancelled_at else "CONFIRMED")
    return event


def _finish(cal: Calendar, components: Iterable[IcsEvent]) -> bytes:
    for component in components:
        cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()


def meeting_ics(meeting: Meeting) -> bytes:
    return _finish(_calendar(settings.SITE_NAME), [meeting_component(meeting)])


def event_ics(program_event: Event) -> bytes:
    return _finish(
        _calendar(calendar_name(program_event.program)), [event_component(program_event)]
    )


def feed_ics(*, meetings: Iterable[Meeting], events: Iterable[Event]) -> bytes:
    components = [meeting_component(m) for m in meetings]
    components += [event_component(e) for e in events]
    return _finish(_calendar(settings.SITE_NAME), components)
