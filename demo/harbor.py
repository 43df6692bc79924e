"""Build the Harbor demo program through the public services of accounts, matching, mentoring
and surveys.

Safe to run again: it creates what is missing and leaves what exists as it is (someone may be
trying the demo), except the demo password, set back so the logins in the README keep working.
Reads use plain lookups; every write goes through a service (Django's `create_user` and
allauth's address methods for the login itself).
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Membership, Program, User
from matching import services as matching_services
from matching.models import Intake, Pairing
from mentoring import services as mentoring_services
from mentoring.models import Goal

from .cast import (
    DEMO_ACTIVE,
    DEMO_INTAKES,
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    DEMO_PROGRAM,
    DEMO_PROPOSED,
)
from .story import PAIRING_WEEKS, PROPOSED_DAYS_AGO, mentee1_checkins, program_life_seed

# mentee1's history: check-ins on each of the last days, habit logs as far back as this.
HISTORY_DAYS = 30


def program_ensure(*, slug: str, **fields) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None:
        program = account_services.program_create(slug=slug, **fields)
    return program


def person_ensure(
    *, email: str, password: str, display_name: str, pronouns: str = "", time_zone: str
) -> User:
    """The person with this email, with a verified primary address; made if missing."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password)
        account_services.profile_update(
            user=user, display_name=display_name, pronouns=pronouns, time_zone=time_zone
        )
    elif not user.check_password(password):
        user.set_password(password)  # Django's own password change
        user.save(update_fields=["password"])
    address = EmailAddress.objects.add_email(None, user, email)
    address.set_verified()
    if not address.primary:
        address.set_as_primary()
    return user


def membership_ensure(*, user: User, program: Program, role: str) -> Membership:
    """An active membership that has acknowledged the program's privacy notice."""
    membership = Membership.objects.filter(user=user, program=program).first()
    if membership is None:
        membership = account_services.membership_add(user=user, program=program, role=role)
    if not membership.has_acknowledged_privacy:
        membership = account_services.membership_acknowledge_privacy(membership=membership)
    return membership


def intake_ensure(*, membership: Membership, data: dict) -> None:
    """Fill the intake once; answers someone changed while trying the demo stay."""
    submitted = Intake.objects.filter(membership=membership, submitted_at__isnull=False)
    if not submitted.exists():
        matching_services.intake_save(membership=membership, by=membership.user, data=data)


@transaction.atomic
def harbor_seed() -> Program:
    program = program_ensure(**DEMO_PROGRAM)
    members = {}
    for email, name, pronouns, time_zone, role in DEMO_PEOPLE:
        user = person_ensure(
            email=email,
            password=DEMO_PASSWORD,
            display_name=name,
            pronouns=pronouns,
            time_zone=time_zone,
        )
        members[email] = membership_ensure(user=user, program=program, role=role)
        if email in DEMO_INTAKES:
            intake_ensure(
                membership=members[email], data={**DEMO_INTAKES[email], "time_zone": time_zone}
            )
    coordinator = members["coordinator@example.org"]
    now = timezone.now()
    new_pairings = {}
    for mentee_email, mentor_email in DEMO_ACTIVE + DEMO_PROPOSED:
        mentee, mentor = members[mentee_email], members[mentor_email]
        if Pairing.objects.filter(mentee=mentee).exists():
            continue  # already seeded (or changed by someone trying the demo)
        if (mentee_email, mentor_email) in DEMO_ACTIVE:
            # Proposed two days before it started; the mentor answered first, then the mentee.
            started = now - timedelta(weeks=PAIRING_WEEKS[mentee_email][1])
            pairing = matching_services.pairing_propose(
                mentee=mentee, mentor=mentor, by=coordinator, now=started - timedelta(days=2)
            )
            matching_services.pairing_accept(
                pairing=pairing, by=mentor, now=started - timedelta(days=1)
            )
            pairing = matching_services.pairing_accept(pairing=pairing, by=mentee, now=started)
            new_pairings[mentee_email] = pairing
        else:
            matching_services.pairing_propose(
                mentee=mentee,
                mentor=mentor,
                by=coordinator,
                now=now - timedelta(days=PROPOSED_DAYS_AGO),
            )
    if not Goal.objects.filter(membership=members["mentee1@example.org"]).exists():
        mentee_history_seed(mentee=members["mentee1@example.org"])
    program_life_seed(program=program, members=members, pairings=new_pairings)
    return program


def mentee_history_seed(*, mentee: Membership) -> None:
    """A few weeks of goals, habits, check-ins and recovery time, so the mentee's and the
    mentor's pages have something to show."""
    today = mentoring_services.local_today(mentee)
    mentoring_services.goal_create(
        membership=mentee,
        title="Attend 3 recovery meetings a week",
        category="health",
        measure="3 meetings logged each week for a month",
        target_date=today + timedelta(days=30),
        milestones=[
            {"title": "Find two meetings near work", "due_date": None},
            {"title": "Go with my mentor once", "due_date": None},
            {"title": "Four weeks in a row", "due_date": today + timedelta(days=28)},
        ],
    )
    mentoring_services.goal_create(
        membership=mentee,
        title="Update my CV",
        category="career",
        target_date=today + timedelta(days=21),
        milestones=[{"title": "List jobs and skills", "due_date": None}],
    )
    meetings = mentoring_services.habit_create(
        membership=mentee, name="Attend a recovery meeting", kind="recovery_meeting"
    )
    walk = mentoring_services.habit_create(membership=mentee, name="Morning walk", kind="exercise")
    logs = [(meetings, days_ago) for days_ago in range(1, 20, 2)]
    logs += [(walk, days_ago) for days_ago in range(1, 12)]
    for habit, days_ago in logs:
        mentoring_services.habit_log(
            habit=habit, day=today - timedelta(days=days_ago), backfill_days=HISTORY_DAYS
        )
    mentee1_checkins(mentee=mentee)
    mentoring_services.recovery_start(membership=mentee, started_on=today - timedelta(days=95))
