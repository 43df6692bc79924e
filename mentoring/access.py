"""Who may see a mentee's records. The one door for every sensitive read in mentoring.

- The mentee sees all of their own records.
- Their current mentor (active or paused pairing) sees the records marked shared, never the
  private ones and never the journal. When the pairing ends the next query sees nothing.
- Coordinators see no content here (figures come through reports, with consent, later).
- Everyone else: nothing (404).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from matching.models import Pairing

from .models import CheckIn, Goal, Habit, JournalEntry, Milestone, Visibility


def mentee_ids_of_mentor(user: User) -> QuerySet:
    """Memberships whose current mentor is this person (a subquery, not a list)."""
    return Pairing.objects.filter(mentor__user=user, status__in=Pairing.CURRENT).values("mentee_id")


def visible_q(user: User, *, membership_field: str = "membership", visibility_field="visibility"):
    own = Q(**{f"{membership_field}__user": user})
    shared = Q(**{visibility_field: Visibility.SHARED}) & Q(
        **{f"{membership_field}__in": mentee_ids_of_mentor(user)}
    )
    return own | shared


def goals_visible_to(user: User) -> QuerySet[Goal]:
    return Goal.objects.filter(visible_q(user))


def habits_visible_to(user: User) -> QuerySet[Habit]:
    return Habit.objects.filter(visible_q(user))


def checkins_visible_to(user: User) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(visible_q(user))


def journal_visible_to(user: User) -> QuerySet[JournalEntry]:
    return JournalEntry.objects.filter(membership__user=user)


def _get(queryset, object_id, user: User, for_write: bool, owner_path: str):
    obj = queryset.filter(pk=object_id).select_related(owner_path).first()
    if obj is None:
        raise Http404
    owner = obj
    for part in owner_path.split("__"):
        owner = getattr(owner, part)
    if for_write and owner.user_id != user.pk:
        raise PermissionDenied  # the mentor may read a shared record, never change it
    return obj


def goal_get_for_user(*, user: User, goal_id: int, for_write: bool = False) -> Goal:
    return _get(goals_visible_to(user), goal_id, user, for_write, "membership")


def milestone_get_for_user(*, user: User, milestone_id: int, for_write: bool = False) -> Milestone:
    queryset = Milestone.objects.filter(
        visible_q(user, membership_field="goal__membership", visibility_field="goal__visibility")
    )
    return _get(queryset, milestone_id, user, for_write, "goal__membership")


def habit_get_for_user(*, user: User, habit_id: int, for_write: bool = False) -> Habit:
    return _get(habits_visible_to(user), habit_id, user, for_write, "membership")


def checkin_get_for_user(*, user: User, checkin_id: int, for_write: bool = False) -> CheckIn:
    return _get(checkins_visible_to(user), checkin_id, user, for_write, "membership")


def journal_entry_get_for_user(*, user: User, entry_id: int) -> JournalEntry:
    return _get(journal_visible_to(user), entry_id, user, True, "membership")
