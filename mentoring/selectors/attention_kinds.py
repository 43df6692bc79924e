"""The five kinds of item of the "needs attention" queue, each one set-based query whose rows
have the same columns (a UNION ALL matches them by position). Never a loop over members.

- outreach: a shared check-in asking for someone to reach out, not yet handled (by the mentor
  on their dashboard or by a coordinator here), from any active mentee, with or without a
  mentor. A private check-in tells nobody (its form says so) and is not listed.
- return_to_use: a return to use the mentee chose to tell their mentor, with no follow-up for
  48 hours: no meeting held with them, no message from their mentor or a coordinator and no
  encouragement since it was told (a follow-up at any time since counts).
- no_checkin: an active mentee with no check-in for 14 days, counted from the day they joined
  for a mentee who never checked in.
- stalled_pair: an active pairing (not a paused one) with no meeting logged for the program's
  `flag_no_meeting_days`, counted from the pairing's start.
- proposal: an open proposal past the point where matching reminds people of it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import (
    BigIntegerField,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate

from accounts.models import Membership, Program, Role
from matching.models import MatchingSettings, Pairing
from matching.services.reminders import BEFORE_EXPIRY, DEFAULT_REMINDER_DAYS
from messaging.models import Message

from ..models import (
    AttentionFollowUp,
    AttentionKind,
    CheckIn,
    Encouragement,
    Meeting,
    RecoveryPeriod,
    Visibility,
)

RETURN_FOLLOW_UP_WITHIN = timedelta(hours=48)
NO_CHECKIN_DAYS = 14
KIND_ORDER = list(AttentionKind.values)
COLUMNS = ("rank", "kind", "subject", "member", "since", "mentor", "pairing")


def _current(mentee_ref: str, column: str) -> Subquery:
    return Subquery(
        Pairing.objects.filter(mentee_id=OuterRef(mentee_ref), status__in=Pairing.CURRENT)
        .order_by()
        .values(column)[:1],
        output_field=BigIntegerField(),
    )


def _handled(program: Program, kind: str, since_ref: str = "a_since") -> Exists:
    return Exists(
        AttentionFollowUp.objects.filter(
            program_id=program.pk,
            kind=kind,
            subject_id=OuterRef("a_subject"),
            since=OuterRef(since_ref),
        )
    )


def _columns(queryset: QuerySet, kind: str, **columns) -> QuerySet:
    """The item's columns, in the same order for every kind (a UNION matches by position)."""
    annotated = queryset.annotate(
        a_rank=Value(KIND_ORDER.index(kind), output_field=IntegerField()),
        a_kind=Value(str(kind), output_field=CharField()),
    )
    for name in COLUMNS[2:]:
        if f"a_{name}" in columns:
            annotated = annotated.annotate(**{f"a_{name}": columns[f"a_{name}"]})
    return annotated


def _zone(program: Program) -> ZoneInfo:
    return ZoneInfo(program.time_zone)


def _outreach(program: Program, now: datetime) -> QuerySet:
    checkins = CheckIn.objects.filter(
        membership__program=program,
        membership__role=Role.MENTEE,
        membership__status=Membership.Status.ACTIVE,
        wants_outreach=True,
        outreach_handled_at__isnull=True,
        visibility=Visibility.SHARED,
    )
    return _columns(
        checkins,
        AttentionKind.OUTREACH,
        a_subject=F("pk"),
        a_member=F("membership_id"),
        a_since=F("date"),
        a_mentor=_current("membership_id", "mentor_id"),
        a_pairing=_current("membership_id", "pk"),
    )


def _return_to_use(program: Program, now: datetime) -> QuerySet:
    told_at = OuterRef("told_at")
    followed_up = (
        Exists(
            Meeting.objects.filter(
                pairing_id=OuterRef("told_pairing_id"),
                status=Meeting.Status.HELD,
                actual_start__gte=told_at,
            )
        )
        | Exists(
            Message.objects.filter(
                conversation__pairing_id=OuterRef("told_pairing_id"),
                author_id=OuterRef("told_pairing__mentor"),
                created_at__gte=told_at,
            )
        )
        | Exists(
            Message.objects.filter(
                conversation__member_id=OuterRef("membership_id"),
                author__role=Role.COORDINATOR,
                created_at__gte=told_at,
            )
        )
        | Exists(
            Encouragement.objects.filter(
                mentee_id=OuterRef("membership_id"), created_at__gte=told_at
            )
        )
    )
    periods = RecoveryPeriod.objects.filter(
        membership__program=program,
        membership__status=Membership.Status.ACTIVE,
        told_mentor=True,
        told_at__lte=now - RETURN_FOLLOW_UP_WITHIN,
    ).exclude(followed_up)
    queryset = _columns(
        periods,
        AttentionKind.RETURN_TO_USE,
        a_subject=F("pk"),
        a_member=F("membership_id"),
        a_since=TruncDate("told_at", tzinfo=_zone(program)),
        a_mentor=_current("membership_id", "mentor_id"),
        a_pairing=_current("membership_id", "pk"),
    )
    return queryset.exclude(_handled(program, AttentionKind.RETURN_TO_USE))


