"""Issue 10: on a phone (390 px), a mentee sets the time and days of their check-in reminder
with the keyboard; the reminder is produced and emailed; the bell shows it unread and the
list shows it; the email's unsubscribe link, opened in the browser, turns that kind's email
off, and the settings page says so."""

import re
from datetime import time
from urllib.parse import urlsplit

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from notifications.models import CheckinReminder, Delivery
from notifications.services import notification_send
from tests.factories import MembershipFactory, ProgramFactory, UserFactory

PASSWORD = "journey-passphrase-2026"


def _mentee():
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    MembershipFactory(program=program, role=Role.COORDINATOR)
    return MembershipFactory(
        program=program,
        role=Role.MENTEE,
        user=UserFactory(email="river@example.org", display_name="River", password=PASSWORD),
    )


def _log_in(page: Page, live_server_url: str) -> None:
    page.goto(f"{live_server_url}/accounts/login/")
    page.get_by_label("Email").fill("river@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()


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

    # What the check-in sweep does when the reminder falls due (the task runs eagerly here).
    notification = notification_send(
        recipient=mentee.user,
        kind="checkin_reminder",
        key=f"checkin_reminder:{mentee.pk}:{timezone.localdate().isoformat()}",
        url="/p/harbor/check-in/",
        program=mentee.program,
    )
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
