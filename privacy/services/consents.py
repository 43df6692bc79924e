"""Granting and revoking consent. Every element 42 CFR Part 2 asks of a written consent is
checked here (the form only shapes input): what, to whom, why, until when, the statement of
the right to revoke and the signature."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from audit.models import Action
from audit.services import audit_record

from ..models import REVOCATION_STATEMENT, Category, Consent, Purpose, RecipientKind
from ..models.consents import CATEGORY_FIELDS
from ..relations import current_mentors
from ..selectors.consents import program_today

LONGEST_CONSENT = timedelta(days=365)
JOURNAL = "journal"


def _normalized_name(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def signature_matches(*, typed: str, person: Membership) -> bool:
    """The typed name is the person's name as their profile shows it, ignoring case and
    spacing."""
    expected = _normalized_name(person.user.display_name)
    return bool(expected) and _normalized_name(typed) == expected


def _recipient_errors(
    *, mentee: Membership, recipient_kind: str, recipient: Membership | None
) -> list[str]:
    if recipient_kind == RecipientKind.COORDINATORS:
        return [] if recipient is None else [_("Coordinators are named as a role, not a person.")]
    if recipient_kind != RecipientKind.MEMBER:
        return [_("Choose who may read these records.")]
    if recipient is None:
        return [_("Choose the member who may read these records.")]
    if recipient.program_id != mentee.program_id or recipient.status != Membership.Status.ACTIVE:
        return [_("Choose an active member of your program.")]
    if recipient.pk == mentee.pk:
        return [_("You already see your own records.")]
    if current_mentors(mentee).filter(pk=recipient.pk).exists():
        return [_("Your mentor already sees what you mark shared: choose someone else.")]
    return []


@transaction.atomic
def consent_grant(
    *,
    mentee: Membership,
    categories: list[str],
    recipient_kind: str,
    recipient: Membership | None = None,
    purpose: str,
    purpose_detail: str = "",
    expires_on: date | None,
    signature_name: str,
) -> Consent:
    """A new consent, valid from now until the end of `expires_on` (program time)."""
    if mentee.role != Role.MENTEE:
        raise ValidationError(_("Only a mentee gives consent about their own records."))
    errors: dict[str, list[str]] = {}
    categories = list(dict.fromkeys(categories or []))
    if JOURNAL in categories:
        errors["categories"] = [_("Your journal is only yours: it can never be shared.")]
    elif not categories:
        errors["categories"] = [_("Choose at least one kind of record to share.")]
    elif any(category not in Category.values for category in categories):
        errors["categories"] = [_("Choose from the kinds of record listed.")]
    recipient_errors = _recipient_errors(
        mentee=mentee, recipient_kind=recipient_kind, recipient=recipient
    )
    if recipient_errors:
        errors["recipient"] = recipient_errors
    purpose_detail = (purpose_detail or "").strip()
    if purpose not in Purpose.values:
        errors["purpose"] = [_("Choose the purpose of sharing.")]
    elif purpose == Purpose.OTHER and not purpose_detail:
        errors["purpose_detail"] = [_("Describe the purpose in a few words.")]
    if len(purpose_detail) > 500:
        errors["purpose_detail"] = [_("Keep the purpose under 500 characters.")]
    today = program_today(mentee.program)
    if expires_on is None:
        errors["expires_on"] = [_("Choose the date this consent ends.")]
    elif expires_on < today:
        errors["expires_on"] = [_("The end date cannot be in the past.")]
    elif expires_on > today + LONGEST_CONSENT:
        errors["expires_on"] = [_("A consent lasts at most one year: choose an earlier date.")]
    signature_name = " ".join((signature_name or "").split())
    if not signature_name:
        errors["signature_name"] = [_("Type your name to sign.")]
    elif not signature_matches(typed=signature_name, person=mentee):
        errors["signature_name"] = [
            _("Type your name exactly as your profile shows it: %(name)s.")
            % {"name": mentee.user.display_name}
        ]
    if errors:
        raise ValidationError(errors)
    flags = {field: category in categories for category, field in CATEGORY_FIELDS.items()}
    consent = Consent.objects.create(
        mentee=mentee,
        program_id=mentee.program_id,
        recipient_kind=recipient_kind,
        recipient=recipient if recipient_kind == RecipientKind.MEMBER else None,
        purpose=purpose,
        purpose_detail=purpose_detail,
        revocation_statement=str(REVOCATION_STATEMENT),
        expires_on=expires_on,
        signature_name=signature_name[:120],
        signed_on=today,
        **flags,
    )
    audit_record(action=Action.CONSENT_GRANTED, actor=mentee, subject=mentee, record=consent)
    return consent


@transaction.atomic
def consent_revoke(*, mentee: Membership, consent_id: int) -> Consent:
    """Revoke one of the mentee's consents, at any time. Idempotent and race-safe: one
    conditional UPDATE sets the time once; a second click, or two at once, change nothing.
    Another person's consent id is 404 (`Consent.DoesNotExist`)."""
    revoked = Consent.objects.filter(pk=consent_id, mentee=mentee, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    consent = Consent.objects.get(pk=consent_id, mentee=mentee)
    if revoked:
        audit_record(action=Action.CONSENT_REVOKED, actor=mentee, subject=mentee, record=consent)
    return consent
