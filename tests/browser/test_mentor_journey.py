"""Issue 5: a mentee asks for outreach in today's check-in; their mentor, who has two mentees,
sees that request first on the dashboard, proposes a meeting, the mentee confirms it and adds it
to their calendar (.ics), the mentor logs it as held with a next step for the mentee, and the
mentee sees the action item on their home page and checks it off."""

import re
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar
from playwright.sync_api import Page, expect

from accounts.models import Role
from matching import services as matching_services
from mentoring.models import ActionItem, CheckIn, Meeting
from mentoring.services import local_today
from tests.factories import (
    MembershipFactory,
    ProgramFactory,
    UserFactory,
    pairing_activated_through_services,
)

PASSWORD = "journey-passphrase-2026"
ZONE = ZoneInfo("America/New_York")  # everyone's profile time zone (the default)
ACTION_ITEM = "Call the housing office about the waiting list"
NARRATIVE = (
    "River shared what helped this week and chose to follow up on housing. "
    "We practised what to say on the call."
)


def _member(program, role, email, name):
    return MembershipFactory(
        program=program,
        role=role,
        user=UserFactory(email=email, display_name=name, password=PASSWORD),
    )


def _mentor_with_two_mentees():
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
    mentor = _member(program, Role.MENTOR, "morgan@example.org", "Morgan")
    alex = _member(program, Role.MENTEE, "alex@example.org", "Alex")
    river = _member(program, Role.MENTEE, "river@example.org", "River")
    common = {"languages": ["en"], "formats": ["video"], "focus_areas": ["substance_recovery"]}
    matching_services.intake_save(membership=mentor, by=mentor.user, data={**common, "capacity": 2})
    for mentee in (alex, river):
        matching_services.intake_save(membership=mentee, by=mentee.user, data=common)
    # Alex is paired first, so without a flag Alex's row would come first.
    pairing_activated_through_services(mentee=alex, mentor=mentor, coordinator=coordinator)
    pairing = pairing_activated_through_services(
        mentee=river, mentor=mentor, coordinator=coordinator
    )
    return mentor, alex, river, pairing


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


