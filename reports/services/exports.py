"""Recording downloads."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Program, User
from audit.models import Action
from audit.services import audit_record

from ..models import ExportKind, ExportRecord


@transaction.atomic
def export_record_create(
    *, program: Program, by: User, kind: str, parameters: dict | None = None
) -> ExportRecord:
    if kind not in ExportKind.values:
        raise ValueError(f"unknown export kind {kind!r}")
    record = ExportRecord.objects.create(
        program=program, requested_by=by, kind=kind, parameters=parameters or {}
    )
    audit_record(
        action=Action.EXPORT, actor=by, program=program, record=(f"export_{kind}", record.pk)
    )
    return record
