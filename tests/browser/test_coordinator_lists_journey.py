"""Issue 12: a coordinator of a program with many members searches the matching board and the
member list by keyboard, pages through, and opens a member's page: role, status, pairings and
last activity, nothing they wrote."""

from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Membership, Profile, Role, User
from tests.factories import (
    CheckInFactory,
    MembershipFactory,
    PairingFactory,
    ProgramFactory,
    UserFactory,
)

PASSWORD = "journey-passphrase-2026"


def test_coordinator_searches_and_opens_a_member(page: Page, live_server, artifacts, totp_code):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = MembershipFactory(
        program=program,
        role=Role.COORDINATOR,
        user=UserFactory(email="dana@example.org", display_name="Dana", password=PASSWORD),
    )
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    users = User.objects.bulk_create([User(email=f"waiting{i:03}@example.org") for i in range(120)])
    Profile.objects.bulk_create(
        [Profile(user=u, display_name=f"Waiting {i:03}") for i, u in enumerate(users)]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=u,
                program=program,
                role=Role.MENTEE,
                status="active",
                privacy_notice_version=1,
                privacy_acknowledged_at=timezone.now(),
            )
            for u in users
        ]
    )
    river = MembershipFactory(
        program=program,
        role=Role.MENTEE,
        user=UserFactory(email="river@example.org", display_name="River"),
    )
    morgan = MembershipFactory(
        program=program,
        role=Role.MENTOR,
        user=UserFactory(email="morgan@example.org", display_name="Morgan"),
    )
    PairingFactory(mentee=river, mentor=morgan, days_ago=40)
    CheckInFactory(
        membership=river,
        date=timezone.localdate() - timedelta(days=1),
        helped="Something only River and Morgan read",
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()

    # The board pages through 120 waiting mentees, 25 at a time.
    page.goto(f"{live_server.url}/p/harbor/matching/")
    expect(page.get_by_role("heading", name="120 mentees waiting for a mentor")).to_be_visible()
    waiting_pages = page.get_by_role("navigation", name="Pages of mentees waiting")
    expect(waiting_pages.get_by_text("Page 1 of 5")).to_be_visible()
    waiting_pages.get_by_role("link", name="Next").click()
    expect(
        page.get_by_role("navigation", name="Pages of mentees waiting").get_by_text("Page 2 of 5")
    ).to_be_visible()

    # A search by keyboard: type, Enter (a plain GET form, no script needed).
    search = page.get_by_label("Name or email")
    search.fill("WAITING 10")
    search.press("Enter")
    expect(page.get_by_role("heading", name="10 mentees waiting for a mentor")).to_be_visible()
    expect(page.get_by_label("Name or email")).to_have_value("WAITING 10")

    # The member list: search for River, open her page.
    page.goto(f"{live_server.url}/p/harbor/members/")
    expect(page.get_by_role("heading", name="123 members")).to_be_visible()
    page.get_by_label("Name or email").fill("river@")
    page.get_by_label("Name or email").press("Enter")
    expect(page.get_by_role("heading", name="1 member", exact=True)).to_be_visible()
    page.get_by_role("link", name="River", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="River")).to_be_visible()
    history = page.locator("section", has=page.get_by_role("heading", name="Pairing history"))
    expect(history.get_by_role("link", name="Morgan")).to_be_visible()
    expect(page.get_by_text("Last check-in")).to_be_visible()
    expect(page.get_by_text("Something only River and Morgan read")).to_have_count(0)
    page.screenshot(path=str(artifacts / "coordinator-member-page.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(f"{live_server.url}/p/harbor/members/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "coordinator-members-phone.png"), full_page=True)
