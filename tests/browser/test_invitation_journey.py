"""A coordinator invites a new person; the person signs up from the emailed link (the
address filled in and already proved by the link, the browser's time zone preselected),
acknowledges the privacy notice and lands on their mentee home, where the intake is the next
step. A confirmation link opened in another browser does not lose the invitation."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Browser, Page, expect

from accounts.models import Membership, Role
from tests.factories import InvitationFactory, MembershipFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"


def _link(message, live_server_url: str) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return match.group(0)


@pytest.fixture
def browser_context_args(browser_context_args):
    # An old tz database name, as some browsers report it: offered as its current name.
    return {**browser_context_args, "timezone_id": "Africa/Asmera"}


def test_coordinator_invites_and_new_mentee_joins(
    page: Page, live_server, mailoutbox, artifacts, totp_code
):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = MembershipFactory(
        program=program,
        role=Role.COORDINATOR,
        user=UserFactory(
            email="dana@example.org", display_name="Dana", password="coordinator-passphrase"
        ),
    )
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)

    # The coordinator logs in with password and a one-time code.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill("coordinator-passphrase")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Harbor Peer Mentoring")).to_be_visible()

    page.get_by_role("link", name="Invitations").click()
    page.get_by_label("Email address").fill("river@example.org")
    page.get_by_role("region", name="Send an invitation").get_by_label("Role").select_option(
        "mentee"
    )
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitation sent to river@example.org")).to_be_visible()
    page.locator("details.menu--account > summary").click()
    page.get_by_role("button", name="Log out").click()

    # The invited person opens the link from the outbox and signs up.
    assert len(mailoutbox) == 1
    page.goto(_link(mailoutbox[0], live_server.url))
    expect(
        page.get_by_role("heading", name="You're invited to Harbor Peer Mentoring")
    ).to_be_visible()
    page.get_by_role("link", name="Create my account").click()
    # The invited address is filled in; the browser's zone is preselected by its current name.
    expect(page.get_by_label("Email")).to_have_value("river@example.org")
    expect(page.get_by_label("Time zone")).to_have_value("Africa/Asmara")
    expect(page.locator("option[value='Africa/Asmera']")).to_have_count(0)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_label("Display name").fill("River")
    page.get_by_label("Time zone").select_option("America/Chicago")
    page.get_by_role("button", name="Sign Up").click()

    # The invitation link proved the address: no second email to verify it.
    # Back at the invitation, now signed in.
    page.get_by_role("button", name="Join the program").click()
    expect(
        page.get_by_role("heading", name="Privacy notice · Harbor Peer Mentoring")
    ).to_be_visible()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Acknowledge and continue").click()

    expect(page.get_by_text("Your next step is the intake")).to_be_visible()
    expect(page.get_by_role("link", name="Complete my intake")).to_be_visible()
    expect(page.get_by_text("Welcome, River.")).to_be_visible()
    help_link = page.locator("header").get_by_role("link", name="Get help now")
    expect(help_link).to_be_visible()
    page.screenshot(path=str(artifacts / "invitation-journey-mentee-home.png"), full_page=True)
    membership = Membership.objects.get(user__email="river@example.org")
    assert membership.role == Role.MENTEE and membership.status == Membership.Status.ACTIVE
    assert len(mailoutbox) == 1
    assert membership.user.profile.time_zone == "America/Chicago"

    help_link.click()
    expect(page.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    expect(page.get_by_role("link", name="Text HOME to 741741")).to_be_visible()


def test_confirming_in_another_browser_keeps_the_invitation(
    browser: Browser, live_server, mailoutbox
):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    InvitationFactory(program=program, email="sky@example.org")

    # On a phone: the person signs up at the sign-up page (not from the invitation's link).
    phone = browser.new_context()
    page = phone.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email").fill("sky@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_label("Display name").fill("Sky")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    phone.close()

    # On a laptop: the confirmation link, then log in; the invitation is waiting.
    laptop = browser.new_context()
    page = laptop.new_page()
    page.goto(_link(mailoutbox[-1], live_server.url))
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Email").fill("sky@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/invite/"))
    expect(
        page.get_by_role("heading", name="You're invited to Harbor Peer Mentoring")
    ).to_be_visible()
    expect(page.get_by_text("You are not in a program yet")).to_have_count(0)
    page.get_by_role("button", name="Join the program").click()
    expect(
        page.get_by_role("heading", name="Privacy notice · Harbor Peer Mentoring")
    ).to_be_visible()
    laptop.close()
    assert Membership.objects.filter(user__email="sky@example.org", program=program).exists()
