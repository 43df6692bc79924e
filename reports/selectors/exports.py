"""Rows of the CSV exports, read in chunks (`.iterator(chunk_size)` in a transaction): a
program's members, pairings and meetings. Only the members export names people; the others
carry pseudonymous ids. Meetings never carry a narrative, an agenda, a place, topics or a
reflection."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction
from django.db.models import BooleanField, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDate
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.models import Membership, Program
from matching.models import Pairing
from mentoring.models import Meeting

from ..periods import program_zone

CHUNK = 2000
BIG_CHUNK = 10_000  # meetings: fewer round trips; 10,000 short rows are ~2 MB


def pseudonym(membership_id: int) -> str:
    """A stable id for a member that reveals neither who they are nor their row number."""
    digest = salted_hmac("reports.pseudonym", str(membership_id), algorithm="sha256").hexdigest()
    return f"M-{digest[:12]}"


def _labels(choices) -> dict[str, str]:
    """Choice labels translated once per export: a lazy label per cell would call gettext
    hundreds of thousands of times (most of a 260,000-row export's time)."""
    return {value: str(label) for value, label in choices}


def _day(value) -> str:
    return value.date().isoformat() if value else ""


def _cell(text: str) -> str:
    """A spreadsheet must not run what someone typed as their name (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def member_rows(*, program: Program) -> Iterator[list]:
    yield [_("Member id"), _("Name"), _("Email"), _("Role"), _("Status"), _("Joined"), _("Left")]
    roles = _labels(Membership._meta.get_field("role").choices)
    statuses = _labels(Membership.Status.choices)
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
    for pk, name, email, role, status, joined, left in _streamed(rows, CHUNK):
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
    statuses, sources = _labels(Pairing.Status.choices), _labels(Pairing.Source.choices)
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
    for pk, mentee, mentor, status, source, proposed, started, paused, closed in _streamed(
        rows, CHUNK
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


def _streamed(queryset, chunk_size: int) -> Iterator:
    """`.iterator()` inside a transaction: there PostgreSQL's cursor is declared WITHOUT HOLD
    and streams rows as they are fetched (the first block leaves at once), where in
    autocommit Django declares it WITH HOLD and PostgreSQL first materialises the whole
    result. A download that breaks off closes the generator, which leaves the block and ends
    a transaction that wrote nothing."""
    with transaction.atomic(using=queryset.db):
        yield from queryset.iterator(chunk_size=chunk_size)


def meeting_rows(*, program: Program) -> Iterator[list]:
    yield [
        _("Meeting id"), _("Pairing id"), _("Mentee id"), _("Mentor id"), _("Date"),
        _("Status"), _("Type of contact"), _("Setting"), _("Duration (minutes)"), _("Logged"),
    ]  # fmt: skip
    statuses = _labels(Meeting.Status.choices)
    types = _labels(Meeting._meta.get_field("contact_type").choices)
    settings = _labels(Meeting._meta.get_field("setting").choices)
    yes, no = _("yes"), _("no")
    # The database hands over a local date, a logged span and a flag rather than four
    # timestamps: turning 260,000 x 4 timestamps into aware datetimes was most of the time.
    rows = (
        Meeting.objects.filter(pairing__program=program)
        .annotate(
            day=TruncDate("starts_at", tzinfo=program_zone(program)),
            span=ExpressionWrapper(F("actual_end") - F("actual_start"), DurationField()),
            logged=ExpressionWrapper(Q(logged_at__isnull=False), BooleanField()),
        )
        .order_by("pk")
        .values_list(
            "pk",
            "pairing_id",
            "pairing__mentee_id",
            "pairing__mentor_id",
            "day",
            "status",
            "contact_type",
            "setting",
            "duration_minutes",
            "span",
            "logged",
        )  # fmt: skip
    )
    pseudonyms: dict[int, str] = {}  # one request's export only: pairs meet many times
    for (
        pk,
        pairing,
        mentee,
        mentor,
        day,
        status,
        kind,
        setting,
        planned,
        span,
        logged,
    ) in _streamed(rows, BIG_CHUNK):
        mentee_id = pseudonyms.get(mentee) or pseudonyms.setdefault(mentee, pseudonym(mentee))
        mentor_id = pseudonyms.get(mentor) or pseudonyms.setdefault(mentor, pseudonym(mentor))
        yield [
            pk, pairing, mentee_id, mentor_id, day.isoformat(), statuses.get(status, status),
            types.get(kind, ""), settings.get(setting, ""),
            int(span.total_seconds() // 60) if span is not None else planned,
            yes if logged else no,
        ]  # fmt: skip
