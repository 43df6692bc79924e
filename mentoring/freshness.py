"""Which writes change which home pages: the one list that keeps the kept home data
(mentoring.selectors_home, accounts.freshness) right.

Saves and deletes of the models below replace the tokens of the people and programs whose
homes show them. Writes that bypass model signals (`QuerySet.update`, `bulk_create`) call
`accounts.freshness.touch_*` where they are made; the one exception is a bulk write inside a
transaction whose own saves already touch the same people (a goal's milestones, a meeting's
action items).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from accounts import freshness
from accounts.models import Membership, Profile, Program
from matching.models import Intake, Pairing

from .models import (
    ActionItem,
    CheckIn,
    Encouragement,
    Event,
    EventParticipant,
    Goal,
    Habit,
    HabitLog,
    Meeting,
    Milestone,
    RecoveryPeriod,
    RecoverySettings,
)


def touch_mentee(membership_id: int | None) -> None:
    """A mentee's records changed: their home and their current mentor's dashboard."""
    if not membership_id:
        return
    mentors = Pairing.objects.filter(
        mentee_id=membership_id, status__in=Pairing.CURRENT
    ).values_list("mentor_id", flat=True)
    freshness.touch_members([membership_id, *mentors])


def touch_pairing(pairing_id: int | None) -> None:
    people = Pairing.objects.filter(pk=pairing_id).values_list("mentee_id", "mentor_id").first()
    if people:
        freshness.touch_members(people)


def _mentee_record(sender, instance, **kwargs) -> None:
    touch_mentee(instance.membership_id)


def _milestone(sender, instance, **kwargs) -> None:
    goals = Goal.objects.filter(pk=instance.goal_id)
    touch_mentee(goals.values_list("membership_id", flat=True).first())


def _habit_log(sender, instance, **kwargs) -> None:
    habits = Habit.objects.filter(pk=instance.habit_id)
    touch_mentee(habits.values_list("membership_id", flat=True).first())


def _encouragement(sender, instance, **kwargs) -> None:
    touch_mentee(instance.mentee_id)


def _pairing_record(sender, instance, **kwargs) -> None:
    touch_pairing(instance.pairing_id)


def _pairing(sender, instance, **kwargs) -> None:
    # Both people's homes, and the program's: waiting-list positions move.
    freshness.touch_members([instance.mentee_id, instance.mentor_id])
    freshness.touch_programs([instance.program_id])


def _intake(sender, instance, **kwargs) -> None:
    freshness.touch_members([instance.membership_id])


def _event(sender, instance, **kwargs) -> None:
    freshness.touch_programs([instance.program_id])


def _event_participant(sender, instance, **kwargs) -> None:
    # "Going" counts are on everyone's home in the program.
    events = Event.objects.filter(pk=instance.event_id)
    freshness.touch_programs(events.values_list("program_id", flat=True))


def _membership(sender, instance, **kwargs) -> None:
    freshness.touch_members([instance.pk])
    freshness.touch_programs([instance.program_id])


def _profile(sender, instance, **kwargs) -> None:
    # Names and time zones show on other people's homes in each of the person's programs.
    freshness.touch_programs(
        Membership.objects.filter(user_id=instance.user_id).values_list("program_id", flat=True)
    )


def _program(sender, instance, **kwargs) -> None:
    freshness.touch_programs([instance.pk])


RECEIVERS = [
    (Goal, _mentee_record),
    (Habit, _mentee_record),
    (CheckIn, _mentee_record),
    (RecoverySettings, _mentee_record),
    (RecoveryPeriod, _mentee_record),
    (Milestone, _milestone),
    (HabitLog, _habit_log),
    (Encouragement, _encouragement),
    (Meeting, _pairing_record),
    (ActionItem, _pairing_record),
    (Pairing, _pairing),
    (Intake, _intake),
    (Event, _event),
    (EventParticipant, _event_participant),
    (Membership, _membership),
    (Profile, _profile),
    (Program, _program),
]


def connect() -> None:
    for model, receiver in RECEIVERS:
        uid = f"freshness-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid)
