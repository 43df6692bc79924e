"""The funder report for a range of whole days: unduplicated people served, new enrolments,
pairings started and ended with their reasons, contacts by type and setting with hours, and
events with attendance. Counted in the database in a fixed number of queries; the page and
the CSV both print `funder_sections`, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from accounts.models import Membership, Program, Role
from matching.models import MeetingFormat, Pairing
from mentoring.models import CheckIn, ContactType, Event, EventParticipant, Meeting
from messaging.models import Message
from surveys.selectors import program_outcomes

from ..periods import days_between
from .engagement import contact_aggregates, contact_minutes


@dataclass
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)  # [label, value per header]


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}"


def people_served(*, program: Program, first: date, last: date) -> dict[str, int]:
    """Members with any activity in the range, each counted once: a check-in, a meeting held
    on either side of a pair, an event attended, a message sent."""
    since, until = days_between(program, first, last)
    held = Meeting.objects.filter(
        status=Meeting.Status.HELD, starts_at__gte=since, starts_at__lt=until
    )
    active = (
        Exists(CheckIn.objects.filter(membership=OuterRef("pk"), date__gte=first, date__lte=last))
        | Exists(held.filter(pairing__mentee=OuterRef("pk")))
        | Exists(held.filter(pairing__mentor=OuterRef("pk")))
        | Exists(
            EventParticipant.objects.filter(
                membership=OuterRef("pk"),
                attended=True,
                event__starts_at__gte=since,
                event__starts_at__lt=until,
            )
        )
        | Exists(
            Message.objects.filter(
                author=OuterRef("pk"), created_at__gte=since, created_at__lt=until
            )
        )
    )
    rows = (
        Membership.objects.filter(program=program)
        .filter(active)
        .values("role")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["role"]: row["n"] for row in rows}


def funder_report(*, program: Program, first: date, last: date) -> dict:
    since, until = days_between(program, first, last)
    in_range = {"gte": since, "lt": until}
    enrolled = {
        row["role"]: row["n"]
        for row in Membership.objects.filter(
            program=program, joined_at__gte=since, joined_at__lt=until
        )
        .values("role")
        .annotate(n=Count("id"))
        .order_by()
    }
    ended_q = Q(status=Pairing.Status.ENDED, closed_at__gte=since, closed_at__lt=until)
    pairings = Pairing.objects.filter(program=program).aggregate(
        started=Count("id", filter=Q(activated_at__gte=since, activated_at__lt=until)),
        ended=Count("id", filter=ended_q),
    )
    reasons = list(
        Pairing.objects.filter(ended_q, program=program)
        .values("close_reason")
        .annotate(n=Count("id"))
        .order_by("-n", "close_reason")
    )
    contacts = list(
        Meeting.objects.filter(
            pairing__program=program,
            status=Meeting.Status.HELD,
            starts_at__gte=in_range["gte"],
            starts_at__lt=in_range["lt"],
        )
        .values("contact_type", "setting")
        .annotate(n=Count("id"), **contact_aggregates())
        .order_by("contact_type", "setting")
    )
    not_held = Meeting.objects.filter(
        pairing__program=program, starts_at__gte=since, starts_at__lt=until
    ).aggregate(
        missed=Count("id", filter=Q(status=Meeting.Status.MISSED)),
        cancelled=Count("id", filter=Q(status=Meeting.Status.CANCELLED)),
    )
    events = list(
        Event.objects.filter(
            program=program, cancelled_at__isnull=True, starts_at__gte=since, starts_at__lt=until
        )
        .values("kind")
        .annotate(
            events=Count("id", distinct=True),
            going=Count("participants", filter=Q(participants__rsvp="yes")),
            attended=Count("participants", filter=Q(participants__attended=True)),
        )
        .order_by("kind")
    )
    attendees = EventParticipant.objects.filter(
        event__program=program,
        event__cancelled_at__isnull=True,
        event__starts_at__gte=since,
        event__starts_at__lt=until,
        attended=True,
    ).aggregate(n=Count("membership", distinct=True))["n"]
    return {
        "program": program,
        "first": first,
        "last": last,
        "served": people_served(program=program, first=first, last=last),
        "enrolled": enrolled,
        "pairings": pairings,
        "reasons": reasons,
        "contacts": contacts,
        "not_held": not_held,
        "events": events,
        "attendees": attendees,
        "surveys": program_outcomes(program=program, since=since, until=until),
    }


def funder_sections(report: dict) -> list[Section]:
    """The report as titled tables of labels and values, for the page and the CSV alike."""
    roles = [(Role.MENTEE, _("Mentees")), (Role.MENTOR, _("Mentors"))]
    count, total = _("Count"), _("Total")
    served = Section("served", _("People served (unduplicated)"), [count])
    for role, label in roles:
        served.rows.append([label, report["served"].get(role, 0)])
    served.rows.append([total, sum(report["served"].get(role, 0) for role, _label in roles)])

    enrolled = Section("enrolled", _("New enrolments"), [count])
    for role, label in [*roles, (Role.COORDINATOR, _("Coordinators"))]:
        enrolled.rows.append([label, report["enrolled"].get(role, 0)])

    pairings = Section("pairings", _("Pairings"), [count])
    pairings.rows.append([_("Started"), report["pairings"]["started"]])
    pairings.rows.append([_("Ended"), report["pairings"]["ended"]])

    reasons = Section("reasons", _("Why pairings ended"), [count])
    for row in report["reasons"]:
        reasons.rows.append([row["close_reason"] or _("No reason given"), row["n"]])

    type_labels, setting_labels = dict(ContactType.choices), dict(MeetingFormat.choices)
    contacts = Section("contacts", _("Contacts held"), [_("Contacts"), _("Hours")])
    all_contacts = all_minutes = 0
    for row in report["contacts"]:
        minutes = contact_minutes(row["logged"], row["planned"])
        all_contacts += row["n"]
        all_minutes += minutes
        label = "{} · {}".format(
            type_labels.get(row["contact_type"], _("Type not recorded")),
            setting_labels.get(row["setting"], _("Setting not recorded")),
        )
        contacts.rows.append([label, row["n"], hours(minutes)])
    contacts.rows.append([total, all_contacts, hours(all_minutes)])

    other = Section("not_held", _("Meetings not held"), [count])
    other.rows.append([_("Missed"), report["not_held"]["missed"]])
    other.rows.append([_("Cancelled"), report["not_held"]["cancelled"]])

    kind_labels = dict(Event.Kind.choices)
    events = Section("events", _("Events"), [_("Events"), _("Said they would go"), _("Attended")])
    for row in report["events"]:
        events.rows.append(
            [
                kind_labels.get(row["kind"], row["kind"]),
                row["events"],
                row["going"],
                row["attended"],
            ]
        )
    events.rows.append(
        [
            total,
            sum(row["events"] for row in report["events"]),
            sum(row["going"] for row in report["events"]),
            sum(row["attended"] for row in report["events"]),
        ]
    )
    attendees = Section("attendees", _("People who attended an event"), [count])
    attendees.rows.append([_("Unduplicated"), report["attendees"]])

    not_enough = _("Not enough answers to show")
    surveys = Section(
        "surveys",
        _("Survey outcomes (first to latest total score in the period)"),
        [_("People who answered"), _("People answering twice or more"), _("Mean change")],
    )
    for outcome in report["surveys"]:
        change = outcome.change
        surveys.rows.append(
            [
                outcome.title,
                outcome.respondents,
                change.people,
                f"{change.mean_change:+.1f}" if change.shown else not_enough,
            ]
        )
    if not report["surveys"]:
        surveys.rows.append([_("No survey answers in this period"), 0, 0, "—"])
    return [served, enrolled, pairings, reasons, contacts, other, events, attendees, surveys]


def funder_csv_rows(report: dict) -> Iterator[list]:
    """The report in long form, one figure a row: section, item, measure, value."""
    yield [_("section"), _("item"), _("measure"), _("value")]
    name = report["program"].name
    yield ["", name, _("from"), report["first"].isoformat()]
    yield ["", name, _("to"), report["last"].isoformat()]
    for section in funder_sections(report):
        for label, *values in section.rows:
            for header, value in zip(section.headers, values, strict=True):
                yield [section.title, label, header, value]
