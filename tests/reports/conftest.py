"""A small program with every figure the reports count, written out by hand.

Members: coordinator Dana; mentors Marcus (capacity 2) and Teresa (no intake), and a mentor
who left; mentees Jordan (paired with Marcus 45 days ago), Priya (intake, joined 10 days ago,
never paired), Sam (intake, his pairing with Teresa ended 4 days ago), Alex (no intake, joined
5 days ago), Robin (paused, paired with Marcus 20 days ago, pairing paused) and Kim (left; her
pairing with Teresa, started 40 days ago, ended 30 days ago with no reason).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership, Role
from matching.models import Pairing
from mentoring.models import ContactType, Meeting
from tests.factories import (
    CheckInFactory,
    EventFactory,
    EventParticipantFactory,
    GoalFactory,
    IntakeFactory,
    MeetingFactory,
    MembershipFactory,
    PairingFactory,
    UserFactory,
)


def _member(program, role, name, **kwargs):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=f"{name.lower()}@example.org", display_name=name),
        **kwargs,
    )


@pytest.fixture
def scene(program, coordinator, mentor, other_mentor, mentee, other_mentee):
    now = timezone.now()
    days = lambda n: now - timedelta(days=n)  # noqa: E731
    sam = _member(program, Role.MENTEE, "Sam")
    alex = _member(program, Role.MENTEE, "Alex")
    robin = _member(program, Role.MENTEE, "Robin", status=Membership.Status.PAUSED)
    kim = _member(program, Role.MENTEE, "Kim", status=Membership.Status.LEFT)
    _member(program, Role.MENTOR, "Lee", status=Membership.Status.LEFT)
    Membership.objects.filter(program=program).update(joined_at=days(200))
    Membership.objects.filter(pk=other_mentee.pk).update(joined_at=days(10))
    Membership.objects.filter(pk=alex.pk).update(joined_at=days(5))
    for person in (mentee, other_mentee, sam, robin, kim):
        IntakeFactory(membership=person)
    IntakeFactory(membership=mentor, capacity=2)

    jordan_marcus = PairingFactory(mentee=mentee, mentor=mentor, days_ago=45)
    PairingFactory(mentee=robin, mentor=mentor, days_ago=20, paused=True)
    sam_teresa = PairingFactory(mentee=sam, mentor=other_mentor, days_ago=50, ended=True)
    Pairing.objects.filter(pk=sam_teresa.pk).update(closed_at=days(4), close_reason="Moved away")
    kim_teresa = PairingFactory(mentee=kim, mentor=other_mentor, days_ago=40, ended=True)
    Pairing.objects.filter(pk=kim_teresa.pk).update(closed_at=days(30), close_reason="")

    CheckInFactory(membership=mentee, days_ago=2)
    CheckInFactory(membership=other_mentee, days_ago=8)
    CheckInFactory(membership=sam, days_ago=0)

    start = days(6)
    MeetingFactory(
        pairing=jordan_marcus,
        starts_at=start,
        status=Meeting.Status.HELD,
        actual_start=start,
        actual_end=start + timedelta(minutes=90),
        setting="in_person",
        contact_type=ContactType.CHECK_IN,
        logged_at=start + timedelta(hours=3),
    )
    MeetingFactory(
        pairing=jordan_marcus, starts_at=days(12), status=Meeting.Status.HELD, duration_minutes=30
    )
    MeetingFactory(pairing=jordan_marcus, starts_at=days(15), status=Meeting.Status.MISSED)
    MeetingFactory(pairing=jordan_marcus, starts_at=days(18), status=Meeting.Status.CANCELLED)
    MeetingFactory(pairing=jordan_marcus, starts_at=days(40), status=Meeting.Status.HELD)
    MeetingFactory(pairing=jordan_marcus, starts_at=now + timedelta(days=3))  # confirmed, ahead

    GoalFactory(membership=mentee, status="achieved", achieved_at=days(5))
    GoalFactory(membership=other_mentee, status="achieved", achieved_at=days(60))
    GoalFactory(membership=mentee)

    held = EventFactory(program=program, starts_at=days(3))
    EventParticipantFactory(event=held, membership=mentee, attended=True)
    EventParticipantFactory(event=held, membership=other_mentee, attended=False)
    EventParticipantFactory(event=held, membership=sam, rsvp="", attended=True)
    cancelled = EventFactory(program=program, starts_at=days(2), cancelled_at=days(4))
    EventParticipantFactory(event=cancelled, membership=mentee, attended=True)
    EventFactory(program=program)  # ahead
    return {"now": now, "sam": sam, "alex": alex, "robin": robin, "kim": kim}
