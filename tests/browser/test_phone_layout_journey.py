"""Issue 14, phone-sized and calm: at 390 px the header is one short row (brand, "Get help now",
the bells, a menu button that is a <details> and needs no JavaScript); at 1280 px the program's
links show inline without the button."""

import re

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.factories import MembershipFactory, PairingFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}


def _member(program, role, email, name):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name, password=PASSWORD),
    )


def _log_in(page: Page, origin: str, email: str, code: str | None = None) -> None:
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code is not None:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Get help now")).to_be_visible()


def _content_top(page: Page) -> float:
    return page.locator("main h1").first.bounding_box()["y"]


def _check_phone_header(page: Page, link_name: str, shot=None) -> None:
    page.set_viewport_size(PHONE)
    help_now = page.get_by_role("banner").get_by_role("link", name="Get help now")
    expect(help_now).to_be_visible()
    assert help_now.bounding_box()["y"] < 60
    program_nav = page.get_by_role("navigation", name="Program")
    expect(program_nav.get_by_role("link", name=link_name)).to_be_hidden()
    assert _content_top(page) < 120, _content_top(page)
    no_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_scroll
    # The menu button opens the links (a <details>: no JavaScript involved) over the page.
    menu = page.locator("summary.nav-menu__button")
    expect(menu).to_be_visible()
    menu.click()
    expect(program_nav.get_by_role("link", name=link_name)).to_be_visible()
    if shot is not None:
        page.screenshot(path=str(shot))
    assert _content_top(page) < 120
    program_nav.get_by_role("link", name=link_name).click()
    expect(page.locator("summary.nav-menu__button")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Get help now")).to_be_visible()


def _check_desk_header(page: Page, link_name: str) -> None:
    page.set_viewport_size(DESK)
    expect(page.locator("summary.nav-menu__button")).to_be_hidden()
    program_nav = page.get_by_role("navigation", name="Program")
    link = program_nav.get_by_role("link", name=link_name)
    expect(link).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("link", name="Get help now")).to_be_visible()
    # Inline: the program links sit on one line.
    home_box = program_nav.get_by_role("link", name="Home").bounding_box()
    assert abs(link.bounding_box()["y"] - home_box["y"]) < 4


def test_compact_header_for_a_mentee_and_a_coordinator(
    page: Page, live_server, artifacts, totp_code
):
    page.set_default_timeout(10_000)
    origin = live_server.url
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    mentor = _member(program, Role.MENTOR, "morgan@example.org", "Morgan")
    mentee = _member(program, Role.MENTEE, "river@example.org", "River")
    PairingFactory(mentee=mentee, mentor=mentor, days_ago=10)
    base = f"{origin}/p/{program.slug}/"

    page.set_viewport_size(PHONE)
    _log_in(page, origin, "river@example.org")
    page.goto(base)
    page.screenshot(path=str(artifacts / "mentee-home-390.png"), full_page=True)
    _check_phone_header(page, "Goals")
    expect(page).to_have_url(re.compile(r"/goals/$"))
    page.goto(base)
    _check_desk_header(page, "Goals")
    page.screenshot(path=str(artifacts / "mentee-home-1280.png"), full_page=True)
    page.context.clear_cookies()

    page.set_viewport_size(PHONE)
    _log_in(page, origin, "dana@example.org", totp_code(secret))
    page.goto(base)
    page.screenshot(path=str(artifacts / "coordinator-home-390.png"), full_page=True)
    _check_phone_header(page, "Members", artifacts / "coordinator-menu-open-390.png")
    expect(page).to_have_url(re.compile(r"/members/$"))
    page.goto(base)
    _check_desk_header(page, "Members")
    page.screenshot(path=str(artifacts / "coordinator-home-1280.png"), full_page=True)


def test_menu_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    program = ProgramFactory(slug="harbor")
    _member(program, Role.MENTEE, "river@example.org", "River")
    _log_in(page, live_server.url, "river@example.org")
    page.goto(f"{live_server.url}/p/harbor/")
    program_nav = page.get_by_role("navigation", name="Program")
    expect(program_nav.get_by_role("link", name="Journal")).to_be_hidden()
    page.locator("summary.nav-menu__button").click()
    expect(program_nav.get_by_role("link", name="Journal")).to_be_visible()
    context.close()


def test_radio_buttons_and_checkboxes_are_touch_sized(page: Page, live_server, artifacts):
    page.set_default_timeout(10_000)
    program = ProgramFactory(slug="harbor")
    _member(program, Role.MENTEE, "river@example.org", "River")
    page.set_viewport_size(PHONE)
    _log_in(page, live_server.url, "river@example.org")
    page.goto(f"{live_server.url}/p/harbor/check-in/")
    page.screenshot(path=str(artifacts / "checkin-form-390.png"), full_page=True)
    boxes = page.locator("main input[type=radio], main input[type=checkbox]")
    assert boxes.count() >= 5
    for index in range(boxes.count()):
        box = boxes.nth(index).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
        # The label is a tap target too: tapping it picks the choice.
    label = page.get_by_text("3 — okay", exact=True).first
    assert label.bounding_box()["height"] >= 44
    label.click()
    expect(page.get_by_label("3 — okay").first).to_be_checked()


def test_mentee_confirms_a_proposed_meeting_on_the_home(page: Page, live_server, artifacts):
    from mentoring import services
    from mentoring.models import Meeting
    from tests.factories import local_slot

    page.set_default_timeout(10_000)
    program = ProgramFactory(slug="harbor")
    mentee = _member(program, Role.MENTEE, "river@example.org", "River")
    mentor = _member(program, Role.MENTOR, "morgan@example.org", "Morgan")
    pairing = PairingFactory(mentee=mentee, mentor=mentor, days_ago=10)
    meeting, _ = services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=local_slot(mentor, days=3)
    )
    page.set_viewport_size(PHONE)
    _log_in(page, live_server.url, "river@example.org")
    page.goto(f"{live_server.url}/p/harbor/")
    meetings = page.get_by_role("region", name="Upcoming meetings")
    expect(meetings.get_by_text("Waiting for your answer")).to_be_visible()
    # An unread count on the bell doesn't push the menu button to a second row.
    expect(page.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    assert page.locator("main h1").bounding_box()["y"] < 120
    page.screenshot(path=str(artifacts / "mentee-home-meeting-390.png"), full_page=True)
    meetings.get_by_role("button", name=re.compile(r"^Confirm")).click()
    expect(page.get_by_text("Meeting confirmed.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/p/harbor/$"))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED
