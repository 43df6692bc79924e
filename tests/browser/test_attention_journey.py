"""Issue 12: a coordinator follows the "needs attention" count from the program home, reads
the queue (facts only), marks an item handled with a note, and opens supervision; on a phone
too, keyboard only for the note."""

from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring.models import AttentionFollowUp
from tests.factories import (
    CheckInFactory,
    MembershipFactory,
    PairingFactory,
    ProgramFactory,
    UserFactory,
)

PASSWORD = "journey-passphrase-2026"
MARKER = "Vellichorium"


def _member(program, role, email, name, **kwargs):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name, password=PASSWORD),
        **kwargs,
    )


def test_coordinator_follows_up_an_item(page: Page, live_server, artifacts, totp_code):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    mentor = _member(program, Role.MENTOR, "morgan@example.org", "Morgan")
    river = _member(program, Role.MENTEE, "river@example.org", "River")
    PairingFactory(mentee=river, mentor=mentor, days_ago=2)
    CheckInFactory(membership=river, wants_outreach=True, hard=MARKER)
    _member(
        program,
        Role.MENTEE,
        "casey@example.org",
        "Casey",
        joined_at=timezone.now() - timedelta(days=30),
    )

    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Harbor Peer Mentoring")).to_be_visible()

    page.get_by_role("link", name="Needs attention: 2 items").click()
    expect(page.get_by_role("heading", name="Needs attention", exact=True)).to_be_visible()
    river_row = page.get_by_role("row", name="River")
    expect(river_row).to_contain_text("Asked for someone to reach out")
    expect(river_row).to_contain_text("Morgan")
    casey_row = page.get_by_role("row", name="Casey")
    expect(casey_row).to_contain_text("No check-in for 14 days")
    expect(casey_row).to_contain_text("Coordinators")
    assert MARKER not in page.content()
    page.screenshot(path=str(artifacts / "attention-journey-queue.png"), full_page=True)

    # Keyboard only: open "Mark handled" for Casey, write the note, send it.
    summary = casey_row.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    note = casey_row.get_by_label("Note for the other coordinators (optional)")
    note.focus()
    page.keyboard.type("Called Casey; checking in again Friday.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Marked handled: No check-in for 14 days (Casey).")).to_be_visible()
    expect(page.get_by_role("row", name="Casey")).to_have_count(0)
    expect(page.get_by_text("Called Casey; checking in again Friday.")).to_be_visible()
    follow_up = AttentionFollowUp.objects.get()
    assert follow_up.handled_by_id == coordinator.user_id

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "attention-journey-queue-phone.png"), full_page=True)

    page.get_by_role("link", name="Supervision", exact=True).click()
    expect(page.get_by_role("heading", name="Morgan")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "attention-journey-supervision.png"), full_page=True)
