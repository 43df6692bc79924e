"""Bigger data sets shared by query-count tests and benchmarks."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Membership, Program, Role
from matching.models import Pairing
from mentoring import services
from mentoring.models import CheckIn, Habit, HabitLog
from mentoring.services.habits import _recompute

from .factories import MembershipFactory, UserFactory

HABIT_NAMES = ("Recovery meeting", "Exercise", "Mindfulness", "Journaling", "Sleep routine")


def mentee_with_history(
    *, program: Program, days: int, email: str, mentor: Membership | None = None, goals: int = 8
) -> Membership:
    """A paired mentee with `days` of daily check-ins and habit logs, goals and recovery time."""
    mentee = MembershipFactory(program=program, role=Role.MENTEE, user=UserFactory(email=email))
    mentor = mentor or MembershipFactory(program=program, role=Role.MENTOR)
    now = timezone.now()
    Pairing.objects.create(
        program=program,
        mentee=mentee,
        mentor=mentor,
        status=Pairing.Status.ACTIVE,
        proposed_at=now,
        expires_at=now,
        activated_at=now,
    )
    today = services.local_today(mentee)
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                membership=mentee,
                date=today - timedelta(days=d),
                mood=1 + d % 5,
                craving=d % 11,
                helped="a walk",
                hard="work",
                visibility="private" if d % 7 == 0 else "shared",
            )
            for d in range(days)
        ]
    )
    for name in HABIT_NAMES:
        habit = services.habit_create(membership=mentee, name=name)
        HabitLog.objects.bulk_create(
            [HabitLog(habit=habit, date=today - timedelta(days=d)) for d in range(days) if d % 6]
        )
        _recompute(Habit.objects.get(pk=habit.pk))
    for i in range(goals):
        services.goal_create(
            membership=mentee,
            title=f"Goal {i}",
            category="health",
            milestones=[{"title": f"Step {j}", "due_date": None} for j in range(4)],
        )
    services.recovery_start(membership=mentee, started_on=today - timedelta(days=min(days, 400)))
    return Membership.objects.get(pk=mentee.pk)
