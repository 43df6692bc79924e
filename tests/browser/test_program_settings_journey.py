"""Issue 12: a coordinator searches the board, opens a member's page, edits the program's
crisis resources, and sees the new call and text links behind "Get help now" (on a phone
too). The queue, survey and funder-report steps of the journey are in
test_attention_journey.py, test_survey_journey.py and test_reports_journey.py."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Page, expect

from accounts.models import ProgramChange, Role
from tests.factories import IntakeFactory, MembershipFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"


def _member(program, role, email, name):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name, password=PASSWORD),
    )


def test_coordinator_edits_the_crisis_resources(page: Page, live_server, artifacts, totp_code):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    river = _member(program, Role.MENTEE, "river@example.org", "River Stone")
    IntakeFactory(membership=river)
    _member(program, Role.MENTEE, "sky@example.org", "Sky Bell")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Harbor Peer Mentoring")).to_be_visible()

    # The board: search, then open the member's page.
    page.goto(f"{live_server.url}/p/harbor/matching/")
    page.get_by_label("Name or email").first.fill("river")
    page.get_by_label("Name or email").first.press("Enter")
    page.get_by_role("link", name="River Stone").first.click()
    expect(page.get_by_role("heading", name="River Stone")).to_be_visible()

    # Program settings -> crisis resources: add a warm line with a phone and a text line.
    page.goto(f"{live_server.url}/p/harbor/")
    page.get_by_role("link", name="Crisis resources").first.click()
    expect(page.get_by_role("heading", name="Crisis resources", exact=True)).to_be_visible()
    new = page.get_by_role("group", name="New crisis resource").first
    new.get_by_label("Name").fill("Harbor warm line")
    new.get_by_label("When to use it").fill("Every day, 8am to midnight")
    new.get_by_label("Phone number").fill("(202) 555-0123")
    new.get_by_label("Text line number").fill("741741")
    new.get_by_label("Word to text").fill("HARBOR")
    page.get_by_role("button", name="Save crisis resources").click()
    expect(page.get_by_text("Crisis resources saved.")).to_be_visible()
    assert ProgramChange.objects.filter(program=program, setting="crisis_resources").exists()

    # A bad number is refused on the form and changes nothing.
    new = page.get_by_role("group", name="New crisis resource").first
    new.get_by_label("Name").fill("Broken")
    new.get_by_label("Phone number").fill("call me maybe")
    page.get_by_role("button", name="Save crisis resources").click()
    expect(page.get_by_text("is not a phone number we can dial")).to_be_visible()

    # "Get help now" shows the new links, on a phone too.
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("header").get_by_role("link", name="Get help now").click()
    call = page.get_by_role("link", name="Call (202) 555-0123")
    expect(call).to_have_attribute("href", "tel:+12025550123")
    expect(page.get_by_role("link", name="Text HARBOR to 741741")).to_have_attribute(
        "href", "sms:741741?body=HARBOR"
    )
    page.screenshot(path=str(artifacts / "program-settings-help-phone.png"), full_page=True)
