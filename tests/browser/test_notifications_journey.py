"""Issue 10: on a phone (390 px), a mentee sets the time and days of their check-in reminder
with the keyboard; the reminder is produced and emailed; the bell shows it unread and the
list shows it; the email's unsubscribe link, opened in the browser, turns that kind's email
off, and the settings page says so. A mentee still waiting for a mentor asks for someone to
reach out in a hard-day check-in: it reaches the coordinator's bell."""

import re
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring.services import checkin_reminders_send
from notifications.models import CheckinReminder, Delivery
from tests.factories import MembershipFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"


def _mentee(coordinator_email="dana@example.org"):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    MembershipFactory(
        program=program,
        role=Role.COORDINATOR,
        user=UserFactory(email=coordinator_email, display_name="Dana", password=PASSWORD),
    )
    return MembershipFactory(
        program=program,
        role=Role.MENTEE,
        user=UserFactory(email="river@example.org", display_name="River", password=PASSWORD),
    )


def _log_in(
    page: Page, live_server_url: str, email="river@example.org", code=None, unread=0
) -> None:
    page.goto(f"{live_server_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if code is not None:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name=f"Notifications, {unread} unread")).to_be_visible()


def test_mentee_sets_a_reminder_gets_it_and_unsubscribes(
    page: Page, live_server, mailoutbox, artifacts
):
    mentee = _mentee()
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 390, "height": 844})
    _log_in(page, live_server.url)

    page.goto(f"{live_server.url}/notifications/settings/")
    expect(page.get_by_role("heading", name="Notification settings")).to_be_visible()
    page.get_by_label(re.compile(r"^Time:?$")).fill("07:30")
    # Every day is on by default: the keyboard turns off the weekend (Space toggles).
    for day in ("Saturday", "Sunday"):
        box = page.get_by_label(day, exact=True)
        box.focus()
        page.keyboard.press("Space")
        expect(box).not_to_be_checked()
    save = page.get_by_role("button", name="Save settings")
    save.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "notifications-settings-phone.png"), full_page=True)
    reminder = CheckinReminder.objects.get(membership=mentee)
    assert (reminder.enabled, reminder.local_time, reminder.days) == (
        True,
        time(7, 30),
        [0, 1, 2, 3, 4],
    )

    # The sweep runs for the minute of next Monday 07:30 in the mentee's time zone (beat runs
    # it every minute; the task runs eagerly here).
    zone = ZoneInfo(mentee.user.profile.time_zone)
    today = timezone.now().astimezone(zone).date()
    monday = today + timedelta(days=7 - today.weekday())
    saturday = datetime.combine(monday - timedelta(days=2), time(7, 30), tzinfo=zone)
    assert (
        checkin_reminders_send(window_start=saturday, window_end=saturday + timedelta(minutes=1))
        == 0
    )
    due = datetime.combine(monday, time(7, 30), tzinfo=zone)
    assert checkin_reminders_send(window_start=due, window_end=due + timedelta(minutes=1)) == 1
    notification = mentee.user.notifications.get()
    assert notification.kind == "checkin_reminder"
    assert notification.deliveries.get().status == Delivery.Status.SENT
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["river@example.org"]

    page.goto(f"{live_server.url}/notifications/settings/")
    bell = page.get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.get_by_text(f"Unread: {notification.title}")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(notification.title))).to_be_visible()
    page.screenshot(path=str(artifacts / "notifications-list-phone.png"), full_page=True)

    # The one-click link works without signing in: open it in a fresh, signed-out page.
    unsubscribe_url = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.split("/notifications/")[1] in email.body
    path = urlsplit(unsubscribe_url).path
    signed_out = page.context.browser.new_page(viewport={"width": 390, "height": 844})
    signed_out.goto(f"{live_server.url}{path}")
    signed_out.get_by_role("button", name="Stop these emails").click()
    expect(signed_out.get_by_role("heading", name="Emails stopped")).to_be_visible()
    signed_out.screenshot(path=str(artifacts / "notifications-unsubscribed-phone.png"))
    signed_out.close()

    page.goto(f"{live_server.url}/notifications/settings/")
    channel = page.get_by_label(re.compile(r"^Check-in reminders:?$"))
    expect(channel).to_have_value("in_app")
    expect(channel.locator("option:checked")).to_have_text("In PeerPath only")


def test_a_waiting_mentees_reach_out_request_reaches_the_coordinators_bell(
    page: Page, live_server, artifacts, totp_code
):
    mentee = _mentee()
    coordinator = mentee.program.memberships.get(role=Role.COORDINATOR)
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 390, "height": 844})

    _log_in(page, live_server.url)
    page.goto(f"{live_server.url}/p/harbor/check-in/")
    form = page.locator("form.checkin-form")
    form.get_by_label("1 — very low").check()
    form.get_by_label("Craving").fill("8")
    form.get_by_label("I'd like my mentor to reach out").check()
    form.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Asked my mentor to reach out")).to_be_visible()
    page.context.clear_cookies()

    _log_in(page, live_server.url, "dana@example.org", totp_code(secret), unread=1)
    page.get_by_role("link", name="Notifications, 1 unread").click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    page.screenshot(path=str(artifacts / "notifications-coordinator-outreach-phone.png"))
    notification = coordinator.user.notifications.get()
    assert notification.kind == "outreach_unassigned"
    expect(page.get_by_text(f"Unread: {notification.title}")).to_be_visible()
    # Opening it leads to the waiting mentee's mentor suggestions, where a match is made.
    page.get_by_role("link", name=re.compile(r"^Open")).first.click()
    expect(page).to_have_url(re.compile(re.escape(notification.url) + "$"))
    assert notification.url == reverse(
        "matching_coord:suggestions", kwargs={"program_slug": "harbor", "mentee_id": mentee.pk}
    )
