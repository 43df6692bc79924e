"""Issue 13 (consent): a mentee grants the program's coordinators consent to read her
check-ins on the Sharing page (a wrong signature is refused first), the coordinator reads one
from the member page, the mentee revokes, and the coordinator's next request shows nothing.
(The lead adds "access history lists the coordinator's read" when the audit app is merged.)"""

from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Browser, Page, expect

from accounts.models import Role
from privacy.models import Consent
from privacy.selectors import program_today
from tests.factories import CheckInFactory, MembershipFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"
MARKER = "Quillhaven"


def _member(program, role, email, name):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name, password=PASSWORD),
    )


def _log_in(page: Page, url: str, email: str, code=None):
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code:
        page.get_by_label("Code").fill(code())
        page.get_by_role("button", name="Sign In").click()


def test_consent_granted_read_and_revoked(
    page: Page, browser: Browser, live_server, artifacts, totp_code
):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    river = _member(program, Role.MENTEE, "river@example.org", "River Stone")
    CheckInFactory(membership=river, helped=f"A long walk by the {MARKER} pier", days_ago=1)
    until = program_today(program) + timedelta(days=60)

    # The mentee signs a consent on her Sharing page.
    _log_in(page, live_server.url, "river@example.org")
    page.goto(f"{live_server.url}/p/harbor/")
    page.get_by_role("navigation", name="Program").get_by_role("link", name="Sharing").click()
    expect(page.get_by_role("heading", name="Who sees what")).to_be_visible()
    expect(page.get_by_text("Your journal is only yours")).to_be_visible()
    page.get_by_label("Check-ins: mood and craving scores and what you wrote").check()
    page.get_by_label("The program's coordinators").check()
    page.get_by_label("Coordinating my support in the program").check()
    page.get_by_label("Until when? (at most one year)").fill(until.isoformat())
    page.get_by_label("I understand I can revoke this consent at any time.").check()
    page.get_by_label("Sign by typing your name").fill("Rivers Stone")
    page.get_by_role("button", name="Sign and agree").click()
    expect(page.get_by_text("Type your name exactly as your profile shows it")).to_be_visible()
    assert not Consent.objects.exists()
    page.get_by_label("Sign by typing your name").fill("river  stone")
    page.get_by_role("button", name="Sign and agree").click()
    expect(page.get_by_text("Your consent is recorded.")).to_be_visible()
    granted = page.locator("li.card", has_text="Coordinators of Harbor Peer Mentoring")
    expect(granted).to_contain_text("may read your Check-ins")
    expect(granted).to_contain_text(until.strftime("%b %-d, %Y"))
    page.screenshot(path=str(artifacts / "consent-granted.png"), full_page=True)

    # The coordinator reads the check-in from River's member page.
    context = browser.new_context()
    coord = context.new_page()
    _log_in(coord, live_server.url, "dana@example.org", code=lambda: totp_code(secret))
    coord.goto(f"{live_server.url}/p/harbor/members/{river.pk}/")
    coord.get_by_role("link", name="Records shared by consent").click()
    expect(
        coord.get_by_role("heading", name="Records River Stone shared by consent")
    ).to_be_visible()
    expect(coord.get_by_text(f"A long walk by the {MARKER} pier")).to_be_visible()
    coord.screenshot(path=str(artifacts / "consent-coordinator-reads.png"), full_page=True)

    # The mentee revokes; it moves to the history.
    granted.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("Consent revoked")).to_be_visible()
    expect(page.get_by_role("heading", name="Past consents")).to_be_visible()
    expect(page.get_by_text("You have not agreed to share anything else.")).to_be_visible()

    # The coordinator's next request shows nothing.
    coord.reload()
    expect(coord.get_by_text("Nothing is shared with you")).to_be_visible()
    assert MARKER not in coord.content()
    coord.screenshot(path=str(artifacts / "consent-revoked.png"), full_page=True)
    context.close()

    # The mentee's access history lists the coordinator's read.
    page.get_by_role("navigation", name="Program").get_by_role(
        "link", name="Access history"
    ).click()
    expect(page.get_by_role("heading", name="Access history")).to_be_visible()
    expect(page.get_by_text("Coordinator Dana viewed your check-ins")).to_be_visible()
    page.screenshot(path=str(artifacts / "consent-access-history.png"), full_page=True)
