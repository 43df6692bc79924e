"""Issue 14, phone-sized and calm: the mentor's page of one mentee puts what needs attention
first (here, a check-in asking them to reach out) within the first screen at 390 px and folds
the rest into sections that open with the keyboard; the contact log is short at 390 px and
saves with its defaults."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring import services
from mentoring.models import ActionItem, CheckIn, Encouragement, Meeting
from tests.factories import (
    MembershipFactory,
    ProgramFactory,
    UserFactory,
    local_slot,
    mentee_with_history,
)

PASSWORD = "journey-passphrase-2026"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 800}
FIRST_SCREEN = 700
PAGE_HEIGHT_BOUND = 2000


def _log_in(page: Page, origin: str, email: str) -> None:
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Get help now")).to_be_visible()


def _height(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def _demo_like_pair():
    """A mentor and a mentee with a month of shared history, like the demo's people: goals
    with milestones, habits, check-ins (the latest asking the mentor to reach out), meetings
    held and planned, action items and encouragements."""
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    mentor = MembershipFactory(
        program=program,
        role=Role.MENTOR,
        user=UserFactory(email="morgan@example.org", display_name="Morgan", password=PASSWORD),
    )
    mentee = mentee_with_history(
        program=program, days=30, email="river@example.org", mentor=mentor, goals=4
    )
    pairing = mentee.mentee_pairings.get()
    latest = CheckIn.objects.filter(membership=mentee, visibility="shared").order_by("-date")[0]
    CheckIn.objects.filter(pk=latest.pk).update(wants_outreach=True)
    now = timezone.now()
    for weeks in range(1, 5):
        meeting = Meeting.objects.create(
            pairing=pairing,
            status=Meeting.Status.HELD,
            starts_at=now - timedelta(weeks=weeks),
            logged_at=now - timedelta(weeks=weeks),
            agenda="Plan the week ahead and talk about the job search.",
        )
        ActionItem.objects.create(
            pairing=pairing,
            meeting=meeting,
            assignee=mentee,
            title=f"Call the housing office ({weeks})",
            due_date=(now - timedelta(days=3 * weeks)).date(),
        )
    upcoming, _ = services.meeting_propose(
        pairing=pairing, by=mentor.user, starts_at=local_slot(mentor, days=3)
    )
    Encouragement.objects.create(
        mentee=mentee, author=mentor.user, goal=mentee.goals.first(), text="Proud of you."
    )
    return program, mentor, mentee, pairing, upcoming


def test_mentee_page_at_390_puts_the_outreach_request_first(page: Page, live_server, artifacts):
    page.set_default_timeout(10_000)
    program, mentor, mentee, pairing, upcoming = _demo_like_pair()
    name = mentee.user.display_name
    page.set_viewport_size(PHONE)
    _log_in(page, live_server.url, "morgan@example.org")
    page.goto(f"{live_server.url}/p/harbor/mentor/mentees/{mentee.pk}/")
    request = page.locator(".outreach-request")
    expect(request.get_by_text(f"{name} asked you to reach out.")).to_be_visible()
    box = request.bounding_box()
    assert box["y"] + 40 < FIRST_SCREEN, box
    assert request.get_by_role("button", name="Mark as handled").bounding_box()["y"] < 900
    phone_height = _height(page)
    page.screenshot(path=str(artifacts / "mentor-mentee-page-390.png"), full_page=True)
    assert phone_height < PAGE_HEIGHT_BOUND, phone_height
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    print(f"mentor's mentee page at 390 px: {phone_height} px")

    # The sections open from the keyboard: Enter on one summary, Space on another.
    goals = page.locator("summary").filter(has=page.get_by_role("heading", name="Goals"))
    goal_title = page.get_by_role("heading", name="Goal 1", exact=True)
    expect(goal_title).to_be_hidden()
    goals.focus()
    page.keyboard.press("Enter")
    expect(goal_title).to_be_visible()
    checkins = page.locator("summary").filter(has=page.get_by_role("heading", name="Check-ins"))
    recent = page.get_by_role("heading", name="Recent check-ins")
    expect(recent).to_be_hidden()
    checkins.focus()
    page.keyboard.press("Space")
    expect(recent).to_be_visible()
    page.keyboard.press("Space")
    expect(recent).to_be_hidden()

    page.set_viewport_size(DESK)
    page.reload()
    desk_height = _height(page)
    page.screenshot(path=str(artifacts / "mentor-mentee-page-1280.png"), full_page=True)
    print(f"mentor's mentee page at 1280 px: {desk_height} px")
    assert desk_height < PAGE_HEIGHT_BOUND


def test_contact_log_at_390_is_short_and_saves_with_its_defaults(
    page: Page, live_server, artifacts
):
    page.set_default_timeout(10_000)
    program, mentor, mentee, pairing, upcoming = _demo_like_pair()
    Meeting.objects.filter(pk=upcoming.pk).update(
        starts_at=local_slot(mentor, days=-1), status=Meeting.Status.CONFIRMED
    )
    page.set_viewport_size(PHONE)
    _log_in(page, live_server.url, "morgan@example.org")
    heights = {}
    for name, path in [
        ("contact", f"/p/harbor/meetings/log/{pairing.pk}/"),
        ("meeting", f"/p/harbor/meetings/{upcoming.pk}/log/"),
    ]:
        for size in (DESK, PHONE):
            page.set_viewport_size(size)
            page.goto(f"{live_server.url}{path}")
            heights[name, size["width"]] = _height(page)
            page.screenshot(
                path=str(artifacts / f"contact-log-{name}-{size['width']}.png"), full_page=True
            )
    print("contact log heights:", heights)
    # Before issue 14 both were about 2,800 px tall at 390 px.
    assert heights["meeting", 390] < 1900 and heights["contact", 390] < 1900, heights

    # "More details" opens from the keyboard and holds the preselected type of contact.
    more = page.locator("summary").filter(has=page.get_by_role("heading", name="More details"))
    contact_type = page.get_by_label("Type of contact")
    expect(contact_type).to_be_hidden()
    more.focus()
    page.keyboard.press("Enter")
    expect(contact_type).to_be_visible()
    expect(contact_type).to_have_value("check_in")

    # Only the narrative is written; everything else keeps its default.
    page.get_by_label("Narrative").fill("Talked through the week and the job fair.")
    page.get_by_role("button", name="Save the log").click()
    expect(page.get_by_text("Meeting logged.")).to_be_visible()
    upcoming.refresh_from_db()
    assert upcoming.status == Meeting.Status.HELD
    assert upcoming.actual_start == upcoming.starts_at
    assert upcoming.contact_type == "check_in"
