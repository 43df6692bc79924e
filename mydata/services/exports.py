"""Download my data: request an export, build its zip (in the worker), expire it after 24 h."""

from __future__ import annotations

import csv
import io
import json
import logging
import secrets
import zipfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User

from ..models import EXPORT_LIFETIME, DataExport
from ..selectors import columns, person_data

logger = logging.getLogger(__name__)

# A queued export the broker lost, or a run a killed worker left: failed after this long, so
# the person can ask again.
STUCK_AFTER = timedelta(hours=1)

README = """Your data from PeerPath
=======================

data.json holds everything in one file. The csv/ folder holds the same records, one file per
kind of record. Of the people you worked with, only their display names are included; of
meetings, only your own notes. Keep this file somewhere safe: it contains private records.
"""


def export_dir() -> Path:
    return Path(settings.MYDATA_EXPORT_DIR)


def export_file(export: DataExport) -> Path | None:
    """The zip on disk, only when it is a plain name inside the export folder."""
    name = export.file_path
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    return export_dir() / name


def _delete_file(name: str) -> None:
    if name and "/" not in name and "\\" not in name and not name.startswith("."):
        (export_dir() / name).unlink(missing_ok=True)


@transaction.atomic
def export_request(*, user: User) -> DataExport:
    """The person's export in progress, or a new one queued. A double submit (or two tabs)
    gets the same export: the database keeps one in progress per person."""
    from ..tasks import data_export_build  # the task module imports this one

    existing = DataExport.objects.filter(user=user, status__in=DataExport.IN_PROGRESS).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user)
    except IntegrityError:
        return DataExport.objects.get(user=user, status__in=DataExport.IN_PROGRESS)
    transaction.on_commit(lambda: data_export_build.delay(export.pk))
    return export


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    # A spreadsheet would run a cell starting with these as a formula.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        text = "'" + text
    return text


def _csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    names = columns(rows)
    writer = csv.writer(buffer)
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
    return buffer.getvalue()


def export_build(*, export_id: int) -> DataExport | None:
    """Builds the zip of one queued export. Not atomic on purpose: progress commits as it
    goes so the person's page can show it. Claimed by a conditional update, so a retry or a
    second worker never builds the same export twice."""
    now = timezone.now()
    claimed = DataExport.objects.filter(pk=export_id, status=DataExport.Status.QUEUED).update(
        status=DataExport.Status.RUNNING, started_at=now, progress=1
    )
    if claimed != 1:
        return None
    export = DataExport.objects.select_related("user__profile").get(pk=export_id)
    name = f"export-{export.pk}-{secrets.token_hex(8)}.zip"
    try:
        if not export.user.is_active:
            raise RuntimeError("the account is closed")

        def progress(done: int, total: int) -> None:
            DataExport.objects.filter(pk=export_id).update(progress=max(1, 90 * done // total))

        data = person_data(user=export.user, on_section=progress)
        folder = export_dir()
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{name}.partial"
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", README)
            archive.writestr(
                "data.json",
                json.dumps(
                    {"exported_at": timezone.now().isoformat(), "records": data},
                    ensure_ascii=False,
                    indent=2,
                ),
            )
            for section, rows in data.items():
                archive.writestr(f"csv/{section}.csv", _csv(rows))
        partial.replace(folder / name)
        ready_at = timezone.now()
        updated = DataExport.objects.filter(pk=export_id, status=DataExport.Status.RUNNING).update(
            status=DataExport.Status.READY,
            progress=100,
            ready_at=ready_at,
            expires_at=ready_at + EXPORT_LIFETIME,
            file_path=name,
            file_size=(folder / name).stat().st_size,
        )
        if updated != 1:  # erased or swept meanwhile: nothing may stay on disk
            _delete_file(name)
    except Exception:
        logger.exception("Data export %s failed", export_id)
        (export_dir() / f".{name}.partial").unlink(missing_ok=True)
        _delete_file(name)
        DataExport.objects.filter(pk=export_id, status=DataExport.Status.RUNNING).update(
            status=DataExport.Status.FAILED
        )
    export.refresh_from_db()
    return export


def exports_expire(*, now=None) -> int:
    """Beat: ready exports past their 24 hours lose their file; stuck ones fail. Each row is
    claimed by a conditional update, so two sweeps never act twice."""
    now = now or timezone.now()
    expired = 0
    due = DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now)
    for export_id, name in due.values_list("pk", "file_path"):
        claimed = DataExport.objects.filter(pk=export_id, status=DataExport.Status.READY).update(
            status=DataExport.Status.EXPIRED, file_path=""
        )
        if claimed == 1:
            _delete_file(name)
            expired += 1
    DataExport.objects.filter(
        status=DataExport.Status.RUNNING, started_at__lte=now - STUCK_AFTER
    ).update(status=DataExport.Status.FAILED)
    DataExport.objects.filter(
        status=DataExport.Status.QUEUED, created_at__lte=now - STUCK_AFTER
    ).update(status=DataExport.Status.FAILED)
    return expired


def exports_delete_for_user(*, user: User) -> None:
    """Erasure: every export row of the person goes, and their files after the commit."""
    names = [
        n for n in DataExport.objects.filter(user=user).values_list("file_path", flat=True) if n
    ]
    DataExport.objects.filter(user=user).delete()
    transaction.on_commit(lambda: [_delete_file(name) for name in names])
