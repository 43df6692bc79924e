"""The record rules (`rules` permissions in mentoring/rules.py, asked by every
`*_get_for_member`) and the list filters (`*_visible_to`, used by every list) say the same:
for every person of the cast and every record, the record is listed exactly when the rule lets
the person view it. The cast covers the mentee, their current and former mentors, a paused
pairing, a mentor named by consent, the program's coordinators (with and without consents in
force, expired or revoked), a mentee named by consent and a coordinator of another program."""

from datetime import timedelta

import pytest
import rules
from django.utils import timezone

from accounts.models import Role
from mentoring import access
from mentoring.models import (
    CheckIn,
    Event,
    Goal,
    Habit,
    JournalEntry,
    Meeting,
    Milestone,
    RecoveryPeriod,
    Strategy,
    Visibility,
)
from privacy import selectors as privacy_selectors
from privacy import services as privacy_services
from privacy.models import RecipientKind
from tests.factories import (
    CheckInFactory,
    ConsentFactory,
    EventFactory,
    GoalFactory,
    HabitFactory,
    JournalEntryFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    PairingFactory,
    RecoveryPeriodFactory,
    RecoverySettingsFactory,
    StrategyFactory,
    StrategyShareFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

KINDS = [
    (CheckIn, "checkin", access.checkins_visible_to),
    (Goal, "goal", access.goals_visible_to),
    (Milestone, "milestone", access.milestones_visible_to),
    (Habit, "habit", access.habits_visible_to),
    (JournalEntry, "journalentry", access.journal_entries_visible_to),
    (RecoveryPeriod, "recoveryperiod", access.recovery_periods_visible_to),
    (Meeting, "meeting", access.meetings_visible_to),
    (Strategy, "strategy", access.strategies_visible_to),
    (Event, "event", access.events_visible_to),
]


def records_of(mentee, days_ago=1):
    for visibility in Visibility.values:
        CheckInFactory(membership=mentee, visibility=visibility, days_ago=days_ago)
        days_ago += 1
        goal = GoalFactory(membership=mentee, visibility=visibility)
        MilestoneFactory(goal=goal)
        HabitFactory(membership=mentee, visibility=visibility)
    JournalEntryFactory(membership=mentee)
    RecoveryPeriodFactory(membership=mentee)


@pytest.fixture
def cast(program, other_program, coordinator, mentor, other_mentor, mentee, other_mentee, outsider):
    today = privacy_selectors.program_today(program)
    pairing = PairingFactory(mentee=mentee, mentor=mentor)
    former_mentor = MembershipFactory(program=program, role=Role.MENTOR)
    ended = PairingFactory(mentee=mentee, mentor=former_mentor, days_ago=200, ended=True)
    paused = PairingFactory(mentee=other_mentee, mentor=other_mentor, paused=True)
    third = MembershipFactory(program=program, role=Role.MENTEE, user=UserFactory())
    named_mentee = MembershipFactory(program=program, role=Role.MENTEE)
    second_coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
    elsewhere = MembershipFactory(program=other_program, user=mentee.user, role=Role.MENTEE)
    for person in (mentee, other_mentee, third, elsewhere):
        records_of(person)
    # The other mentee shows their recovery time to their (paused) mentor; the mentee does not.
    RecoverySettingsFactory(membership=other_mentee, share_with_mentor=True)
    RecoverySettingsFactory(membership=mentee, share_with_mentor=False)
    for pair in (pairing, ended, paused):
        MeetingFactory(pairing=pair, status=Meeting.Status.HELD)
    # Consents: the mentee to the coordinators (check-ins and meetings) and to a named mentee
    # (goals and habits); the other mentee to a named mentor (everything) but revoked; the
    # third mentee to the coordinators, expired.
    ConsentFactory(mentee=mentee, covers_meetings=True)
    ConsentFactory(
        mentee=mentee,
        covers_checkins=False,
        covers_goals_habits=True,
        recipient_kind=RecipientKind.MEMBER,
        recipient=named_mentee,
    )
    revoked = ConsentFactory(
        mentee=other_mentee,
        covers_goals_habits=True,
        covers_recovery=True,
        covers_meetings=True,
        recipient_kind=RecipientKind.MEMBER,
        recipient=former_mentor,
    )
    privacy_services.consent_revoke(mentee=other_mentee, consent_id=revoked.pk)
    ConsentFactory(
        mentee=third,
        covers_recovery=True,
        expires_on=today - timedelta(days=1),
        signed_on=today - timedelta(days=20),
    )
    ConsentFactory(mentee=elsewhere, covers_goals_habits=True)  # to Lighthouse's coordinators
    # Strategies: the library, a mentor's own, one shared into the mentee's toolkit, an
    # archived one; events of both programs.
    StrategyFactory(by=mentor, in_library=True)
    StrategyFactory(by=other_mentor)
    StrategyShareFactory(pairing=pairing)
    StrategyFactory(by=mentor, in_library=True, archived_at=timezone.now())
    EventFactory(program=program)
    EventFactory(program=other_program)
    return [
        mentee,
        mentor,
        former_mentor,
        other_mentee,
        other_mentor,
        third,
        named_mentee,
        coordinator,
        second_coordinator,
        elsewhere,
        outsider,
    ]


def test_every_list_filter_agrees_with_its_rule_for_every_person_and_record(cast):
    checked = 0
    for model, name, visible_to in KINDS:
        records = list(model.objects.all())
        assert records, name
        for person in cast:
            listed = set(visible_to(person).values_list("pk", flat=True))
            for record in records:
                allowed = rules.has_perm(f"mentoring.view_{name}", person, record)
                assert allowed == (record.pk in listed), (name, person, record.pk, allowed)
                checked += 1
    assert checked > 500


def test_the_rules_are_not_trivially_equal(cast):
    """The cast exercises both answers of every kind, and each way in: the owner, the current
    mentor, the consent (coordinators and named member); expired and revoked consents shut."""
    mentee, mentor, former_mentor, other_mentee, _, third, named_mentee, coordinator = cast[:8]

    def sees(person, model):
        return model.objects.filter(pk__in=getattr(access, VISIBLE[model])(person)).count()

    assert sees(mentor, CheckIn) == 1  # the mentee's shared one
    assert sees(former_mentor, CheckIn) == 0
    assert sees(former_mentor, Goal) == 0  # the other mentee's consent was revoked
    assert sees(coordinator, CheckIn) == 1  # the mentee's shared one, by consent
    assert sees(coordinator, Goal) == 0
    assert sees(coordinator, RecoveryPeriod) == 0  # the third mentee's consent expired
    assert sees(coordinator, Meeting) == 2  # the mentee's current and ended pairings
    assert sees(named_mentee, Goal) == 1  # the mentee's shared goal, by consent
    assert sees(named_mentee, CheckIn) == 0  # that consent covers goals only
    assert sees(mentee, Goal) == 2  # their own, shared and private
    assert sees(coordinator, JournalEntry) == 0
    assert sees(mentor, RecoveryPeriod) == 0  # the mentee keeps recovery time to themselves
    assert sees(cast[4], RecoveryPeriod) == 1  # the other mentee shares it with their mentor


VISIBLE = {
    CheckIn: "checkins_visible_to",
    Goal: "goals_visible_to",
    RecoveryPeriod: "recovery_periods_visible_to",
    Meeting: "meetings_visible_to",
    JournalEntry: "journal_entries_visible_to",
}
