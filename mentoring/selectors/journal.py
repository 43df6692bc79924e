"""Reads for the private journal: only its author's own entries, newest first."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Membership

from .. import access
from ..models import JournalEntry


def journal_entries(*, membership: Membership) -> QuerySet[JournalEntry]:
    """The member's own entries in this program (a queryset, for the paginator)."""
    return access.journal_entries_visible_to(membership).order_by("-created_at", "-pk")
