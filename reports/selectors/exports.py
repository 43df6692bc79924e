"""Rows of the CSV exports, read in chunks (`.iterator(chunk_size)`): a program's members,
pairings and meetings. Only the members export names people; the others carry pseudonymous
ids. Meetings never carry a narrative, an agenda, a place, topics or a reflection."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.models import Membership, Program
from matching.models import Pairing
from mentoring.models import Meeting

CHUNK = 2000


def pseudonym(membership_id: int) -> str:
    """A stable id for a member that reveals neither who they are nor their row number."""
    digest = salted_hmac("reports.pseudonym", str(membership_id), algorithm="sha256").hexdigest()
    return f"M-{digest[:12]}"


def _day(value) -> str:
    return value.date().isoformat() if value else ""


def _cell(text: str) -> str:
    """A spreadsheet must not run what someone typed as their name (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def member_rows(*, program: Program) -> Iterator[list]:
    yield [_("Member id"), _("Name"), _("Email"), _("Role"), _("Status"), _("Joined"), _("Left")]
    roles, statuses = (
        dict(Membership._meta.get_field("role").choices),
        dict(Membership.Status.choices),
    )
    rows = (
        Membership.objects.filter(program=program)
        .order_by("pk")
        .values_list(
            "pk",
            "user__profile__display_name",
            "user__email",
            "role",
            "status",
            "joined_at",
            "left_at",
        )
    )
    for pk, name, email, role, status, joined, left in rows.iterator(chunk_size=CHUNK):
        yield [
            pseudonym(pk),
            _cell(name or email.split("@")[0]),
            _cell(email),
            roles.get(role, role),
            statuses.get(status, status),
            _day(joined),
            _day(left),
        ]


def pairing_rows(*, program: Program) -> Iterator[list]:
    yield [
        _("Pairing id"),
        _("Mentee id"),
        _("Mentor id"),
        _("Status"),
        _("Source"),
        _("Proposed"),
        _("Started"),
        _("Paused"),
        _("Closed"),
    ]
    statuses, sources = dict(Pairing.Status.choices), dict(Pairing.Source.choices)
    rows = (
        Pairing.objects.filter(program=program)
        .order_by("pk")
        .values_list(
            "pk",
            "mentee_id",
            "mentor_id",
            "status",
            "source",
            "proposed_at",
            "activated_at",
            "paused_at",
            "closed_at",
        )
    )
    for pk, mentee, mentor, status, source, proposed, started, paused, closed in rows.iterator(
        chunk_size=CHUNK
    ):
        yield [
            pk,
            pseudonym(mentee),
            pseudonym(mentor),
            statuses.get(status, status),
            sources.get(source, source),
            _day(proposed),
            _day(started),
            _day(paused),
            _day(closed),
        ]


def meeting_rows(*, program: Program) -> Iterator[list]:
    yield [
        _("Meeting id"),
        _("Pairing id"),
        _("Mentee id"),
        _("Mentor id"),
        _("Date"),
        _("Status"),
        _("Type of contact"),
        _("Setting"),
        _("Duration (minutes)"),
        _("Logged"),
    ]
    statuses = dict(Meeting.Status.choices)
    types = dict(Meeting._meta.get_field("contact_type").choices)
    settings = dict(Meeting._meta.get_field("setting").choices)
    yes, no = _("yes"), _("no")
    rows = (
        Meeting.objects.filter(pairing__program=program)
        .order_by("pk")
        .values_list(
            "pk",
            "pairing_id",
            "pairing__mentee_id",
            "pairing__mentor_id",
            "starts_at",
            "status",
            "contact_type",
            "setting",
            "duration_minutes",
            "actual_start",
            "actual_end",
            "logged_at",
        )
    )
    pseudonyms: dict[int, str] = {}  # one request's export only: pairs meet many times

    def person(pk: int) -> str:
        if pk not in pseudonyms:
            pseudonyms[pk] = pseudonym(pk)
        return pseudonyms[pk]

    for (
        pk,
        pairing,
        mentee,
        mentor,
        starts,
        status,
        kind,
        setting,
        planned,
        start,
        end,
        logged,
    ) in rows.iterator(chunk_size=CHUNK):
        minutes = int((end - start).total_seconds() // 60) if start and end else planned
        yield [
            pk,
            pairing,
            person(mentee),
            person(mentor),
            starts.date().isoformat(),
            statuses.get(status, status),
            types.get(kind, ""),
            settings.get(setting, ""),
            minutes,
            yes if logged else no,
        ]
