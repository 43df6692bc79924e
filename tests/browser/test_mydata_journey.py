"""Issue 13: a mentee asks for a copy of their data from their profile, waits until it is
ready, downloads the zip, then deletes one of their journal entries."""

import json
import zipfile

from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring.models import JournalEntry
from tests.factories import JournalEntryFactory, MembershipFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"


def test_mentee_downloads_their_data_and_deletes_a_journal_entry(
    page: Page, live_server, settings, tmp_path, artifacts
):
    # Tasks run in-process (tests/conftest.py), so the export is built when it is asked for.
    settings.MYDATA_EXPORT_DIR = tmp_path / "exports"
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    mentee = MembershipFactory(
        program=program,
        role=Role.MENTEE,
        user=UserFactory(email="river@example.org", display_name="River", password=PASSWORD),
    )
    JournalEntryFactory(membership=mentee, title="Tuesday", body="A good talk with my sister.")
    JournalEntryFactory(membership=mentee, title="Wednesday", body="Rain all day.")

    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("river@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_role("heading", name="Download my data")).to_be_visible()
    page.get_by_role("button", name="Prepare my data").click()
    download_link = page.get_by_role("link", name="Download my data")
    expect(download_link).to_be_visible()
    page.screenshot(path=str(artifacts / "mydata-ready.png"), full_page=True)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.startswith("peerpath-my-data-")
    with zipfile.ZipFile(download.path()) as archive:
        records = json.loads(archive.read("data.json"))["records"]
    assert sorted(row["title"] for row in records["journal"]) == ["Tuesday", "Wednesday"]
    assert records["account"][0]["email"] == "river@example.org"

    page.goto(f"{live_server.url}/p/harbor/journal/")
    page.get_by_role("link", name="Wednesday").click()
    page.get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete this entry?")).to_be_visible()
    page.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_text("The entry is deleted.")).to_be_visible()
    expect(page.get_by_role("link", name="Wednesday")).to_have_count(0)
    assert list(JournalEntry.objects.values_list("title", flat=True)) == ["Tuesday"]
