"""Who may see a mentee's records: the one door for every record in mentoring.

Every function takes the membership that `program_view` resolved for the request, so a record
is always looked up inside that program and that role:

- A mentee sees all of their own records (in this program only).
- Their current mentor (active or paused pairing) sees the records marked shared, never the
  private ones and never the journal. When the pairing ends the next query sees nothing.
- Whom a consent names (the program's coordinators, or one member) sees the shared records of
  the kinds it covers while it holds: revoked or expired, the same request sees nothing.
- Everyone else: nothing. Nobody but its author ever reads the journal.

The rule itself is written once, as `rules` permissions in mentoring/rules.py
(`mentoring.view_checkin`, `mentoring.change_checkin`...): `*_get_for_member` opens one record
and asks them (404 for what the person may not see, 403 for a reader, such as the mentor on a
shared record, trying to change it). `*_visible_to(membership)` is the same rule as a queryset
filter for the list selectors; tests/mentoring/test_rules_agreement.py checks they agree.
"""

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
    RecoveryPeriod,
    Strategy,
    Visibility,
)
from .models.feeds import hash_feed_token
from .services.meeting_logs import can_still_log

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


# MEETINGS, PAIRINGS AND ACTION ITEMS


def _pairing_side(membership: Membership) -> str:
    return "mentee" if membership.is_mentee else "mentor"


def meetings_visible_to(membership: Membership) -> QuerySet[Meeting]:
    """A mentee's meetings (all their pairings in this program) and a current mentor's. A
    former mentor sees none (see `meeting_get_for_late_log`). Whom a consent names reads the
    meetings of that mentee's pairings (mentoring.rules: view_meeting)."""
    consented = Q(pairing__mentee__in=_consenting(membership, Category.MEETINGS))
    if membership.is_mentee:
        return Meeting.objects.filter(Q(pairing__mentee=membership) | consented)
    if membership.is_mentor:
        return Meeting.objects.filter(
            Q(pairing__mentor=membership, pairing__status__in=Pairing.CURRENT) | consented
        )
    return Meeting.objects.filter(consented)


def meeting_get_for_member(
    *, membership: Membership, meeting_id: int, as_participant: bool = True
) -> Meeting:
    """A meeting of one of the member's pairings; both sides may answer it. With
    `as_participant=False`, also a meeting a consent lets this person read (never answer)."""
    perm = "mentoring.change_meeting" if as_participant else "mentoring.view_meeting"
    meeting = (
        Meeting.objects.filter(pk=meeting_id, pairing__program_id=membership.program_id)
        .select_related(
            "pairing__program",
            "pairing__mentee__user__profile",
            "pairing__mentor__user__profile",
        )
        .first()
    )
    if meeting is None or not rules.has_perm(perm, membership, meeting):
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
        ActionItem.objects.filter(pk=item_id, pairing__program_id=membership.program_id)
        .select_related("pairing__mentee", "pairing__mentor", "assignee")
        .first()
    )
    if item is None or not rules.has_perm("mentoring.change_actionitem", membership, item):
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
    strategy = Strategy.objects.filter(pk=strategy_id, program_id=membership.program_id).first()
    if strategy is None or not rules.has_perm("mentoring.view_strategy", membership, strategy):
        raise Http404
    if for_write and not rules.has_perm("mentoring.change_strategy", membership, strategy):
        raise PermissionDenied
    return strategy


def events_visible_to(membership: Membership) -> QuerySet[Event]:
    """Every member sees their program's events."""
    return Event.objects.filter(program_id=membership.program_id)


def event_get_for_member(*, membership: Membership, event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id, program_id=membership.program_id).first()
    if event is None or not rules.has_perm("mentoring.view_event", membership, event):
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
