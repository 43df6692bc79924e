"""The funder report against the hand-counted scene, its CSV against the page, bad ranges."""

import csv
import io
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import ExportRecord
from reports.periods import last_full_quarter, program_today
from tests.factories import MeetingFactory, MembershipFactory, MessageFactory, PairingFactory

pytestmark = pytest.mark.django_db


def last_30_days(program):
    today = program_today(program)
    return {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat()}


def sections_of(response) -> dict:
    return {
        section.key: {row[0]: row[1:] for row in section.rows}
        for section in response.context["sections"]
    }


def test_figures_for_the_last_30_days(login, coordinator, scene, program):
    url = reverse("reports:funder", args=[program.slug])
    response = login(coordinator).get(url, last_30_days(program))
    assert response.status_code == 200
    report = sections_of(response)
    # Jordan, Priya and Sam checked in; Marcus held meetings; Sam and Jordan went to the event.
    assert report["served"] == {"Mentees": [3], "Mentors": [1], "Total": [4]}
    assert report["enrolled"] == {"Mentees": [2], "Mentors": [0], "Coordinators": [0]}
    assert report["pairings"] == {"Started": [1], "Ended": [2]}
    assert report["reasons"] == {"Moved away": [1], "No reason given": [1]}
    assert report["contacts"] == {
        "Regular check-in · In person": [1, "1.5"],
        "Type not recorded · Setting not recorded": [1, "0.5"],
        "Total": [2, "2.0"],
    }
    assert report["not_held"] == {"Missed": [1], "Cancelled": [1]}
    assert report["events"] == {"Peer support group": [1, 2, 2], "Total": [1, 2, 2]}
    assert report["attendees"] == {"Unduplicated": [2]}


def test_a_message_counts_its_author_as_served(login, coordinator, scene, program, other_mentor):
    url = reverse("reports:funder", args=[program.slug])
    before = sections_of(login(coordinator).get(url, last_30_days(program)))["served"]
    MessageFactory(author=other_mentor)
    after = sections_of(login(coordinator).get(url, last_30_days(program)))["served"]
    assert after["Mentors"] == [before["Mentors"][0] + 1]


def test_default_range_is_the_last_full_quarter(login, coordinator, program):
    response = login(coordinator).get(reverse("reports:funder", args=[program.slug]))
    first, last = last_full_quarter(program_today(program))
    assert (response.context["first"], response.context["last"]) == (first, last)
    assert last_full_quarter(date(2026, 2, 10)) == (date(2025, 10, 1), date(2025, 12, 31))
    assert last_full_quarter(date(2026, 7, 1)) == (date(2026, 4, 1), date(2026, 6, 30))


class Tables(HTMLParser):
    """(caption, row label, column header, cell) of every report table on the page."""

    def __init__(self):
        super().__init__()
        self.cells, self.caption, self.headers, self.row, self.text = [], "", [], None, None
        self.inside_report = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "report-table" in dict(attrs).get("class", ""):
            self.inside_report, self.headers = True, []
        elif self.inside_report and tag in ("caption", "th", "td"):
            self.text = ""
        elif self.inside_report and tag == "tr":
            self.row = []

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

    def handle_endtag(self, tag):
        if not self.inside_report:
            return
        if tag == "caption":
            self.caption, self.text = self.text.strip(), None
        elif tag in ("th", "td"):
            self.row.append(self.text.strip())
            self.text = None
        elif tag == "tr":
            if not self.headers:
                self.headers = self.row[1:]
            elif len(self.row) == len(self.headers) + 1:
                for header, value in zip(self.headers, self.row[1:], strict=True):
                    self.cells.append([self.caption, self.row[0], header, value])
        elif tag == "table":
            self.inside_report = False


def test_the_csv_equals_the_numbers_on_screen_and_is_recorded(login, coordinator, scene, program):
    client = login(coordinator)
    dates = last_30_days(program)
    page = client.get(reverse("reports:funder", args=[program.slug]), dates)
    tables = Tables()
    tables.feed(page.content.decode())
    assert len(tables.cells) > 20
    response = client.post(reverse("reports:funder_csv", args=[program.slug]), dates)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["section", "item", "measure", "value"]
    assert rows[1][2:] == ["from", dates["start"]] and rows[2][2:] == ["to", dates["end"]]
    assert rows[3:] == tables.cells
    record = ExportRecord.objects.get()
    assert (record.program, record.requested_by, record.kind) == (
        program,
        coordinator.user,
        "funder",
    )
    assert record.parameters == dates


@pytest.mark.parametrize(
    "dates, message",
    [
        ({"start": "2026-03-01", "end": "2026-02-01"}, "The end date must be on or after"),
        ({"start": "2020-01-01", "end": "2025-01-01"}, "at most 5 years"),
        ({"start": "2026-02-30", "end": "2026-03-01"}, "Enter a date as YYYY-MM-DD"),
        ({"start": "yesterday", "end": "2026-03-01"}, "Enter a date as YYYY-MM-DD"),
        ({"start": "2026-01-01", "end": ""}, "This field is required"),
        ({"start": "0001-01-01", "end": "0001-12-31"}, "Choose a date between"),
        ({"start": "9999-01-01", "end": "9999-12-31"}, "Choose a date between"),
    ],
)
def test_bad_ranges_get_a_message_and_no_report(login, coordinator, program, dates, message):
    client = login(coordinator)
    page = client.get(reverse("reports:funder", args=[program.slug]), dates)
    assert page.status_code == 200
    assert message in page.content.decode() and page.context["sections"] is None
    download = client.post(reverse("reports:funder_csv", args=[program.slug]), dates)
    assert download.status_code == 400
    assert message in download.content.decode()
    assert not ExportRecord.objects.exists()


def test_five_years_exactly_is_accepted(login, coordinator, program):
    page = login(coordinator).get(
        reverse("reports:funder", args=[program.slug]), {"start": "2020-01-01", "end": "2024-12-31"}
    )
    assert page.context["sections"] is not None


def test_query_count_does_not_grow_with_the_program(login, coordinator, scene, program):
    client = login(coordinator)
    url = reverse("reports:funder", args=[program.slug])
    dates = last_30_days(program)
    with CaptureQueriesContext(connection) as small:
        client.get(url, dates)
    for _ in range(10):
        pairing = PairingFactory(mentee=MembershipFactory(program=program), days_ago=3)
        MeetingFactory(pairing=pairing, status="held", starts_at=pairing.activated_at)
    with CaptureQueriesContext(connection) as large:
        client.get(url, dates)
    assert len(small) == len(large)
