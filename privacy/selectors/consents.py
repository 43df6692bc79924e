"""Which consents hold now. Validity is decided at read time, in the program's time zone: a
consent holds from its grant until the end of its expiry day, unless it was revoked. There is
no sweep: the same request that follows a revocation or an expiry sees nothing.

`consents_valid_for` is the one definition of "this person may read this mentee's records of
this kind"; the record rule (`privacy.rules.has_consent`) and the list filters
(`consenting_mentee_ids`, used by mentoring.access) both read it, so they cannot disagree."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Membership, Program, Role

from ..models import Consent, RecipientKind
from ..models.consents import CATEGORY_FIELDS
from ..relations import current_mentors


def program_today(program: Program) -> date:
    return timezone.now().astimezone(ZoneInfo(program.time_zone)).date()


def valid_q(today: date) -> Q:
    return Q(revoked_at__isnull=True, expires_on__gte=today)


def consents_valid_for(*, recipient: Membership, category: str | None = None) -> QuerySet[Consent]:
    """Consents that hold now and name this membership as their recipient: as one of the
    program's coordinators (while their role is coordinator) or by name. Only consents of the
    recipient's own program: a consent to program A's coordinators opens nothing in B."""
    if not isinstance(recipient, Membership) or recipient.pk is None:
        return Consent.objects.none()
    if recipient.status != Membership.Status.ACTIVE:
        return Consent.objects.none()
    to_them = Q(recipient_kind=RecipientKind.MEMBER, recipient_id=recipient.pk)
    if recipient.role == Role.COORDINATOR:
        to_them |= Q(recipient_kind=RecipientKind.COORDINATORS)
    queryset = Consent.objects.filter(
        to_them, valid_q(program_today(recipient.program)), program_id=recipient.program_id
    )
    if category is not None:
        field = CATEGORY_FIELDS.get(category)
        if field is None:
            return Consent.objects.none()  # the journal and anything unknown: never
        queryset = queryset.filter(**{field: True})
    return queryset


def consenting_mentee_ids(*, recipient: Membership, category: str) -> QuerySet:
    """A subquery of the mentees whose consent lets `recipient` read `category` now."""
    return consents_valid_for(recipient=recipient, category=category).values("mentee_id")


def consents_for_mentee(*, mentee: Membership) -> dict:
    """The mentee's consents: those that hold now, and the history (revoked or expired)."""
    today = program_today(mentee.program)
    rows = list(Consent.objects.filter(mentee=mentee).select_related("recipient__user__profile"))
    current = [c for c in rows if c.revoked_at is None and c.expires_on >= today]
    history = [c for c in rows if c not in current]
    return {"current": current, "history": history}


def consent_recipients_offerable(*, mentee: Membership) -> QuerySet[Membership]:
    """Members a mentee may name: active members of their program other than themselves and
    their current mentor (who already sees what is marked shared)."""
    return (
        Membership.objects.filter(program_id=mentee.program_id, status=Membership.Status.ACTIVE)
        .exclude(pk=mentee.pk)
        .exclude(pk__in=current_mentors(mentee).values("pk"))
        .select_related("user__profile")
        .order_by("user__profile__display_name", "user__email", "pk")
    )
