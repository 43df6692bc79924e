"""Intakes as coordinators and the pages that show them read them."""

from __future__ import annotations

from accounts.models import Membership, Program, Role
from accounts.selectors import ACTIVE_STATUSES

from ..models import Intake


def intake_or_none(*, membership: Membership) -> Intake | None:
    """The membership's intake, or None before they answer (one query unless loaded)."""
    return getattr(membership, "intake", None)


def intake_completeness(*, program: Program) -> list[dict]:
    members = (
        Membership.objects.filter(
            program=program, role__in=[Role.MENTEE, Role.MENTOR], status__in=ACTIVE_STATUSES
        )
        .select_related("user__profile", "intake")
        .order_by("role", "user__profile__display_name")
    )
    rows = []
    for m in members:
        intake = getattr(m, "intake", None)
        percent = intake.completeness(is_mentor=m.role == Role.MENTOR) if intake else 0
        rows.append({"membership": m, "intake": intake, "percent": percent})
    return rows
