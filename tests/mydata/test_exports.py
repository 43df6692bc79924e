"""Download my data: what the zip holds (the person's records, not other people's private
words), who may download it and for how long, one export in progress at a time, expiry."""

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mydata import services
from mydata.models import DataExport
from tests.factories import DataExportFactory

from .conftest import ADDRESSED, OTHERS_PRIVATE, PERSON_MARKERS, PERSON_NAME

pytestmark = pytest.mark.django_db


def _zip(export: DataExport) -> zipfile.ZipFile:
    return zipfile.ZipFile(services.export_file(export))


def test_the_zip_holds_every_record_of_the_person_and_no_one_elses_private_words(
    ready_export, mentee, mentor
):
    assert ready_export.status == DataExport.Status.READY
    assert ready_export.progress == 100
    assert ready_export.expires_at == ready_export.ready_at + timedelta(hours=24)
    with _zip(ready_export) as archive:
        names = set(archive.namelist())
        data = json.loads(archive.read("data.json"))
        everything = archive.read("data.json").decode() + "".join(
            archive.read(name).decode("utf-8-sig") for name in names if name.endswith(".csv")
        )
    records = data["records"]
    assert {"csv/goals.csv", "csv/journal.csv", "csv/messages.csv", "README.txt"} <= names
    for marker in PERSON_MARKERS.values():
        assert marker in everything, marker
    for words in ADDRESSED.values():
        assert words in everything, words
    for secret in OTHERS_PRIVATE.values():
        assert secret not in everything, secret
    assert records["account"] == [
        {**records["account"][0], "email": "mentee@example.org", "display_name": PERSON_NAME}
    ]
    # Of the mentor, the display name only.
    assert [p["other_person"] for p in records["pairings"]] == ["Marcus", "Marcus"]
    assert "mentor@example.org" not in everything
    assert [m["my_notes"] for m in records["meetings"]] == [PERSON_MARKERS["reflection"]]
    assert {m["from"] for m in records["messages"]} == {"me", "Marcus"}


def test_each_csv_parses_back_with_a_header_and_the_json_rows(ready_export):
    with _zip(ready_export) as archive:
        data = json.loads(archive.read("data.json"))["records"]
        journal = list(
            csv.DictReader(io.StringIO(archive.read("csv/journal.csv").decode("utf-8-sig")))
        )
        goals = list(csv.DictReader(io.StringIO(archive.read("csv/goals.csv").decode("utf-8-sig"))))
    assert [row["body"] for row in journal] == [PERSON_MARKERS["journal"]]
    assert [row["title"] for row in goals] == [g["title"] for g in data["goals"]]


def test_a_cell_that_starts_like_a_formula_is_defused(mentee, export_dir):
    from tests.factories import JournalEntryFactory

    JournalEntryFactory(membership=mentee, body='=HYPERLINK("http://x")')
    export = services.export_build(export_id=DataExport.objects.create(user=mentee.user).pk)
    with _zip(export) as archive:
        text = archive.read("csv/journal.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_the_mentor_export_has_their_log_but_not_the_mentees_reflection(
    planted, mentor, export_dir
):
    export = services.export_build(export_id=DataExport.objects.create(user=mentor.user).pk)
    with _zip(export) as archive:
        text = archive.read("data.json").decode()
    assert OTHERS_PRIVATE["mentor_narrative"] in text  # the mentor's own words
    for marker in ("journal", "checkin", "reflection", "recovery", "goal_why", "bio"):
        assert PERSON_MARKERS[marker] not in text, marker


def test_asking_twice_makes_one_export_and_queues_one_build(
    client, login, mentee, export_dir, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("mydata.tasks.data_export_build.delay", queued.append)
    login(mentee)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("mydata:request"))
        second = client.post(reverse("mydata:request"))
    assert first.status_code == second.status_code == 302
    export = DataExport.objects.get(user=mentee.user)
    assert export.status == DataExport.Status.QUEUED
    assert queued == [export.pk]
    page = client.get(reverse("mydata:index"))
    assert "Refresh" in page.content.decode()
    assert 'hx-trigger="every 2s"' in page.content.decode()


def test_the_database_keeps_one_export_in_progress_per_person(mentee):
    DataExportFactory(user=mentee.user)
    with pytest.raises(IntegrityError), transaction.atomic():
        DataExportFactory(user=mentee.user, status=DataExport.Status.RUNNING)
    DataExportFactory(user=mentee.user, status=DataExport.Status.READY)  # finished ones: any


def test_the_request_runs_the_task_and_the_page_offers_the_download(
    client, login, mentee, planted, export_dir, django_capture_on_commit_callbacks
):
    login(mentee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mydata:request"))
    export = DataExport.objects.get(user=mentee.user)
    assert export.status == DataExport.Status.READY
    page = client.get(reverse("mydata:index")).content.decode()
    url = reverse("mydata:download", args=[export.token])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(body)).read("data.json")
    # Outside the static and media paths.
    assert str(services.export_file(export)).startswith(str(export_dir))


def test_another_persons_link_is_404(client, login, ready_export, mentor, outsider):
    url = reverse("mydata:download", args=[ready_export.token])
    for person in (mentor, outsider):
        login(person)
        assert client.get(url).status_code == 404


def test_signed_out_the_link_asks_to_sign_in(client, ready_export):
    response = client.get(reverse("mydata:download", args=[ready_export.token]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_expired_export_is_404_and_the_sweep_deletes_its_file(
    client, login, ready_export, mentee
):
    login(mentee)
    url = reverse("mydata:download", args=[ready_export.token])
    path = services.export_file(ready_export)
    DataExport.objects.filter(pk=ready_export.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(url).status_code == 404  # before the sweep ran
    assert services.exports_expire() == 1
    assert services.exports_expire() == 0
    assert not path.exists()
    ready_export.refresh_from_db()
    assert (ready_export.status, ready_export.file_path) == (DataExport.Status.EXPIRED, "")
    assert client.get(url).status_code == 404


def test_a_stuck_export_fails_so_the_person_can_ask_again(mentee):
    stuck = DataExportFactory(
        user=mentee.user,
        status=DataExport.Status.RUNNING,
        started_at=timezone.now() - timedelta(hours=2),
    )
    services.exports_expire()
    stuck.refresh_from_db()
    assert stuck.status == DataExport.Status.FAILED
    assert services.export_request(user=mentee.user).pk != stuck.pk


def test_a_second_build_of_the_same_export_does_nothing(ready_export):
    assert services.export_build(export_id=ready_export.pk) is None


def test_the_sweep_is_scheduled_in_beat():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name="Expire data exports")
    assert task.task == "mydata.tasks.data_exports_expire"
    assert task.enabled


def test_while_it_is_prepared_htmx_gets_the_fragment_and_polling_stops_when_ready(
    client, login, mentee, export_dir
):
    login(mentee)
    export = DataExportFactory(user=mentee.user, status=DataExport.Status.RUNNING, progress=40)
    fragment = client.get(reverse("mydata:index"), headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert "<html" not in text
    assert 'hx-trigger="every 2s"' in text
    assert 'value="40"' in text
    DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
    text = client.get(reverse("mydata:index"), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in text
    assert "Please ask again" in text
