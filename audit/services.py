"""Writing the audit trail: `audit_record` (one row, one INSERT) and `audit_record_many` (one
row per record shown, one bulk INSERT).

A failed audit write never breaks the page: it runs in its own savepoint, so inside a
change's transaction the row commits or rolls back with the change, and an error writing it
is logged and swallowed without spoiling the change's transaction.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction

from accounts.models import Membership, Program

from .context import current_request
from .models import USER_AGENT_MAX_LENGTH, Action, AuditEvent

logger = logging.getLogger(__name__)

# A record named as ("checkin", 42), or a model instance (its model name and pk).
RecordRef = tuple[str, int | None] | Any


def client_ip(request) -> str | None:
    """The address the request came from. Behind the TLS proxy (`BEHIND_TLS_PROXY`), the last
    address of X-Forwarded-For is the one our proxy saw; anything before it the client could
    have written itself. Without the proxy, X-Forwarded-For is ignored."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "AUDIT_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            address = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _user_agent(request) -> str:
    if request is None:
        return ""
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


def _record(record: RecordRef) -> tuple[str, int | None]:
    if record is None:
        return "", None
    if isinstance(record, tuple):
        return record
    return record._meta.model_name, record.pk


def _actor_membership(actor, request) -> Membership | None:
    """The membership acting: given, or the one `program_view` resolved for this request
    when the actor is that membership's person."""
    if isinstance(actor, Membership):
        return actor
    resolved = getattr(request, "membership", None)
    if isinstance(resolved, Membership) and (actor is None or resolved.user_id == actor.pk):
        return resolved
    return None


def _event(
    *,
    action: str,
    actor,
    subject: Membership | int | None,
    record: RecordRef,
    request,
    program: Program | int | None,
) -> AuditEvent:
    request = request if request is not None else current_request()
    actor_membership = _actor_membership(actor, request)
    if actor is None and actor_membership is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if getattr(user, "is_authenticated", False) else None
    actor_user_id = actor_membership.user_id if actor_membership else getattr(actor, "pk", None)
    subject_id = subject if isinstance(subject, int) else getattr(subject, "pk", None)
    if program is None:
        source = actor_membership or (subject if isinstance(subject, Membership) else None)
        program_id = source.program_id if source is not None else None
    else:
        program_id = getattr(program, "pk", program)
    record_type, record_id = _record(record)
    return AuditEvent(
        action=Action(action),
        actor_user_id=actor_user_id,
        actor_membership=actor_membership,
        program_id=program_id,
        subject_id=subject_id,
        record_type=record_type,
        record_id=record_id,
        ip_address=client_ip(request),
        user_agent=_user_agent(request),
    )


def _save(events: list[AuditEvent]) -> list[AuditEvent]:
    try:
        with transaction.atomic():
            return AuditEvent.objects.bulk_create(events)
    except DatabaseError:
        logger.exception("Could not write %d audit event(s)", len(events))
        return []


def audit_record(
    *,
    action: str,
    actor,
    subject: Membership | int | None = None,
    record: RecordRef = None,
    request=None,
    program: Program | int | None = None,
) -> AuditEvent | None:
    """One audit row. `actor` is the Membership acting (its program is the row's program
    unless `program` is given), a User (the membership the request resolved for that person
    is used when there is one), or None (the person signed in to this request, if any).
    `request` defaults to the request being served (address and browser).
    `subject` is the membership whose records were touched (or its id, once it is gone);
    `record` the record, as an instance or ("checkin", 42). Never pass a record's text."""
    saved = _save(
        [
            _event(
                action=action,
                actor=actor,
                subject=subject,
                record=record,
                request=request,
                program=program,
            )
        ]
    )
    return saved[0] if saved else None


def audit_record_many(
    *,
    action: str,
    actor,
    records: Iterable[tuple[Membership | int | None, RecordRef]],
    request=None,
    program: Program | int | None = None,
) -> list[AuditEvent]:
    """One row per (subject, record) pair, written in one bulk INSERT: a page that shows
    several people's figures or several records writes them all at once."""
    events = [
        _event(
            action=action,
            actor=actor,
            subject=subject,
            record=record,
            request=request,
            program=program,
        )
        for subject, record in records
    ]
    return _save(events) if events else []
