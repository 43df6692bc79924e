"""Who may see a mentee's records: the one door for every record in mentoring.

Every function takes the membership that `program_view` resolved for the request, so a record
is always looked up inside that program and that role:

- A mentee sees all of their own records (in this program only).
- Their current mentor (active or paused pairing) sees the records marked shared, never the
  private ones and never the journal. When the pairing ends the next query sees nothing.
- Coordinators see no mentee content here (figures come through reports, with consent, later).
- Everyone else: nothing.

`*_visible_to(membership)` is the queryset filter the list selectors use; `*_get_for_member`
opens one record: 404 for what the person may not see, 403 for a read-only person (the mentor
reading a shared record) trying to change it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership, Role
from matching.models import Pairing

from .models import (
    ActionItem,
    CalendarFeed,
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
from .models.feeds import hash_feed_token
from .services.meeting_logs import can_still_log

# MENTEE RECORDS: GOALS, MILESTONES, HABITS, CHECK-INS, JOURNAL


def _mentee_ids_of_mentor(mentor: Membership) -> QuerySet:
    """Memberships whose current mentor is this membership (a subquery, not a list)."""
    return Pairing.objects.filter(mentor=mentor, status__in=Pairing.CURRENT).values("mentee_id")


def _visible_q(membership: Membership, prefix: str = "") -> Q:
    """Own records, and for a mentor the shared records of their current mentees."""
    visible = Q(**{f"{prefix}membership": membership})
    if membership.role == Role.MENTOR:
        visible |= Q(
            **{
                f"{prefix}visibility": Visibility.SHARED,
                f"{prefix}membership__in": _mentee_ids_of_mentor(membership),
            }
        )
    return visible


def goals_visible_to(membership: Membership) -> QuerySet[Goal]:
    return Goal.objects.filter(_visible_q(membership))


def milestones_visible_to(membership: Membership) -> QuerySet[Milestone]:
    return Milestone.objects.filter(_visible_q(membership, prefix="goal__"))


def habits_visible_to(membership: Membership) -> QuerySet[Habit]:
    return Habit.objects.filter(_visible_q(membership))


def checkins_visible_to(membership: Membership) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(_visible_q(membership))


def journal_entries_visible_to(membership: Membership) -> QuerySet[JournalEntry]:
    """The author's own entries in this program: nobody else, ever."""
    return JournalEntry.objects.filter(membership=membership)


def _get(queryset, object_id: int, *, membership: Membership, for_write: bool, owner="membership"):
    """One record of `queryset` or 404; 403 when a reader who does not own it wants to write.
    `owner` is the path to the owning membership ("membership", "goal__membership")."""
    obj = queryset.filter(pk=object_id).select_related(owner).first()
    if obj is None:
        raise Http404
    owner_obj = obj
    for part in owner.split("__"):
        owner_obj = getattr(owner_obj, part)
    if for_write and owner_obj.pk != membership.pk:
        raise PermissionDenied  # the mentor may read a shared record, never change it
    return obj


def goal_get_for_member(*, membership: Membership, goal_id: int, for_write: bool = False) -> Goal:
    return _get(goals_visible_to(membership), goal_id, membership=membership, for_write=for_write)


def milestone_get_for_member(
    *,
    membership: Membership,
    milestone_id: int,
    goal_id: int | None = None,
    for_write: bool = False,
) -> Milestone:
    """A milestone, and when `goal_id` is given only as a milestone of that goal."""
    queryset = milestones_visible_to(membership)
    if goal_id is not None:
        queryset = queryset.filter(goal_id=goal_id)
    return _get(
        queryset,
        milestone_id,
        membership=membership,
        for_write=for_write,
        owner="goal__membership",
    )


def habit_get_for_member(
    *, membership: Membership, habit_id: int, for_write: bool = False
) -> Habit:
    return _get(habits_visible_to(membership), habit_id, membership=membership, for_write=for_write)


def checkin_get_for_member(
    *, membership: Membership, checkin_id: int, for_write: bool = False
) -> CheckIn:
    return _get(
        checkins_visible_to(membership), checkin_id, membership=membership, for_write=for_write
    )


