"""Issue 12: a coordinator opens the reports, reads the overview, asks for a funder report with
the dates the wrong way round, corrects them, downloads the CSV and prints a page without
menus."""

import csv
import io
from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from reports.models import ExportRecord
from tests.factories import (
    CheckInFactory,
    MeetingFactory,
    MembershipFactory,
    PairingFactory,
    ProgramFactory,
    UserFactory,
)

PASSWORD = "journey-passphrase-2026"


def _member(program, role, email, name):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name, password=PASSWORD),
    )


def test_coordinator_reads_the_overview_and_downloads_the_funder_report(
    page: Page, live_server, artifacts, totp_code
):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    mentor = _member(program, Role.MENTOR, "morgan@example.org", "Morgan")
    mentee = _member(program, Role.MENTEE, "river@example.org", "River")
    pairing = PairingFactory(mentee=mentee, mentor=mentor, days_ago=20)
    start = timezone.now() - timedelta(days=3)
    MeetingFactory(
        pairing=pairing,
        starts_at=start,
        status="held",
        actual_start=start,
        actual_end=start + timedelta(minutes=60),
        contact_type="check_in",
        setting="phone",
        narrative="Talked about the new job",
    )
    CheckInFactory(membership=mentee, days_ago=1)

    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("navigation", name="Program").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Reports", exact=True)).to_be_visible()

    # The overview: figures, and each chart with its table.
    page.get_by_role("link", name="Overview").click()
    expect(page.get_by_role("heading", name="Program overview")).to_be_visible()
    expect(page.get_by_role("img", name="Meetings held per week")).to_be_visible()
    expect(page.get_by_role("table", name="Meetings held per week")).to_be_visible()
    page.screenshot(path=str(artifacts / "reports-overview.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "reports-overview-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})

    # The funder report: dates the wrong way round get a message, not a report.
    page.get_by_role("link", name="Funder report").click()
    today = timezone.localdate()
    page.get_by_label("From").fill(today.isoformat())
    page.get_by_label("To").fill((today - timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_text("The end date must be on or after the start date.")).to_be_visible()
    page.get_by_label("From").fill((today - timedelta(days=30)).isoformat())
    page.get_by_label("To").fill(today.isoformat())
    page.get_by_role("button", name="Show the report").click()
    contacts = page.get_by_role("table", name="Contacts held")
    expect(contacts.get_by_role("row", name="Regular check-in · Phone")).to_contain_text("1.0")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "reports-funder-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as CSV").click()
    download = download_info.value
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8-sig").read())))
    assert ["Contacts held", "Regular check-in · Phone", "Hours", "1.0"] in rows
    assert "Talked about" not in str(rows)
    assert ExportRecord.objects.filter(kind="funder", requested_by=coordinator.user).count() == 1

    # Printed, the page keeps the report and drops the menus and the forms.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Program")).to_be_hidden()
    expect(page.get_by_role("button", name="Download as CSV")).to_be_hidden()
    expect(contacts).to_be_visible()
    page.pdf(path=str(artifacts / "reports-funder.pdf"))
