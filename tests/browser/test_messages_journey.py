"""Issue 11 on a phone (390 px): a mentee writes to their mentor; the mentor sees the unread
badge and replies; the reply appears on the mentee's open page without a reload (htmx poll).
A mentee still waiting for a match writes to the coordinators and a coordinator answers; the
coordinator cannot open the pair's conversation."""

import re

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Page, expect

from accounts.models import Role
from messaging.models import Conversation, Message
from tests.factories import MembershipFactory, PairingFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"
PHONE = {"width": 390, "height": 844}


def _member(program, role, email, name):
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
    expect(page.get_by_role("link", name=f"Messages, {unread} unread")).to_be_visible()


def _phone_page(page: Page) -> Page:
    other = page.context.browser.new_page(viewport=PHONE)
    other.set_default_timeout(10_000)
    return other


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_mentee_and_mentor_write_and_the_reply_appears_without_reload(
    page: Page, live_server, settings, artifacts
):
    settings.MESSAGE_POLL_SECONDS = 1
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    river = _member(program, Role.MENTEE, "river@example.org", "River")
    morgan = _member(program, Role.MENTOR, "morgan@example.org", "Morgan")
    PairingFactory(mentee=river, mentor=morgan)
    page.set_default_timeout(10_000)
    page.set_viewport_size(PHONE)

    _log_in(page, live_server.url, "river@example.org")
    page.goto(f"{live_server.url}/p/harbor/")
    page.get_by_role("link", name="Message Morgan").click()
    expect(page.get_by_role("heading", name="Morgan", level=1)).to_be_visible()
    page.get_by_label("Your message").fill("Hi Morgan,\nthe meeting on Tuesday helped. Thank you!")
    page.get_by_role("button", name="Send").click()
    message_list = page.locator("#message-list")
    expect(message_list.get_by_text("the meeting on Tuesday helped")).to_be_visible()
    _fits_the_phone(page)
    page.screenshot(path=str(artifacts / "messages-mentee-sent-phone.png"), full_page=True)
    # A mark on this very document: a reload would lose it.
    page.evaluate("window.__notReloaded = true")

    mentor_page = _phone_page(page)
    _log_in(mentor_page, live_server.url, "morgan@example.org", unread=1)
    mentor_page.get_by_role("link", name="Messages, 1 unread").click()
    expect(mentor_page.get_by_role("heading", name="Messages", level=1)).to_be_visible()
    row = mentor_page.locator(".conversation-list__item", has_text="River")
    expect(row.get_by_text("1 unread")).to_be_visible()
    mentor_page.screenshot(path=str(artifacts / "messages-mentor-unread-phone.png"))
    row.get_by_role("link", name="River").click()
    expect(mentor_page.get_by_text("the meeting on Tuesday helped")).to_be_visible()
    expect(mentor_page.get_by_role("link", name="Messages, 0 unread")).to_be_visible()
    mentor_page.get_by_label("Your message").fill("So glad to hear it, River. Same time next week?")
    mentor_page.get_by_role("button", name="Send").click()
    expect(mentor_page.locator("#message-list").get_by_text("Same time next week?")).to_be_visible()
    mentor_page.close()

    # The mentee's page, open all along, shows the reply by itself.
    expect(message_list.get_by_text("So glad to hear it, River.")).to_be_visible()
    assert page.evaluate("window.__notReloaded") is True
    expect(message_list.locator("li")).to_have_count(2)
    _fits_the_phone(page)
    page.screenshot(path=str(artifacts / "messages-reply-appeared-phone.png"), full_page=True)
    assert Message.objects.count() == 2

    # A hidden tab stops asking; shown again, it asks at once.
    polls = []
    page.on("request", lambda request: polls.append(request.url) if "/new/" in request.url else 0)
    page.evaluate(
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true})"
    )
    page.wait_for_timeout(2500)
    assert polls == []
    with page.expect_request(re.compile(r"/new/\?after=\d+")):
        page.evaluate(
            "Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
            "document.dispatchEvent(new Event('visibilitychange'))"
        )


def test_waiting_mentee_asks_the_coordinators_who_cannot_open_the_pairs_conversation(
    page: Page, live_server, artifacts, totp_code
):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    _member(program, Role.MENTEE, "sky@example.org", "Sky")  # waiting: no pairing
    pair = PairingFactory(
        mentee=_member(program, Role.MENTEE, "river@example.org", "River"),
        mentor=_member(program, Role.MENTOR, "morgan@example.org", "Morgan"),
    )
    pair_conversation = Conversation.objects.create(
        program=program, kind=Conversation.Kind.PAIR, pairing=pair
    )
    Message.objects.create(
        conversation=pair_conversation, author=pair.mentee, body="Only for my mentor"
    )
    page.set_default_timeout(10_000)
    page.set_viewport_size(PHONE)

    _log_in(page, live_server.url, "sky@example.org")
    page.goto(f"{live_server.url}/p/harbor/")
    page.get_by_role("link", name="Ask the coordinators").click()
    expect(page.get_by_role("heading", name="Coordinators", level=1)).to_be_visible()
    page.get_by_label("Your message").fill("I'm still waiting for a mentor. Can someone call me?")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#message-list").get_by_text("Can someone call me?")).to_be_visible()
    _fits_the_phone(page)
    page.context.clear_cookies()

    _log_in(page, live_server.url, "dana@example.org", totp_code(secret), unread=1)
    page.get_by_role("link", name="Messages, 1 unread").click()
    page.locator(".conversation-list__item", has_text="Sky").get_by_role("link", name="Sky").click()
    expect(page.get_by_text("Can someone call me?")).to_be_visible()
    page.get_by_label("Your message").fill("Hi Sky, Dana here. I'll call you this afternoon.")
    page.get_by_role("button", name="Send").click()
    answer = page.locator("#message-list").get_by_text("I'll call you this afternoon.")
    expect(answer).to_be_visible()
    page.screenshot(path=str(artifacts / "messages-coordinator-answer-phone.png"), full_page=True)

    # The pair's conversation is theirs alone.
    response = page.goto(f"{live_server.url}/p/harbor/messages/{pair_conversation.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="We couldn't find that page")).to_be_visible()
    expect(page.get_by_text("Only for my mentor")).to_have_count(0)
    page.context.clear_cookies()

    _log_in(page, live_server.url, "sky@example.org", unread=1)
    page.get_by_role("link", name="Messages, 1 unread").click()
    page.get_by_role("link", name=re.compile("^Coordinators")).click()
    expect(page.get_by_text("I'll call you this afternoon.")).to_be_visible()
    expect(page.get_by_role("link", name="Messages, 0 unread")).to_be_visible()