def _no_checkin(program: Program, now: datetime) -> QuerySet:
    cutoff = now.astimezone(_zone(program)).date() - timedelta(days=NO_CHECKIN_DAYS)
    last_checkin = CheckIn.objects.filter(membership_id=OuterRef("pk")).order_by("-date")
    mentees = Membership.objects.filter(
        program=program, role=Role.MENTEE, status=Membership.Status.ACTIVE
    )
    queryset = _columns(
        mentees,
        AttentionKind.NO_CHECKIN,
        a_subject=F("pk"),
        a_member=F("pk"),
        a_since=Coalesce(
            Subquery(last_checkin.values("date")[:1]),
            TruncDate("joined_at", tzinfo=_zone(program)),
        ),
        a_mentor=_current("pk", "mentor_id"),
        a_pairing=_current("pk", "pk"),
    )
    return queryset.filter(a_since__lte=cutoff).exclude(_handled(program, AttentionKind.NO_CHECKIN))


def _stalled_pairs(program: Program, now: datetime) -> QuerySet:
    """The weekly summary's stalled pairs (mentoring.selectors.summary), with the last logged
    meeting read by index per pairing instead of a grouped MAX."""
    cutoff = now - timedelta(days=program.setting("flag_no_meeting_days"))
    last_logged = (
        Meeting.objects.filter(pairing_id=OuterRef("pk"), logged_at__isnull=False)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    started = Coalesce("activated_at", "proposed_at")
    pairings = Pairing.objects.filter(program=program, status=Pairing.Status.ACTIVE).annotate(
        quiet_since=Greatest(Coalesce(Subquery(last_logged), started), started)
    )
    queryset = _columns(
        pairings.filter(quiet_since__lte=cutoff),
        AttentionKind.STALLED_PAIR,
        a_subject=F("pk"),
        a_member=F("mentee_id"),
        a_since=TruncDate("quiet_since", tzinfo=_zone(program)),
        a_mentor=F("mentor_id"),
        a_pairing=F("pk"),
    )
    return queryset.exclude(_handled(program, AttentionKind.STALLED_PAIR))


def _reminder_days(program: Program) -> int:
    days = (
        MatchingSettings.objects.filter(program=program)
        .values_list("proposal_reminder_days", flat=True)
        .first()
    )
    return days or DEFAULT_REMINDER_DAYS


def _proposals(program: Program, now: datetime, reminder_days: int) -> QuerySet:
    """Proposals matching reminds people of (matching.services.reminders), still open."""
    proposals = Pairing.objects.filter(
        program=program, status=Pairing.Status.PROPOSED, expires_at__gt=now
    ).filter(
        Q(proposed_at__lte=now - timedelta(days=reminder_days))
        | Q(expires_at__lte=now + BEFORE_EXPIRY)
    )
    queryset = _columns(
        proposals,
        AttentionKind.PROPOSAL,
        a_subject=F("pk"),
        a_member=F("mentee_id"),
        a_since=TruncDate("proposed_at", tzinfo=_zone(program)),
        a_mentor=_current("mentee_id", "mentor_id"),
        a_pairing=F("pk"),
    )
    return queryset.exclude(_handled(program, AttentionKind.PROPOSAL))


def kind_querysets(program: Program, now: datetime) -> dict[str, QuerySet]:
    return {
        AttentionKind.OUTREACH: _outreach(program, now),
        AttentionKind.RETURN_TO_USE: _return_to_use(program, now),
        AttentionKind.NO_CHECKIN: _no_checkin(program, now),
        AttentionKind.STALLED_PAIR: _stalled_pairs(program, now),
        AttentionKind.PROPOSAL: _proposals(program, now, _reminder_days(program)),
    }


def item_rows(queryset: QuerySet) -> QuerySet:
    return queryset.order_by().values(*[f"a_{name}" for name in COLUMNS])


def kind_queryset(program: Program, kind: str, now: datetime) -> QuerySet:
    """One kind's items (for one item's lookup)."""
    if kind == AttentionKind.PROPOSAL:
        return _proposals(program, now, _reminder_days(program))
    builders = {
        AttentionKind.OUTREACH: _outreach,
        AttentionKind.RETURN_TO_USE: _return_to_use,
        AttentionKind.NO_CHECKIN: _no_checkin,
        AttentionKind.STALLED_PAIR: _stalled_pairs,
    }
    return builders[kind](program, now)
