"""Issue 3: a coordinator reads the matching board, opens a waiting mentee's suggestions, reads
why a mentor fits and proposes the pair; the mentor and then the mentee accept on their pairings
pages, and each sees the other on their home page."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Page, expect

from accounts.models import Role
from matching import services
from matching.models import Pairing
from tests.factories import MembershipFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"


def _member(program, role, email, name):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name, password=PASSWORD),
    )


def _log_in(page: Page, email: str, code: str | None = None) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code is not None:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()


def _log_out(page: Page) -> None:
    page.locator("details.menu--account > summary").click()
    page.get_by_role("button", name="Log out").click()


def _program_nav(page: Page):
    return page.get_by_role("navigation", name="Program")


def test_coordinator_proposes_and_both_accept(page: Page, live_server, artifacts, totp_code):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    mentor = _member(program, Role.MENTOR, "morgan@example.org", "Morgan")
    other_mentor = _member(program, Role.MENTOR, "sam@example.org", "Sam")
    mentee = _member(program, Role.MENTEE, "river@example.org", "River")
    shared = {"languages": ["en"], "formats": ["video"], "time_zone": "America/Chicago"}
    services.intake_save(
        membership=mentor,
        by=mentor.user,
        data={**shared, "focus_areas": ["substance_recovery", "wellness"], "capacity": 2},
    )
    services.intake_save(
        membership=other_mentor,
        by=other_mentor.user,
        data={**shared, "focus_areas": ["career"], "capacity": 2},
    )
    services.intake_save(
        membership=mentee,
        by=mentee.user,
        data={**shared, "focus_areas": ["substance_recovery", "wellness", "housing"]},
    )

    # The coordinator logs in with password and a one-time code, and opens the board.
    page.goto(f"{live_server.url}/")
    _log_in(page, "dana@example.org", totp_code(secret))
    expect(page.get_by_role("heading", name="Harbor Peer Mentoring")).to_be_visible()
    _program_nav(page).get_by_role("link", name="Matching").click()
    expect(page.get_by_role("heading", name="Matching board")).to_be_visible()
    expect(page.get_by_role("heading", name="1 mentee waiting for a mentor")).to_be_visible()
    expect(page.get_by_role("row", name="River")).to_be_visible()
    page.screenshot(path=str(artifacts / "matching-journey-board.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "matching-journey-board-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})

    # Suggestions for River: Morgan first, with the reasons in plain sentences.
    page.get_by_role("link", name="Suggestions for River").click()
    expect(page.get_by_role("heading", name="Suggested mentors for River")).to_be_visible()
    cards = page.locator("li.suggestion")
    expect(cards.first.get_by_role("heading", name="Morgan")).to_be_visible()
    morgan = cards.filter(has=page.get_by_role("heading", name="Morgan"))
    expect(
        morgan.get_by_text("2 shared focus areas: Recovery from substance use, Health and wellness")
    ).to_be_visible()
    expect(morgan.get_by_text("Both speak English")).to_be_visible()
    page.screenshot(path=str(artifacts / "matching-journey-suggestions.png"), full_page=True)
    morgan.get_by_role("button", name="Propose Morgan").click()

    expect(page.get_by_text("Proposed River with Morgan.")).to_be_visible()
    expect(page.get_by_role("heading", name="0 mentees waiting for a mentor")).to_be_visible()
    proposal_row = page.locator("section", has=page.get_by_role("heading", name="Open proposals"))
    expect(proposal_row.get_by_text("mentor has not answered")).to_be_visible()
    _log_out(page)

    # The mentor accepts on their pairings page.
    _log_in(page, "morgan@example.org")
    expect(page.get_by_text("River — please answer by")).to_be_visible()
    _program_nav(page).get_by_role("link", name="Pairings").click()
    proposal = page.locator("article.proposal")
    expect(proposal.get_by_role("heading", name="Proposed mentee: River")).to_be_visible()
    expect(proposal.get_by_text("2 shared focus areas")).to_be_visible()
    proposal.get_by_role("button", name="Accept").click()
    expect(
        page.get_by_text("You accepted. The pairing starts when the other person accepts too.")
    ).to_be_visible()
    _log_out(page)

    # The mentee sees the proposal on their home page and accepts.
    _log_in(page, "river@example.org")
    expect(page.get_by_text("Your coordinator proposes Morgan as your mentor.")).to_be_visible()
    page.get_by_role("link", name="Answer the proposal").click()
    page.locator("article.proposal").get_by_role("button", name="Accept").click()
    expect(page.get_by_text("You accepted. Your pairing has started.")).to_be_visible()
    assert Pairing.objects.get(mentee=mentee).status == Pairing.Status.ACTIVE

    _program_nav(page).get_by_role("link", name="Home").click()
    expect(page.get_by_text("Your mentor is Morgan.")).to_be_visible()
    page.screenshot(path=str(artifacts / "matching-journey-mentee-home.png"), full_page=True)
    _log_out(page)

    # The mentor's home lists River among their mentees.
    _log_in(page, "morgan@example.org")
    mentees = page.locator("section", has=page.get_by_role("heading", name="Your mentees"))
    expect(mentees.get_by_role("link", name="River")).to_be_visible()
    expect(mentees.get_by_text("You have no current mentees.")).to_have_count(0)
    page.screenshot(path=str(artifacts / "matching-journey-mentor-home.png"), full_page=True)
