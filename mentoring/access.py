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

from accounts.models import Membership, Role, User
from matching.models import Pairing

from .models import (
    ActionItem,
    CheckIn,
    Event,
    Goal,
    Habit,
    JournalEntry,
    Meeting,
    Milestone,
    Strategy,
    Visibility,
)


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


# MEETINGS, ACTION ITEMS, STRATEGIES, EVENTS


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    """The mentee's meetings (all their pairings) and the current mentor's. A former mentor
    sees none (see `meeting_get_for_late_log`); coordinators see no meeting content."""
    return Meeting.objects.filter(
        Q(pairing__mentee__user=user)
        | Q(pairing__mentor__user=user, pairing__status__in=Pairing.CURRENT)
    )


def meeting_get_for_user(*, user: User, meeting_id: int) -> Meeting:
    meeting = (
        meetings_visible_to(user)
        .filter(pk=meeting_id)
        .select_related(
            "pairing__program",
            "pairing__mentee__user__profile",
            "pairing__mentor__user__profile",
        )
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def meeting_get_for_late_log(*, user: User, meeting_id: int) -> Meeting:
    """A meeting the mentor may still log: of a current pairing, or of one that ended less
    than the program's `late_log_days` ago (late documentation). Nothing else opens."""
    from .services.meetings import can_still_log

    meeting = (
        Meeting.objects.filter(pk=meeting_id, pairing__mentor__user=user)
        .select_related("pairing__program", "pairing__mentee__user", "pairing__mentor__user")
        .first()
    )
    if meeting is None or not can_still_log(meeting.pairing):
        raise Http404
    return meeting


def pairing_get_for_late_log(*, user: User, pairing_id: int) -> Pairing:
    from .services.meetings import can_still_log

    pairing = (
        Pairing.objects.filter(pk=pairing_id, mentor__user=user)
        .select_related("program", "mentee__user__profile", "mentor__user__profile")
        .first()
    )
    if pairing is None or not can_still_log(pairing):
        raise Http404
    return pairing


def action_items_visible_to(user: User) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(
        Q(pairing__mentee__user=user)
        | Q(pairing__mentor__user=user, pairing__status__in=Pairing.CURRENT)
    )


def action_item_get_for_assignee(*, user: User, item_id: int) -> ActionItem:
    """Only the assignee checks an item off; anyone else gets 404."""
    item = (
        ActionItem.objects.filter(pk=item_id, assignee__user=user)
        .select_related("pairing__mentee", "pairing__mentor", "assignee")
        .first()
    )
    if item is None:
        raise Http404
    return item


def strategies_visible_to(membership: Membership) -> QuerySet[Strategy]:
    """Mentors: the program library and their own. Coordinators: all the program's strategies.
    Mentees: their toolkit."""
    base = Strategy.objects.filter(program_id=membership.program_id, archived_at__isnull=True)
    if membership.role == Role.MENTEE:
        return base.filter(shares__mentee=membership)
    if membership.role == Role.COORDINATOR:
        # Coordinators curate: they see mentors' strategies too, to add them to the library
        # (and to bring back one they took out of it).
        return base
    return base.filter(Q(in_library=True) | Q(author_id=membership.user_id))


def strategy_get_for_member(
    *, membership: Membership, strategy_id: int, for_write: bool = False
) -> Strategy:
    strategy = strategies_visible_to(membership).filter(pk=strategy_id).first()
    if strategy is None:
        raise Http404
    if for_write and not (
        strategy.author_id == membership.user_id or membership.role == Role.COORDINATOR
    ):
        raise PermissionDenied
    return strategy


def event_get_for_member(*, membership: Membership, event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id, program_id=membership.program_id).first()
    if event is None:
        raise Http404
    return event