def journal_entry_get_for_member(*, membership: Membership, entry_id: int) -> JournalEntry:
    return _get(
        journal_entries_visible_to(membership), entry_id, membership=membership, for_write=True
    )


# MEETINGS, PAIRINGS AND ACTION ITEMS


def _pairing_side(membership: Membership) -> str:
    return "mentee" if membership.is_mentee else "mentor"


def meetings_visible_to(membership: Membership) -> QuerySet[Meeting]:
    """A mentee's meetings (all their pairings in this program) and a current mentor's. A
    former mentor sees none (see `meeting_get_for_late_log`); coordinators see no meeting
    content."""
    if membership.is_mentee:
        return Meeting.objects.filter(pairing__mentee=membership)
    if membership.is_mentor:
        return Meeting.objects.filter(
            pairing__mentor=membership, pairing__status__in=Pairing.CURRENT
        )
    return Meeting.objects.none()


def meeting_get_for_member(*, membership: Membership, meeting_id: int) -> Meeting:
    """A meeting of one of the member's pairings; both sides may answer it."""
    meeting = (
        meetings_visible_to(membership)
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


def meeting_get_for_late_log(*, membership: Membership, meeting_id: int) -> Meeting:
    """A meeting the mentor may still log: of a current pairing, or of one that ended less
    than the program's `late_log_days` ago (late documentation). Nothing else opens."""
    meeting = (
        Meeting.objects.filter(pk=meeting_id, pairing__mentor=membership)
        .select_related("pairing__program", "pairing__mentee__user", "pairing__mentor__user")
        .first()
    )
    if meeting is None or not can_still_log(meeting.pairing):
        raise Http404
    return meeting


def pairing_get_for_late_log(*, membership: Membership, pairing_id: int) -> Pairing:
    pairing = (
        Pairing.objects.filter(pk=pairing_id, mentor=membership)
        .select_related("program", "mentee__user__profile", "mentor__user__profile")
        .first()
    )
    if pairing is None or not can_still_log(pairing):
        raise Http404
    return pairing


def pairings_for_meetings(membership: Membership) -> QuerySet[Pairing]:
    """The member's current pairings (the only ones meetings are planned in), oldest first."""
    return (
        Pairing.objects.filter(
            **{_pairing_side(membership): membership}, status__in=Pairing.CURRENT
        )
        .select_related("mentee__user__profile", "mentor__user__profile")
        .order_by("activated_at", "pk")
    )


def pairing_get_for_meeting(*, membership: Membership, pairing_id: int | None) -> Pairing:
    """A pairing to plan a meeting in: only one of the member's current pairings (404)."""
    pairing = None
    if pairing_id is not None:
        pairing = pairings_for_meetings(membership).filter(pk=pairing_id).first()
    if pairing is None:
        raise Http404
    return pairing


def action_items_visible_to(membership: Membership) -> QuerySet[ActionItem]:
    if membership.is_mentee:
        return ActionItem.objects.filter(pairing__mentee=membership)
    if membership.is_mentor:
        return ActionItem.objects.filter(
            pairing__mentor=membership, pairing__status__in=Pairing.CURRENT
        )
    return ActionItem.objects.none()


def action_item_get_for_member(*, membership: Membership, item_id: int) -> ActionItem:
    """Only the assignee checks an item off; anyone else gets 404."""
    item = (
        ActionItem.objects.filter(pk=item_id, assignee=membership)
        .select_related("pairing__mentee", "pairing__mentor", "assignee")
        .first()
    )
    if item is None:
        raise Http404
    return item


# STRATEGIES AND EVENTS


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


def events_visible_to(membership: Membership) -> QuerySet[Event]:
    """Every member sees their program's events."""
    return Event.objects.filter(program_id=membership.program_id)


def event_get_for_member(*, membership: Membership, event_id: int) -> Event:
    event = events_visible_to(membership).filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event


# THE PRIVATE CALENDAR FEED


def calendar_feed_get_for_token(*, token: str) -> CalendarFeed:
    """No login: the token is the secret. A wrong, old or deactivated person's token is 404."""
    feed = (
        CalendarFeed.objects.filter(token_hash=hash_feed_token(token))
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed
