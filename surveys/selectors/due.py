"""Which questionnaires a person should answer now, in a fixed number of queries.

- At intake: once, as soon as their intake is submitted or they have been paired.
- Every N days of an active pairing: the latest multiple of N days since the pairing
  started, if not answered yet (an older, missed occasion is not asked again). A paused
  pairing asks nothing.
- When a pairing ends: once per ended pairing, for 30 days after it ended.
Only active members answer, and only questionnaires meant for their role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import Membership, Role
from matching.models import Intake, Pairing

from ..models import Questionnaire, Response

ENDED_PAIRING_WINDOW = timedelta(days=30)
INTAKE_KEY = "intake"


@dataclass(frozen=True)
class DueSurvey:
    questionnaire: Questionnaire
    due_key: str
    pairing: Pairing | None = None
    day: int | None = None  # for "every N days": which day of the pairing
    partner: Membership | None = None  # the other person of that pairing


def interval_key(pairing_id: int, day: int) -> str:
    return f"pairing:{pairing_id}:day:{day}"


def end_key(pairing_id: int) -> str:
    return f"pairing:{pairing_id}:end"


def _occasions(questionnaire, pairings, intake_done: bool, now, side: str) -> list[DueSurvey]:
    if questionnaire.due == Questionnaire.Due.INTAKE:
        return [DueSurvey(questionnaire, INTAKE_KEY)] if intake_done else []
    found = []
    for pairing in pairings:
        partner = pairing.mentor if side == "mentee" else pairing.mentee
        if questionnaire.due == Questionnaire.Due.INTERVAL:
            if pairing.status != Pairing.Status.ACTIVE or pairing.activated_at is None:
                continue
            every = questionnaire.every_days
            day = (now - pairing.activated_at).days // every * every
            if day >= every:
                key = interval_key(pairing.pk, day)
                found.append(DueSurvey(questionnaire, key, pairing, day, partner))
        elif pairing.status == Pairing.Status.ENDED:
            found.append(DueSurvey(questionnaire, end_key(pairing.pk), pairing, None, partner))
    return found


def _audience(role: str) -> str:
    return Questionnaire.Audience.MENTEES if role == Role.MENTEE else Questionnaire.Audience.MENTORS


def surveys_due_for(membership: Membership) -> list[DueSurvey]:
    """What `membership` should answer now, oldest questionnaire first. At most four
    queries, whatever the number of questionnaires, pairings and past answers."""
    return surveys_due_for_many([membership]).get(membership.pk, [])


def surveys_due_for_many(memberships: list[Membership], *, now=None) -> dict[int, list[DueSurvey]]:
    """`surveys_due_for` for many members at once (the reminder sweep), in the same four
    queries whatever their number: membership id -> what is due, for those with something
    due. The one place that decides what is due."""
    people = [
        m
        for m in memberships
        if m.status == Membership.Status.ACTIVE and m.role in (Role.MENTEE, Role.MENTOR)
    ]
    if not people:
        return {}
    now = now or timezone.now()
    questionnaires = list(
        Questionnaire.objects.filter(
            program_id__in={m.program_id for m in people}, is_active=True
        ).order_by("created_at", "id")
    )
    if not questionnaires:
        return {}
    by_program: dict[int, list[Questionnaire]] = {}
    for questionnaire in questionnaires:
        by_program.setdefault(questionnaire.program_id, []).append(questionnaire)
    people = [m for m in people if m.program_id in by_program]
    ids = [m.pk for m in people]
    recent = Q(status__in=Pairing.CURRENT) | Q(
        status=Pairing.Status.ENDED, closed_at__gte=now - ENDED_PAIRING_WINDOW
    )
    pairings_of: dict[int, list[Pairing]] = {}
    for pairing in (
        Pairing.objects.filter(recent)
        .filter(Q(mentee_id__in=ids) | Q(mentor_id__in=ids))
        .select_related("mentee__user__profile", "mentor__user__profile")
        .order_by("activated_at", "id")
    ):
        pairings_of.setdefault(pairing.mentee_id, []).append(pairing)
        pairings_of.setdefault(pairing.mentor_id, []).append(pairing)
    # Someone paired has been through intake; only the others need their intake read.
    unpaired = [pk for pk in ids if pk not in pairings_of]
    submitted = (
        set(
            Intake.objects.filter(
                membership_id__in=unpaired, submitted_at__isnull=False
            ).values_list("membership_id", flat=True)
        )
        if unpaired
        else set()
    )
    candidates: dict[int, list[DueSurvey]] = {}
    for membership in people:
        side = "mentee" if membership.role == Role.MENTEE else "mentor"
        pairings = [
            p
            for p in pairings_of.get(membership.pk, [])
            if getattr(p, f"{side}_id") == membership.pk
        ]
        intake_done = bool(pairings) or membership.pk in submitted
        audiences = (_audience(membership.role), Questionnaire.Audience.BOTH)
        found = [
            due
            for questionnaire in by_program[membership.program_id]
            if questionnaire.audience in audiences
            for due in _occasions(questionnaire, pairings, intake_done, now, side)
        ]
        if found:
            candidates[membership.pk] = found
    if not candidates:
        return {}
    answered = set(
        Response.objects.filter(
            membership_id__in=list(candidates), questionnaire__in=questionnaires
        ).values_list("membership_id", "questionnaire_id", "due_key")
    )
    due = {}
    for membership_id, found in candidates.items():
        left = [d for d in found if (membership_id, d.questionnaire.pk, d.due_key) not in answered]
        if left:
            due[membership_id] = left
    return due