def test_outreach_meeting_log_and_action_item(page: Page, live_server, artifacts):
    page.set_default_timeout(10_000)
    mentor, alex, river, pairing = _mentor_with_two_mentees()
    today = local_today(river)

    # River checks in and asks their mentor to reach out.
    _log_in(page, live_server.url, "river@example.org")
    _nav(page, "Check-in")
    form = page.locator("form.checkin-form")
    form.get_by_label("2 — low").check()
    form.get_by_label("Craving").fill("6")
    form.get_by_label("I'd like my mentor to reach out").check()
    form.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Thank you for checking in today.")).to_be_visible()
    expect(page.get_by_text("Asked my mentor to reach out")).to_be_visible()
    _log_out(page)
    assert CheckIn.objects.get(membership=river, date=today).wants_outreach

    # Morgan's dashboard: River's request is on the first row, ahead of Alex (paired earlier).
    _log_in(page, live_server.url, "morgan@example.org")
    dashboard = page.locator("table.dashboard-table")
    rows = dashboard.locator("tbody tr")
    expect(rows).to_have_count(2)
    first = rows.first
    expect(first.get_by_role("rowheader")).to_contain_text("River")
    expect(first.locator(".flag--outreach")).to_contain_text("Asked you to reach out")
    expect(
        first.get_by_role("button", name=re.compile(r"^Mark as handled\s*— River$"))
    ).to_be_visible()
    expect(rows.nth(1).get_by_role("rowheader")).to_contain_text("Alex")
    expect(rows.nth(1).get_by_text("Asked you to reach out")).to_have_count(0)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(artifacts / "mentor-journey-dashboard.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    expect(first.locator(".flag--outreach")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "mentor-journey-dashboard-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Morgan proposes a video meeting with River for two days from now.
    meeting_day = today + timedelta(days=2)
    _nav(page, "Meetings")
    page.get_by_role("link", name="Propose a meeting").click()
    page.get_by_label("With").select_option(label="River")
    page.get_by_label("Date:", exact=True).fill(meeting_day.isoformat())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Duration").fill("45")
    page.get_by_role("group", name="Format").get_by_label("Video").check()
    page.get_by_label("Place or link").fill("https://meet.example.org/river-morgan")
    page.get_by_label("Agenda").fill("How the week went, and the housing call.")
    page.get_by_role("button", name="Propose this meeting").click()
    expect(
        page.get_by_text("Meeting proposed. River can confirm it or propose another time.")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Meeting with River")).to_be_visible()
    meeting = Meeting.objects.get(pairing=pairing)
    assert meeting.status == Meeting.Status.PROPOSED
    assert meeting.starts_at == datetime.combine(meeting_day, time(10, 0), tzinfo=ZONE)
    _log_out(page)

    # River confirms it on the meetings page, then takes the .ics from the meeting page.
    _log_in(page, live_server.url, "river@example.org")
    _nav(page, "Meetings")
    card = page.locator("li.meeting-card", has_text="with Morgan")
    expect(card.get_by_text("Morgan proposed this time. Your answer:")).to_be_visible()
    card.get_by_role("button", name=re.compile(r"^Confirm")).click()
    expect(
        page.get_by_text("Meeting confirmed. You can add it to your calendar with the .ics file.")
    ).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONFIRMED
    page.locator("li.meeting-card").first.get_by_role("heading").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Meeting with Morgan")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"peerpath-meeting-{meeting.pk}.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["uid"]) == meeting.uid
    assert str(event["status"]) == "CONFIRMED"
    assert event.decoded("dtstart") == meeting.starts_at
    attendees = event.get("attendee")
    assert isinstance(attendees, list) and len(attendees) == 2
    assert {str(a) for a in attendees} == {
        f"mailto:member-{river.pk}@peerpath.invalid",
        f"mailto:member-{mentor.pk}@peerpath.invalid",
    }
    _log_out(page)

    # Time passes: the confirmed meeting is now yesterday morning.
    yesterday = today - timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=datetime.combine(yesterday, time(10, 0), tzinfo=ZONE)
    )

    # Morgan logs it as held, with a next step for River.
    _log_in(page, live_server.url, "morgan@example.org")
    _nav(page, "Meetings")
    past = page.locator("section", has=page.get_by_role("heading", name="Past and cancelled"))
    past.get_by_role("link", name=re.compile(r"^Log this meeting")).click()
    expect(page.get_by_role("heading", name="Log the meeting with River")).to_be_visible()
    page.get_by_role("group", name="What happened").get_by_label("Held").check()
    page.get_by_label("Date:", exact=True).fill(yesterday.isoformat())
    page.get_by_label("Start time").fill("10:05")
    page.get_by_label("End time").fill("10:50")
    # Setting, type of contact and topics are folded under "More details".
    page.locator("summary").filter(has_text="More details").click()
    page.get_by_label("Setting").select_option(label="Video")
    page.get_by_label("Type of contact").select_option(label="Recovery support")
    page.get_by_label("Topics").fill("housing, what helped")
    page.get_by_label("Narrative").fill(NARRATIVE)
    step = page.get_by_role("group", name="Next step 1")
    step.get_by_label("Action item").fill(ACTION_ITEM)
    step.get_by_role("group", name="For").get_by_label("River").check()
    due = today + timedelta(days=7)
    step.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Save the log").click()
    expect(page.get_by_text("Meeting logged. 1 action item added.")).to_be_visible()
    log = page.locator("section", has=page.get_by_role("heading", name="Meeting log"))
    expect(log.get_by_text("Recovery support")).to_be_visible()
    expect(log.get_by_text(NARRATIVE)).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.actual_start == datetime.combine(yesterday, time(10, 5), tzinfo=ZONE)
    assert meeting.actual_end == datetime.combine(yesterday, time(10, 50), tzinfo=ZONE)
    assert (meeting.setting, meeting.contact_type) == ("video", "recovery_support")
    item = ActionItem.objects.get(meeting=meeting)
    assert (item.assignee_id, item.title, item.due_date) == (river.pk, ACTION_ITEM, due)
    _log_out(page)

    # River sees the next step on their home page and checks it off.
    _log_in(page, live_server.url, "river@example.org")
    steps = page.locator("#action-items")
    expect(steps.get_by_role("heading", name="My next steps")).to_be_visible()
    expect(steps.get_by_text(ACTION_ITEM, exact=True)).to_be_visible()
    expect(steps.get_by_role("link", name="From the meeting")).to_be_visible()
    page.screenshot(path=str(artifacts / "mentor-journey-mentee-home.png"), full_page=True)
    steps.get_by_role("button", name=re.compile(rf"^Mark as done\s*: {ACTION_ITEM}$")).click()
    expect(page.get_by_text(f"“{ACTION_ITEM}” is done. Well done.")).to_be_visible()
    expect(page.locator("#action-items").get_by_text(ACTION_ITEM, exact=True)).to_have_count(0)
    page.screenshot(path=str(artifacts / "mentor-journey-mentee-home-done.png"), full_page=True)
    item.refresh_from_db()
    assert item.done_at is not None
