"""The list of downloads on the reports page."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Program

from ..models import ExportRecord

RECENT_EXPORTS = 20


def export_records(*, program: Program) -> QuerySet[ExportRecord]:
    return ExportRecord.objects.filter(program=program).select_related("requested_by__profile")[
        :RECENT_EXPORTS
    ]
