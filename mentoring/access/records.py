"""Mentee records (goals, milestones, habits, check-ins, journal, recovery) and records shared
by consent: see the package docstring."""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership, Role
from matching.models import Pairing
from privacy import selectors as privacy_selectors
from privacy.models import Category, Consent

from ..models import (
    CheckIn,
    Encouragement,
    Goal,
    Habit,
    JournalEntry,
    Milestone,
    PersonalStrategy,
    RecoveryPeriod,
    Visibility,
)

# MENTEE RECORDS: GOALS, MILESTONES, HABITS, CHECK-INS, JOURNAL


def _mentee_ids_of_mentor(mentor: Membership) -> QuerySet:
    """Memberships whose current mentor is this membership (a subquery, not a list)."""
    return Pairing.objects.filter(mentor=mentor, status__in=Pairing.CURRENT).values("mentee_id")


def _consenting(membership: Membership, category: str) -> QuerySet:
    """Mentees whose consent lets this membership read `category` now (a subquery)."""
    return privacy_selectors.consenting_mentee_ids(recipient=membership, category=category)


def _visible_q(membership: Membership, category: str, prefix: str = "") -> Q:
    """Own records; the shared records of a mentor's current mentees and of the mentees whose
    consent names this membership (mentoring.rules: SHARED_RECORD)."""
    readers = Q(**{f"{prefix}membership__in": _consenting(membership, category)})
    if membership.role == Role.MENTOR:
        readers |= Q(**{f"{prefix}membership__in": _mentee_ids_of_mentor(membership)})
    return Q(**{f"{prefix}membership": membership}) | (
        Q(**{f"{prefix}visibility": Visibility.SHARED}) & readers
    )


def goals_visible_to(membership: Membership) -> QuerySet[Goal]:
    return Goal.objects.filter(_visible_q(membership, Category.GOALS_HABITS))


def milestones_visible_to(membership: Membership) -> QuerySet[Milestone]:
    return Milestone.objects.filter(_visible_q(membership, Category.GOALS_HABITS, prefix="goal__"))


def habits_visible_to(membership: Membership) -> QuerySet[Habit]:
    return Habit.objects.filter(_visible_q(membership, Category.GOALS_HABITS))


def checkins_visible_to(membership: Membership) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(_visible_q(membership, Category.CHECKINS))


def journal_entries_visible_to(membership: Membership) -> QuerySet[JournalEntry]:
    """The author's own entries in this program: nobody else, ever."""
    return JournalEntry.objects.filter(membership=membership)


def recovery_periods_visible_to(membership: Membership) -> QuerySet[RecoveryPeriod]:
    """A person's own recovery periods; a current mentor's mentees' when they chose to share
    their recovery time; those of mentees whose consent names this person."""
    readers = Q(membership__in=_consenting(membership, Category.RECOVERY))
    if membership.role == Role.MENTOR:
        readers |= Q(
            membership__in=_mentee_ids_of_mentor(membership),
            membership__recovery_settings__share_with_mentor=True,
        )
    return RecoveryPeriod.objects.filter(Q(membership=membership) | readers)


def _get(
    model,
    object_id: int,
    *,
    membership: Membership,
    for_write: bool,
    program_path: str = "membership__program_id",
    related: tuple[str, ...] = (),
    extra: dict | None = None,
):
    """One record of `model` in the member's program, opened through its `rules` permissions:
    404 without `<app>.view_<model>`, 403 when a reader without `change_<model>` wants to
    write."""
    name = f"{model._meta.app_label}.%s_{model._meta.model_name}"
    obj = (
        model.objects.filter(pk=object_id, **{program_path: membership.program_id}, **(extra or {}))
        .select_related(*related)
        .first()
    )
    if obj is None or not rules.has_perm(name % "view", membership, obj):
        raise Http404
    if for_write and not rules.has_perm(name % "change", membership, obj):
        raise PermissionDenied  # the mentor may read a shared record, never change it
    return obj


