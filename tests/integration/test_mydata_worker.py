"""A real Celery worker builds "Download my data" after the request commits."""

import json
import time
import zipfile

import pytest

from mydata import services
from mydata.models import DataExport
from tests.factories import JournalEntryFactory


@pytest.mark.worker
def test_the_worker_builds_the_export_after_commit(mentee, settings, tmp_path, real_worker):
    settings.MYDATA_EXPORT_DIR = tmp_path / "exports"
    JournalEntryFactory(membership=mentee, body="Written for the worker test")
    export = services.export_request(user=mentee.user)
    assert export.status == DataExport.Status.QUEUED
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if export.status not in DataExport.IN_PROGRESS:
            break
        time.sleep(0.2)
    assert export.status == DataExport.Status.READY
    with zipfile.ZipFile(services.export_file(export)) as archive:
        records = json.loads(archive.read("data.json"))["records"]
    assert [row["body"] for row in records["journal"]] == ["Written for the worker test"]
