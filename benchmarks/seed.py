"""Benchmark data: one program, mentors with ~10 mentees each, two years of daily history.

Each mentee's history is written by `tests.factories.history_write`, the builder the
query-count tests use: bulk rows for check-ins and habit logs, so 20 people x 2 years take
seconds, and the services for habits, goals, streaks and recovery time.

    from benchmarks.seed import seed_program
    people = seed_program(mentees=20, mentors=2, days=730)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

PASSWORD = "bench-peerpath-password"


@dataclass
class MenteeData:
    email: str
    membership_id: int
    habit_ids: list[int] = field(default_factory=list)
    goal_ids: list[int] = field(default_factory=list)
    mentor_email: str = ""


@dataclass
class BenchProgram:
    slug: str
    password: str
    mentors: list[str]
    mentees: list[MenteeData]


def _people(program, role, emails: list[str], password_hash: str):
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from accounts.models import Membership, User

    memberships = []
    for email in emails:
        user = User.objects.create_user(email=email)
        user.password = password_hash  # one hash for everyone: hashing is slow by design
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        memberships.append(
            Membership.objects.create(
                user=user,
                program=program,
                role=role,
                status=Membership.Status.ACTIVE,
                privacy_notice_version=program.privacy_notice_version,
                privacy_acknowledged_at=timezone.now(),
            )
        )
    return memberships


def _history(mentee, pairing, days: int, goals: int) -> MenteeData:
    """`days` of history before today (today is left for the load's writes), built as the
    query-count tests build it, and a meeting every two weeks."""
    from django.utils import timezone

    from mentoring.models import Meeting
    from tests.factories import history_write

    ids = history_write(mentee, days=days, goals=goals, first_day_ago=1)
    now = timezone.now()
    meetings = [
        Meeting(
            pairing=pairing,
            status=Meeting.Status.HELD,
            starts_at=now - timedelta(weeks=weeks_ago),
            logged_at=now - timedelta(weeks=weeks_ago) + timedelta(hours=1),
            narrative="We talked about the week.",
        )
        for weeks_ago in range(2, days // 7, 2)
    ]
    meetings.append(
        Meeting(pairing=pairing, status=Meeting.Status.CONFIRMED, starts_at=now + timedelta(days=3))
    )
    Meeting.objects.bulk_create(meetings)
    return MenteeData(
        email=mentee.user.email,
        membership_id=mentee.pk,
        habit_ids=ids["habits"],
        goal_ids=ids["goals"],
    )


def seed_program(*, mentees: int = 20, mentors: int = 2, days: int = 730, goals: int = 8):
    """A program `bench` whose mentees are shared out among `mentors` (10 each by default),
    each with `days` of daily history. Returns who to log in as and the ids the load needs."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Program, Role
    from matching.models import Pairing

    with transaction.atomic():
        program = Program.objects.create(name="Benchmark program", slug="bench")
        password_hash = make_password(PASSWORD)
        mentor_emails = [f"bench-mentor{i + 1}@example.org" for i in range(mentors)]
        mentee_emails = [f"bench-mentee{i + 1}@example.org" for i in range(mentees)]
        mentor_rows = _people(program, Role.MENTOR, mentor_emails, password_hash)
        mentee_rows = _people(program, Role.MENTEE, mentee_emails, password_hash)
        now = timezone.now()
        result = BenchProgram(
            slug=program.slug, password=PASSWORD, mentors=mentor_emails, mentees=[]
        )
        for index, mentee in enumerate(mentee_rows):
            mentor = mentor_rows[index % mentors]
            pairing = Pairing.objects.create(
                program=program,
                mentee=mentee,
                mentor=mentor,
                status=Pairing.Status.ACTIVE,
                proposed_at=now,
                expires_at=now,
                activated_at=now,
            )
            data = _history(mentee, pairing, days, goals)
            data.mentor_email = mentor.user.email
            result.mentees.append(data)
    return result
