"""Issue 13: the main pages of each role load under the Content Security Policy with no
violation (no inline style or script, htmx's swaps included: ticking a milestone), and the
browser asks nothing of any origin but PeerPath's own."""

import re

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.factories import (
    GoalFactory,
    HabitFactory,
    MembershipFactory,
    MilestoneFactory,
    PairingFactory,
    ProgramFactory,
    UserFactory,
)

PASSWORD = "journey-passphrase-2026"


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
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def _log_out(page: Page, origin: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{origin}/")


def test_main_pages_of_each_role_respect_the_policy(page: Page, live_server, totp_code, csp_watch):
    page.set_default_timeout(10_000)
    origin = live_server.url
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    mentor = _member(program, Role.MENTOR, "morgan@example.org", "Morgan")
    mentee = _member(program, Role.MENTEE, "river@example.org", "River")
    PairingFactory(mentee=mentee, mentor=mentor, days_ago=10)
    goal = GoalFactory(membership=mentee, title="Walk every morning")
    MilestoneFactory(goal=goal, title="Buy walking shoes")
    MilestoneFactory(goal=goal, title="Walk 5 mornings in a row")
    HabitFactory(membership=mentee, name="Morning walk")
    watch = csp_watch(page, origin)
    base = f"/p/{program.slug}"

    # The mentee: home, goals (a milestone ticked through htmx), check-in, journal, messages.
    _log_in(page, origin, "river@example.org")
    watch.collect()
    for path in ("/", f"{base}/"):
        watch.visit(path)
    # A habit tapped done on the home page (htmx).
    tap = page.get_by_role("button", name=re.compile(r"^Done today\s*: Morning walk$"))
    tap.click()
    expect(tap).to_have_attribute("aria-pressed", "true")
    watch.visit(f"{base}/goals/")
    watch.visit(f"{base}/goals/{goal.pk}/")
    page.get_by_role("button", name=re.compile(r"^Mark done\s*: Buy walking shoes$")).click()
    expect(
        page.get_by_role("button", name=re.compile(r"^Undo\s*: Buy walking shoes$"))
    ).to_be_visible()
    expect(page.locator("#goal-work .goal-progress__value")).to_have_text("Progress: 50%")
    watch.collect()
    watch.visit(f"{base}/check-in/")
    form = page.locator("form.checkin-form")
    form.get_by_label("4 — good").check()
    form.get_by_label("Craving").fill("2")
    form.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Thank you for checking in today.")).to_be_visible()
    watch.collect()
    for path in (f"{base}/journal/", f"{base}/habits/", f"{base}/recovery/", f"{base}/messages/"):
        watch.visit(path)
    _log_out(page, origin)

    # The mentor: home, dashboard, messages.
    _log_in(page, origin, "morgan@example.org")
    for path in (f"{base}/", f"{base}/mentor/", f"{base}/messages/"):
        watch.visit(path)
    _log_out(page, origin)

    # The coordinator, with the second step: home, matching board, members, messages.
    _log_in(page, origin, "dana@example.org", totp_code(secret))
    for path in (f"{base}/", f"{base}/matching/", f"{base}/members/", f"{base}/messages/"):
        watch.visit(path)
        expect(page.get_by_role("main")).to_be_visible()

    watch.assert_clean()
