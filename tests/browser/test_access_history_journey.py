"""Issue 13: a mentor opens their mentee's page; the mentee then reads, in their access
history, that their mentor looked at their check-ins, in plain words and their own time zone;
the coordinator finds the same event in the program's audit trail, filtered to that mentee."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring import services as mentoring_services
from tests.factories import (
    MembershipFactory,
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


def _log_in(page: Page, live_server_url: str, email: str) -> None:
    page.goto(f"{live_server_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Harbor Peer Mentoring")).to_be_visible()


def _log_out(page: Page) -> None:
    page.locator("details.menu--account > summary").click()
    page.get_by_role("button", name="Log out").click()


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Program").get_by_role("link", name=name).click()


def test_the_mentee_sees_who_looked_and_the_coordinator_sees_the_trail(
    page: Page, live_server, totp_code
):
    page.set_default_timeout(10_000)
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = _member(program, Role.COORDINATOR, "dana@example.org", "Dana")
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    mentor = _member(program, Role.MENTOR, "ana@example.org", "Ana")
    mentee = _member(program, Role.MENTEE, "river@example.org", "River")
    mentee.user.profile.time_zone = "America/Los_Angeles"
    mentee.user.profile.save()
    PairingFactory(mentee=mentee, mentor=mentor)
    mentoring_services.checkin_record(membership=mentee, mood=4, craving=1, helped="a walk")

    _log_in(page, live_server.url, "ana@example.org")
    page.goto(f"{live_server.url}/p/harbor/mentor/mentees/{mentee.pk}/")
    expect(page.get_by_role("heading", name="River", exact=False).first).to_be_visible()
    _log_out(page)

    _log_in(page, live_server.url, "river@example.org")
    _nav(page, "Access history")
    expect(page.get_by_role("heading", name="Access history")).to_be_visible()
    expect(page.get_by_text("Your mentor Ana viewed your check-ins")).to_be_visible()
    expect(page.get_by_text("Times are shown in America/Los_Angeles.")).to_be_visible()
    expect(page.get_by_text("a walk")).to_have_count(0)
    _log_out(page)

    # The coordinator's trail, filtered to River: the mentor's view is there, without content.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    _nav(page, "Audit trail")
    expect(page.get_by_role("heading", name="Audit trail")).to_be_visible()
    page.get_by_label("Person").select_option(label="River (Mentee)")
    page.get_by_label("Action").select_option("view")
    page.get_by_role("button", name="Show").click()
    row = page.locator("tr[data-action=view]").filter(has_text="Mentor Ana")
    expect(row.filter(has_text="checkin")).to_have_count(1)
    expect(page.get_by_text("a walk")).to_have_count(0)
    # A range that ends before it starts is refused with words, not an error page.
    page.get_by_label("From").fill("2026-05-02")
    page.get_by_label("To").fill("2026-05-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("The end date must be on or after the start date.")).to_be_visible()
