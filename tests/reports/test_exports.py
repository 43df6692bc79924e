"""CSV exports parsed back: what each file holds, what it never holds, and the record."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership
from matching.models import Pairing
from mentoring.models import Meeting
from reports.models import ExportRecord
from reports.selectors import pseudonym
from tests.factories import MeetingFactory, MembershipFactory, PairingFactory, UserFactory

pytestmark = pytest.mark.django_db


def download(client, program, kind):
    response = client.post(reverse("reports:export", args=[program.slug, kind]))
    assert response.status_code == 200, response.status_code
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="harbor-{kind}-')
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_members_export_names_people_with_stable_pseudonyms(login, coordinator, scene, program):
    rows = download(login(coordinator), program, "members")
    assert len(rows) == Membership.objects.filter(program=program).count() == 10
    sam = Membership.objects.get(pk=scene["sam"].pk)
    row = next(r for r in rows if r["Email"] == "sam@example.org")
    assert row == {
        "Member id": pseudonym(sam.pk),
        "Name": "Sam",
        "Email": "sam@example.org",
        "Role": "Mentee",
        "Status": "Active",
        "Joined": sam.joined_at.date().isoformat(),
        "Left": "",
    }
    assert row["Member id"] == pseudonym(sam.pk) != pseudonym(sam.pk + 1)
    assert len({r["Member id"] for r in rows}) == len(rows)
    assert "outsider@example.org" not in {r["Email"] for r in rows}


def test_a_name_that_looks_like_a_formula_is_not_run(login, coordinator, program):
    MembershipFactory(program=program, user=UserFactory(display_name="=HYPERLINK(1)"))
    rows = download(login(coordinator), program, "members")
    assert "'=HYPERLINK(1)" in {r["Name"] for r in rows}


def test_pairings_export_has_pseudonyms_only(login, coordinator, scene, program, mentee, mentor):
    rows = download(login(coordinator), program, "pairings")
    assert len(rows) == Pairing.objects.filter(program=program).count() == 4
    jordan = next(r for r in rows if r["Mentee id"] == pseudonym(mentee.pk))
    assert jordan["Mentor id"] == pseudonym(mentor.pk)
    assert jordan["Status"] == "Active" and jordan["Closed"] == ""
    text = str(rows)
    assert "example.org" not in text and "Jordan" not in text and "Moved away" not in text


def test_meetings_export_has_dates_type_setting_duration_status(login, coordinator, scene, program):
    rows = download(login(coordinator), program, "meetings")
    assert len(rows) == Meeting.objects.filter(pairing__program=program).count() == 6
    assert list(rows[0]) == [
        "Meeting id", "Pairing id", "Mentee id", "Mentor id", "Date", "Status",
        "Type of contact", "Setting", "Duration (minutes)", "Logged",
    ]  # fmt: skip
    logged = next(r for r in rows if r["Logged"] == "yes")
    assert (logged["Status"], logged["Type of contact"], logged["Setting"]) == (
        "Held",
        "Regular check-in",
        "In person",
    )
    assert logged["Duration (minutes)"] == "90"
    statuses = sorted(r["Status"] for r in rows)
    assert statuses == ["Cancelled", "Confirmed", "Held", "Held", "Held", "Missed"]


def test_each_download_is_recorded_and_listed(login, coordinator, program):
    client = login(coordinator)
    for kind in ("members", "pairings", "meetings"):
        download(client, program, kind)
    records = ExportRecord.objects.filter(program=program)
    assert sorted(records.values_list("kind", flat=True)) == ["meetings", "members", "pairings"]
    assert set(records.values_list("requested_by", flat=True)) == {coordinator.user_id}
    page = client.get(reverse("reports:index", args=[program.slug]))
    listed = [record.kind for record in page.context["exports"]]
    assert listed == ["meetings", "pairings", "members"]
    assert "Dana" in page.content.decode()


def test_an_unknown_export_is_404_and_a_get_is_refused(login, coordinator, program):
    client = login(coordinator)
    assert (
        client.post(reverse("reports:export", args=[program.slug, "messages"])).status_code == 404
    )
    assert client.get(reverse("reports:export", args=[program.slug, "members"])).status_code == 405
    assert not ExportRecord.objects.exists()


@pytest.mark.parametrize("kind", ["members", "pairings", "meetings"])
def test_export_query_count_does_not_grow(login, coordinator, program, mentor, kind):
    client = login(coordinator)
    url = reverse("reports:export", args=[program.slug, kind])

    def run():
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url)
            b"".join(response.streaming_content)
        return len(queries)

    small = run()
    for _ in range(15):
        pairing = PairingFactory(mentee=MembershipFactory(program=program), mentor=mentor)
        MeetingFactory(pairing=pairing)
        MeetingFactory(pairing=pairing, status="held")
    assert run() == small


def test_a_download_that_breaks_off_leaves_no_transaction_open(login, coordinator, pairing):
    program = pairing.program
    # More than one 64 KB block of CSV, so that the stream stops half way.
    Meeting.objects.bulk_create(
        [
            Meeting(pairing=pairing, starts_at=pairing.activated_at, uid=f"bulk-{n}@peerpath")
            for n in range(1500)
        ]
    )
    client = login(coordinator)
    savepoints = list(connection.savepoint_ids)
    response = client.post(reverse("reports:export", args=[program.slug, "meetings"]))
    chunks = iter(response.streaming_content)
    next(chunks)  # the first block is out: the cursor is open inside its transaction
    assert len(connection.savepoint_ids) == len(savepoints) + 1
    response.close()  # the client went away; the server closes the response
    assert list(connection.savepoint_ids) == savepoints