def goal_get_for_member(*, membership: Membership, goal_id: int, for_write: bool = False) -> Goal:
    return _get(Goal, goal_id, membership=membership, for_write=for_write)


def milestone_get_for_member(
    *,
    membership: Membership,
    milestone_id: int,
    goal_id: int | None = None,
    for_write: bool = False,
) -> Milestone:
    """A milestone, and when `goal_id` is given only as a milestone of that goal."""
    return _get(
        Milestone,
        milestone_id,
        membership=membership,
        for_write=for_write,
        program_path="goal__membership__program_id",
        related=("goal",),
        extra={"goal_id": goal_id} if goal_id is not None else None,
    )


def habit_get_for_member(
    *, membership: Membership, habit_id: int, for_write: bool = False
) -> Habit:
    return _get(Habit, habit_id, membership=membership, for_write=for_write)


def checkin_get_for_member(
    *, membership: Membership, checkin_id: int, for_write: bool = False
) -> CheckIn:
    return _get(CheckIn, checkin_id, membership=membership, for_write=for_write)


def journal_entry_get_for_member(*, membership: Membership, entry_id: int) -> JournalEntry:
    return _get(JournalEntry, entry_id, membership=membership, for_write=True)


# A MENTEE'S OWN STRATEGIES AND THE ENCOURAGEMENT THEY RECEIVED


def personal_strategies_visible_to(membership: Membership) -> QuerySet[PersonalStrategy]:
    """A mentee's own strategies; for a mentor, those their current mentees marked shared.
    No consent opens them: coordinators and everyone else see none."""
    readers = Q(membership=membership)
    if membership.role == Role.MENTOR:
        readers |= Q(membership__in=_mentee_ids_of_mentor(membership), visibility=Visibility.SHARED)
    return PersonalStrategy.objects.filter(readers)


def personal_strategy_get_for_member(
    *, membership: Membership, strategy_id: int, for_write: bool = False
) -> PersonalStrategy:
    """404 for what the person may not see; 403 for the current mentor trying to change a
    shared one."""
    return _get(
        PersonalStrategy,
        strategy_id,
        membership=membership,
        for_write=for_write,
        related=("membership__user__profile",),
    )


def encouragements_visible_to(membership: Membership) -> QuerySet[Encouragement]:
    """What the mentee received, from every mentor they had (an ended pairing's notes stay
    theirs); for a mentor, what they wrote to their current mentees."""
    readers = Q(mentee=membership)
    if membership.role == Role.MENTOR:
        readers |= Q(author_id=membership.user_id, mentee__in=_mentee_ids_of_mentor(membership))
    return Encouragement.objects.filter(readers)


# RECORDS SHARED BY CONSENT


@dataclass
class SharedWith:
    """What one mentee's consents let this membership read now."""

    mentee: Membership
    consents: list[Consent]

    @property
    def categories(self) -> set[str]:
        return {category for consent in self.consents for category in consent.categories}


def consented_mentee_get_for_member(*, membership: Membership, mentee_id: int) -> SharedWith:
    """The mentee, and the consents that let this membership read their records now. A
    coordinator may open any member of their program (and finds nothing without a consent);
    anyone else only a mentee whose valid consent names them (404 otherwise)."""
    mentee = (
        Membership.objects.filter(pk=mentee_id, program_id=membership.program_id, role=Role.MENTEE)
        .select_related("user__profile", "program")
        .first()
    )
    if mentee is None or mentee.pk == membership.pk:
        raise Http404
    consents = list(
        privacy_selectors.consents_valid_for(recipient=membership).filter(mentee=mentee)
    )
    if not consents and membership.role != Role.COORDINATOR:
        raise Http404
    return SharedWith(mentee=mentee, consents=consents)


def earlier_recovery_period_get_for_member(
    *, membership: Membership, period_id: int
) -> RecoveryPeriod:
    """One of the person's own ended recovery periods in this program: nobody else's, ever,
    and not the current one (404)."""
    period = RecoveryPeriod.objects.filter(
        pk=period_id, membership=membership, ended_on__isnull=False
    ).first()
    if period is None:
        raise Http404
    return period
