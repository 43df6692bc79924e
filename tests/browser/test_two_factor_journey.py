"""Issue 13: a new coordinator is asked to turn on two-factor authentication before the first
coordinator page opens; after they do, the page opens in the same session without asking for
a code again. A later password-only sign-in stops at the code step. No page on the way breaks
the Content Security Policy."""

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.factories import MembershipFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"


def _code(secret: str, offset: int = 0) -> str:
    counter = next(iter(yield_hotp_counters_from_time())) + offset
    return format_hotp_value(hotp_value(secret, counter))


def test_coordinator_turns_on_two_factor_then_signs_in_with_it(page: Page, live_server, csp_watch):
    page.set_default_timeout(10_000)
    origin = live_server.url
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    MembershipFactory(
        program=program,
        role=Role.COORDINATOR,
        user=UserFactory(email="dana@example.org", display_name="Dana", password=PASSWORD),
    )
    watch = csp_watch(page, origin)
    members = f"{origin}/p/harbor/members/"

    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()

    # The members page asks for two-factor first: password again, then the app's code.
    page.goto(members)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("main")).to_be_visible()
    watch.collect()

    # Same session: the page opens, no second code asked.
    page.goto(members)
    expect(page.get_by_role("heading", name="Members", exact=False).first).to_be_visible()
    assert page.url == members

    # A new sign-in with the password alone stops at the code step.
    page.context.clear_cookies()
    page.goto(f"{origin}/accounts/login/?next=/p/harbor/members/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_label("Code")).to_be_visible()
    # Until the code is entered no coordinator page opens: it leads back to the code step.
    page.goto(members)
    assert page.url != members
    expect(page.get_by_label("Code")).to_be_visible()
    watch.assert_clean()
