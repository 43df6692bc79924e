"""Reading the audit trail: a person's access history and a program's trail, each one query
for the page's rows (names joined in) plus the paginator's count."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from accounts.models import Membership, Program

from .models import Action, AuditEvent

SHOWN_TO_THE_PERSON = (Action.VIEW, Action.EXPORT)
WHO = ("actor_user__profile", "actor_membership", "subject__user__profile")


def access_history_for(*, membership: Membership) -> QuerySet[AuditEvent]:
    """Who else looked at or exported this member's records: rows about them, and the
    program's exports since they joined (an export of the program's meetings holds theirs).
    Their own actions are left out."""
    return (
        AuditEvent.objects.filter(action__in=SHOWN_TO_THE_PERSON)
        .filter(
            Q(subject=membership)
            | Q(
                subject__isnull=True,
                program_id=membership.program_id,
                action=Action.EXPORT,
                at__gte=membership.joined_at,
            )
        )
        .exclude(actor_user_id=membership.user_id)
        .select_related(*WHO)
        .order_by("-at", "-pk")
    )


def program_trail(
    *,
    program: Program,
    person: Membership | None = None,
    action: str = "",
    since: datetime | None = None,
    before: datetime | None = None,
) -> QuerySet[AuditEvent]:
    """What happened in the program, newest first: by or about `person` when given."""
    rows = AuditEvent.objects.filter(program_id=program.pk)
    if person is not None:
        rows = rows.filter(Q(actor_membership=person) | Q(subject=person))
    if action:
        rows = rows.filter(action=action)
    if since is not None:
        rows = rows.filter(at__gte=since)
    if before is not None:
        rows = rows.filter(at__lt=before)
    return rows.select_related(*WHO).order_by("-at", "-pk")
