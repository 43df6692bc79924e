"""The person's consents (given, and given to them), and who looked at their records: the
access history, as the audit trail holds it (who, what kind of record, when; no content)."""

from __future__ import annotations

from django.db.models import Q

from accounts.models import Membership, User
from audit.models import AuditEvent
from privacy.models import Consent

from .rows import Row, rows_of


def consents(user: User, memberships: list[Membership]) -> list[Row]:
    return rows_of(
        Consent.objects.filter(Q(mentee__in=memberships) | Q(recipient__in=memberships)),
        program="program__name",
        given_by="mentee__user__profile__display_name",
        to_whom="recipient_kind",
        named_member="recipient__user__profile__display_name",
        checkins="covers_checkins",
        goals_and_habits="covers_goals_habits",
        recovery="covers_recovery",
        meetings="covers_meetings",
        purpose="purpose",
        purpose_detail="purpose_detail",
        expires_on="expires_on",
        signed_as="signature_name",
        signed_on="signed_on",
        granted_at="granted_at",
        revoked_at="revoked_at",
    )


def access_history(user: User, memberships: list[Membership]) -> list[Row]:
    """Views and exports of the person's records by someone else."""
    return rows_of(
        AuditEvent.objects.filter(subject__in=memberships).exclude(actor_user=user),
        at="at",
        action="action",
        by="actor_user__profile__display_name",
        by_role="actor_membership__role",
        record_type="record_type",
        record_id="record_id",
    )
