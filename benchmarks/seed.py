"""Benchmark data: one program, mentors with ~10 mentees each, two years of daily history.

Built with bulk ORM writes, like test factories, so seeding 20 people x 2 years takes seconds;
derived fields (habit streaks) are computed with the same function the services use, and
goals, habits and recovery time go through the services.

    from benchmarks.seed import seed_program
    people = seed_program(mentees=20, mentors=2, days=730)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

PASSWORD = "bench-peerpath-password"
HABIT_NAMES = ("Recovery meeting", "Exercise", "Mindfulness", "Journaling", "Sleep routine")


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


def _history(mentee, mentor, pairing, days: int, goals: int) -> MenteeData:
    """`days` of check-ins and habit logs before today (today is left for the load's writes),
    goals with milestones, recovery time and a meeting every two weeks."""
    from django.utils import timezone

    from mentoring import services
    from mentoring.models import CheckIn, Habit, HabitLog, Meeting
    from mentoring.services.habits import runs

    today = services.local_today(mentee)
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                membership=mentee,
                date=today - timedelta(days=d),
                mood=1 + d % 5,
                craving=d % 11,
                helped="A walk and a call with my mentor.",
                hard="A long day at work.",
                visibility="private" if d % 7 == 0 else "shared",
            )
            for d in range(1, days + 1)
        ]
    )
    data = MenteeData(email=mentee.user.email, membership_id=mentee.pk)
    for index, name in enumerate(HABIT_NAMES):
        habit = services.habit_create(membership=mentee, name=name)
        dates = [today - timedelta(days=d) for d in range(1, days + 1) if (d + index) % 6]
        HabitLog.objects.bulk_create([HabitLog(habit=habit, date=day) for day in dates])
        # Streaks are derived: compute them as the services do after every log.
        habit.last_run_start, habit.last_run_end, habit.last_run_length, habit.longest_run = runs(
            habit, dates
        )
        habit.save(
            update_fields=["last_run_start", "last_run_end", "last_run_length", "longest_run"]
        )
        data.habit_ids.append(habit.pk)
    assert Habit.objects.filter(membership=mentee).count() == len(HABIT_NAMES)
    for index in range(goals):
        goal = services.goal_create(
            membership=mentee,
            title=f"Goal {index + 1}",
            category="health",
            why="It matters for my recovery.",
            milestones=[{"title": f"Step {step + 1}", "due_date": None} for step in range(4)],
            visibility="private" if index % 4 == 3 else "shared",
        )
        for milestone in list(goal.milestones.all())[: index % 4]:
            services.milestone_set_done(milestone=milestone, done=True)
        data.goal_ids.append(goal.pk)
    services.recovery_start(membership=mentee, started_on=today - timedelta(days=min(days, 400)))
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
    return data


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
            data = _history(mentee, mentor, pairing, days, goals)
            data.mentor_email = mentor.user.email
            result.mentees.append(data)
    return result
