"""The person's own data exports: only ever looked up together with their owner."""

from __future__ import annotations

from accounts.models import User

from ..models import DataExport

RECENT_EXPORTS = 5


def exports_recent_of(user: User) -> list[DataExport]:
    return list(DataExport.objects.filter(user=user)[:RECENT_EXPORTS])


def export_get_for_owner(*, user: User, token: str) -> DataExport | None:
    """The export with this download token, if it is `user`'s (None otherwise: a 404)."""
    return DataExport.objects.filter(token=token, user=user).first()
