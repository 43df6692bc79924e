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


def surveys_due_for(membership: Membership) -> list[DueSurvey]:
    """What `membership` should answer now, oldest questionnaire first. At most four
    queries, whatever the number of questionnaires, pairings and past answers."""
    if membership.status != Membership.Status.ACTIVE or membership.role == Role.COORDINATOR:
        return []
    audience = (
        Questionnaire.Audience.MENTEES
        if membership.role == Role.MENTEE
        else Questionnaire.Audience.MENTORS
    )
    questionnaires = list(
        Questionnaire.objects.filter(
            program_id=membership.program_id,
            is_active=True,
            audience__in=[audience, Questionnaire.Audience.BOTH],
        ).order_by("created_at", "id")
    )
    if not questionnaires:
        return []
    now = timezone.now()
    side = "mentee" if membership.role == Role.MENTEE else "mentor"
    pairings = list(
        Pairing.objects.filter(**{side: membership})
        .filter(
            Q(status__in=Pairing.CURRENT)
            | Q(status=Pairing.Status.ENDED, closed_at__gte=now - ENDED_PAIRING_WINDOW)
        )
        .select_related("mentee__user__profile", "mentor__user__profile")
        .order_by("activated_at", "id")
    )
    intake_done = bool(pairings) or (
        Intake.objects.filter(membership=membership, submitted_at__isnull=False).exists()
    )
    candidates = [
        due
        for questionnaire in questionnaires
        for due in _occasions(questionnaire, pairings, intake_done, now, side)
    ]
    if not candidates:
        return []
    answered = set(
        Response.objects.filter(
            membership=membership, questionnaire__in=questionnaires
        ).values_list("questionnaire_id", "due_key")
    )
    return [d for d in candidates if (d.questionnaire.pk, d.due_key) not in answered]
