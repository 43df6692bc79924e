"""Issue 11, announcements: on a phone (390 px) a coordinator posts an announcement to the
mentees paired before a date, with the keyboard; a mentee of that cohort is told by the bell,
reads it on their home (HTML shown as text, the link clickable) and dismisses it; a mentor
never sees it."""

import re
from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from messaging.models import AnnouncementRecipient
from tests.factories import MembershipFactory, PairingFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"


def _person(program, role, email, name):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name, password=PASSWORD),
    )


def _log_in(page: Page, live_server_url: str, email: str, code=None, unread=0) -> None:
    page.goto(f"{live_server_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code is not None:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name=f"Notifications, {unread} unread")).to_be_visible()


def test_coordinator_posts_to_a_cohort_and_a_mentee_reads_and_dismisses_it(
    page: Page, live_server, artifacts, totp_code
):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _person(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    mentee = _person(program, Role.MENTEE, "river@example.org", "River")
    mentor = _person(program, Role.MENTOR, "sam@example.org", "Sam")
    PairingFactory(mentee=mentee, mentor=mentor, days_ago=40)
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 390, "height": 844})

    _log_in(page, live_server.url, "dana@example.org", totp_code(secret))
    page.goto(f"{live_server.url}/p/harbor/")
    page.get_by_role("link", name="New announcement").click()
    expect(page.get_by_role("heading", name="New announcement")).to_be_visible()
    page.get_by_label(re.compile(r"^Title:?$")).fill("<b>Picnic</b> on Saturday")
    page.get_by_label(re.compile(r"^Announcement:?$")).fill(
        "Bring a friend.\nDirections: https://example.org/park"
    )
    cohort = page.get_by_label("Mentees paired before a date")
    cohort.focus()
    page.keyboard.press("Space")
    expect(cohort).to_be_checked()
    cutoff = timezone.localdate() - timedelta(days=10)
    page.get_by_label(re.compile(r"^Paired before:?$")).fill(cutoff.isoformat())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "announcement-new-phone.png"), full_page=True)
    post = page.get_by_role("button", name="Post announcement")
    post.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("is posted for 1 person.")).to_be_visible()
    expect(page.get_by_text("Sent to 1 person")).to_be_visible()
    page.screenshot(path=str(artifacts / "announcement-list-phone.png"), full_page=True)
    page.context.clear_cookies()

    _log_in(page, live_server.url, "sam@example.org")
    page.goto(f"{live_server.url}/p/harbor/")
    expect(page.get_by_role("heading", name="Your mentees")).to_be_visible()
    expect(page.get_by_text("Picnic")).to_have_count(0)
    page.context.clear_cookies()

    _log_in(page, live_server.url, "river@example.org", unread=1)
    page.goto(f"{live_server.url}/p/harbor/")
    block = page.get_by_role("region", name="Announcements")
    expect(block.get_by_role("heading", name="<b>Picnic</b> on Saturday")).to_be_visible()
    expect(block.get_by_role("link", name="https://example.org/park")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "announcement-home-phone.png"), full_page=True)
    dismiss = block.get_by_role("button", name="Dismiss")
    dismiss.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/p/harbor/$"))
    expect(page.get_by_role("region", name="Announcements")).to_have_count(0)
    assert AnnouncementRecipient.objects.get(membership=mentee).dismissed_at is not None
