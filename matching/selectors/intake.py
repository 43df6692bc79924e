"""Intakes as coordinators and the pages that show them read them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Membership, Program, Role
from accounts.selectors import ACTIVE_STATUSES, name_or_email

from ..models import Intake

INTAKE_STATES = ("not_started", "started")


def intake_or_none(*, membership: Membership) -> Intake | None:
    """The membership's intake, or None before they answer (one query unless loaded)."""
    return getattr(membership, "intake", None)


def intake_search(
    *, program: Program, q: str = "", role: str = "", state: str = ""
) -> QuerySet[Membership]:
    """Current mentees and mentors with their intake, by role and name; `state`
    "not_started" is no answers yet, "started" is some."""
    members = (
        Membership.objects.filter(
            program=program, role__in=[Role.MENTEE, Role.MENTOR], status__in=ACTIVE_STATUSES
        )
        .select_related("user__profile")
        # The page's 50 intakes in a second query: joining every member's answers (JSON
        # lists) only to sort and keep 50 cost more than the sort itself.
        .prefetch_related("intake")
        .order_by("role", "user__profile__display_name", "pk")
    )
    if role in (Role.MENTEE, Role.MENTOR):
        members = members.filter(role=role)
    not_started = Q(intake__isnull=True) | Q(intake__submitted_at__isnull=True)
    if state == "not_started":
        members = members.filter(not_started)
    elif state == "started":
        members = members.exclude(not_started)
    if q:
        members = members.filter(name_or_email(q))
    return members


def intake_rows(members) -> list[dict]:
    """Completeness of each of (one page of) `intake_search`'s members."""
    rows = []
    for m in members:
        intake = getattr(m, "intake", None)
        percent = intake.completeness(is_mentor=m.role == Role.MENTOR) if intake else 0
        rows.append({"membership": m, "intake": intake, "percent": percent})
    return rows


def intake_completeness(*, program: Program) -> list[dict]:
    return intake_rows(intake_search(program=program))


def member_intake_summary(*, membership: Membership) -> dict:
    """How complete one member's intake is (for their member page): one query."""
    intake = Intake.objects.filter(membership=membership).first()
    percent = intake.completeness(is_mentor=membership.role == Role.MENTOR) if intake else 0
    return {"intake": intake, "percent": percent}
