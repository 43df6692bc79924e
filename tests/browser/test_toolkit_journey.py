"""The first hour: a paired mentee reads every note of encouragement they received from the
home page, then adds a strategy of their own to "My toolkit" (private by default), sees it
marked "Mine", and shares it with their mentor, who then finds it on their strategies page."""

import re

from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring import services as mentoring_services
from mentoring.models import PersonalStrategy, Visibility
from tests.factories import MembershipFactory, PairingFactory, ProgramFactory, UserFactory

PASSWORD = "toolkit-passphrase-2026"


def _log_in(page: Page, live_server_url: str, email: str) -> None:
    page.set_default_timeout(10_000)
    page.goto(f"{live_server_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_mentee_reads_encouragement_and_adds_a_strategy(page: Page, live_server, artifacts):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    mentor = MembershipFactory(
        program=program,
        role=Role.MENTOR,
        user=UserFactory(email="morgan@example.org", display_name="Morgan", password=PASSWORD),
    )
    mentee = MembershipFactory(
        program=program,
        role=Role.MENTEE,
        user=UserFactory(email="river@example.org", display_name="River", password=PASSWORD),
    )
    PairingFactory(mentee=mentee, mentor=mentor)
    for text in ("You showed up this week.", "Proud of the walk today."):
        mentoring_services.encouragement_add(mentor_user=mentor.user, mentee=mentee, text=text)

    _log_in(page, live_server.url, "river@example.org")
    expect(page.get_by_text("Proud of the walk today.")).to_be_visible()
    page.get_by_role("link", name="All encouragement (2)").click()
    expect(page.get_by_role("heading", name="All encouragement")).to_be_visible()
    expect(page.get_by_text("You showed up this week.")).to_be_visible()
    expect(page.get_by_text("From Morgan").first).to_be_visible()

    page.get_by_role("navigation", name="Program").get_by_role("link", name="My toolkit").click()
    page.get_by_role("link", name="Add my own strategy").click()
    page.get_by_label("Title").fill("Walk before I answer")
    page.get_by_label("Category").select_option("triggers")
    page.get_by_label("What I do").fill("Stand up, walk to the corner and back, then reply.")
    expect(page.get_by_label("Only me (private)")).to_be_checked()
    page.get_by_role("button", name="Save strategy").click()
    expect(page.get_by_text("Your strategy is in your toolkit.")).to_be_visible()
    mine = page.locator("section", has=page.get_by_role("heading", name="My own strategies"))
    expect(mine.get_by_role("heading", name="Walk before I answer")).to_be_visible()
    expect(mine.get_by_text("Mine", exact=True)).to_be_visible()
    expect(mine.get_by_text("Private", exact=True)).to_be_visible()
    page.screenshot(path=str(artifacts / "toolkit-journey-mine.png"), full_page=True)
    assert PersonalStrategy.objects.get().visibility == Visibility.PRIVATE

    # Share it with the mentor: an explicit choice on the edit form.
    mine.get_by_role("link", name=re.compile(r"^Edit\s*: Walk before I answer$")).click()
    page.get_by_label("Share with my mentor").check()
    page.get_by_role("button", name="Save strategy").click()
    expect(mine.get_by_text("Shared with my mentor", exact=True)).to_be_visible()

    page.context.clear_cookies()
    _log_in(page, live_server.url, "morgan@example.org")
    page.goto(f"{live_server.url}/p/harbor/strategies/")
    shared = page.locator("section", has=page.get_by_role("heading", name="Shared by my mentees"))
    expect(shared.get_by_role("heading", name="Walk before I answer")).to_be_visible()
    expect(shared.get_by_text("River's own")).to_be_visible()
