"""Issue 4: a paired mentee works in their space: a goal with two milestones, one milestone
done, today's check-in and a habit logged with one tap; the streak, the 50% progress bar and the
mood chart show it. The home page fits a phone without sideways scrolling, and the daily steps
(habit tap and check-in) work with JavaScript turned off."""

import re
from datetime import timedelta

from playwright.sync_api import Browser, Page, expect

from accounts.models import Role
from matching import services as matching_services
from mentoring.models import CheckIn, HabitLog
from mentoring.services import local_today
from tests.factories import (
    MembershipFactory,
    ProgramFactory,
    UserFactory,
    pairing_activated_through_services,
)

PASSWORD = "journey-passphrase-2026"
# Chromium puts a space before the visually hidden ": <name>" part of the button name.
DONE_TODAY = re.compile(r"^Done today\s*: Morning walk$")


def _paired_mentee():
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = MembershipFactory(program=program, role=Role.COORDINATOR)
    mentor = MembershipFactory(
        program=program,
        role=Role.MENTOR,
        user=UserFactory(email="morgan@example.org", display_name="Morgan"),
    )
    mentee = MembershipFactory(
        program=program,
        role=Role.MENTEE,
        user=UserFactory(email="river@example.org", display_name="River", password=PASSWORD),
    )
    common = {"languages": ["en"], "formats": ["video"], "focus_areas": ["substance_recovery"]}
    matching_services.intake_save(membership=mentor, by=mentor.user, data={**common, "capacity": 2})
    matching_services.intake_save(membership=mentee, by=mentee.user, data=common)
    pairing_activated_through_services(mentee=mentee, mentor=mentor, coordinator=coordinator)
    return mentee


def _log_in(page: Page, live_server_url: str) -> None:
    page.set_default_timeout(10_000)
    page.goto(f"{live_server_url}/accounts/login/")
    page.get_by_label("Email").fill("river@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_text("Your mentor is Morgan.")).to_be_visible()


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Program").get_by_role("link", name=name).click()


def _add_habit(page: Page, name: str) -> None:
    _nav(page, "Habits")
    form = page.locator("section", has=page.get_by_role("heading", name="Add a habit"))
    form.get_by_label("Habit:", exact=True).fill(name)
    form.get_by_role("button", name="Add habit").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def test_mentee_goal_checkin_and_habit(page: Page, live_server, artifacts):
    mentee = _paired_mentee()
    today = local_today(mentee)
    _log_in(page, live_server.url)

    # A goal with two milestones.
    _nav(page, "Goals")
    page.get_by_role("link", name="New goal").click()
    page.get_by_label("Title").fill("Walk every morning")
    page.get_by_label("Category").select_option(index=1)
    page.get_by_label("Target date").fill((today + timedelta(days=30)).isoformat())
    page.get_by_role("textbox", name="Milestone 1").fill("Buy walking shoes")
    page.get_by_role("textbox", name="Milestone 2").fill("Walk 5 mornings in a row")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("Your goal is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Walk every morning", level=1)).to_be_visible()

    # One milestone done: half way.
    page.get_by_role("button", name=re.compile(r"^Mark done\s*: Buy walking shoes$")).click()
    undo = page.get_by_role("button", name=re.compile(r"^Undo\s*: Buy walking shoes$"))
    expect(undo).to_be_visible()
    expect(page.locator("#goal-work .goal-progress__value")).to_have_text("Progress: 50%")

    # A habit, created here, then logged from the home page with one tap.
    _add_habit(page, "Morning walk")
    _nav(page, "Home")
    tap = page.get_by_role("button", name=DONE_TODAY)
    expect(tap).to_have_attribute("aria-pressed", "false")
    tap.click()
    expect(page.get_by_role("button", name=DONE_TODAY)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".habit-today").get_by_text("1-day streak")).to_be_visible()

    # Today's check-in, with what helped.
    _nav(page, "Check-in")
    form = page.locator("form.checkin-form")
    form.get_by_label("4 — good").check()
    form.get_by_label("Craving").fill("2")
    form.get_by_label("What helped today").fill("A walk by the river and a call with Morgan.")
    form.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Thank you for checking in today.")).to_be_visible()
    mood_chart = page.locator("figure.chart-card", has_text="Mood").locator('svg[role="img"]')
    expect(mood_chart).to_be_visible()
    recent = page.locator("section", has=page.get_by_role("heading", name="Recent check-ins"))
    expect(recent.get_by_text("A walk by the river and a call with Morgan.")).to_be_visible()

    # The streak on the habits page.
    _nav(page, "Habits")
    habit = page.locator("article.habit", has=page.get_by_role("heading", name="Morning walk"))
    streak = habit.locator(".habit-stats div", has_text="Current streak")
    expect(streak.locator("dd")).to_have_text("1 day")

    # The home page: progress bar at 50%, check-in done, habit done.
    _nav(page, "Home")
    goals = page.locator("section", has=page.get_by_role("heading", name="My goals"))
    expect(goals.get_by_role("link", name="Walk every morning")).to_be_visible()
    bar = goals.get_by_role("progressbar", name="Progress: 50%")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("value", "50")
    checkin = page.locator("section.checkin-today")
    expect(checkin.get_by_text("Mood 4 of 5 · Craving 2 of 10")).to_be_visible()

    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=str(artifacts / "mentee-journey-home-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.get_by_text("Your mentor is Morgan.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "mentee-journey-home-phone.png"), full_page=True)

    assert CheckIn.objects.filter(membership=mentee, date=today, mood=4, craving=2).exists()
    assert HabitLog.objects.filter(habit__membership=mentee, date=today).count() == 1


def test_habit_tap_and_checkin_without_javascript(browser: Browser, live_server, artifacts):
    mentee = _paired_mentee()
    today = local_today(mentee)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        _log_in(page, live_server.url)
        _add_habit(page, "Morning walk")

        # One tap on the home page: a plain form post and a redirect back.
        _nav(page, "Home")
        page.get_by_role("button", name=DONE_TODAY).click()
        expect(page.get_by_text("Your mentor is Morgan.")).to_be_visible()
        expect(page.get_by_role("button", name=DONE_TODAY)).to_have_attribute(
            "aria-pressed", "true"
        )
        expect(page.locator(".habit-today").get_by_text("1-day streak")).to_be_visible()

        # The quick check-in on the home page.
        checkin = page.locator("section.checkin-today")
        checkin.get_by_label("3 — okay").check()
        checkin.get_by_label("Craving").fill("4")
        checkin.get_by_role("button", name="Check in").click()
        expect(page.get_by_text("Thank you for checking in today.")).to_be_visible()
        expect(
            page.locator("section.checkin-today").get_by_text("Mood 3 of 5 · Craving 4 of 10")
        ).to_be_visible()

        # The full check-in form also works: add what helped.
        _nav(page, "Check-in")
        form = page.locator("form.checkin-form")
        form.get_by_label("What helped today").fill("Calling my mentor.")
        form.get_by_role("button", name="Update my check-in").click()
        expect(page.get_by_text("Updated today's check-in.")).to_be_visible()
        expect(page.locator('figure.chart-card svg[role="img"]').first).to_be_visible()
        page.screenshot(path=str(artifacts / "mentee-journey-checkin-no-js.png"), full_page=True)

        # The habits page counts the day logged without JavaScript.
        _nav(page, "Habits")
        habit = page.locator("article.habit", has=page.get_by_role("heading", name="Morning walk"))
        streak = habit.locator(".habit-stats div", has_text="Current streak").locator("dd")
        expect(streak).to_have_text("1 day")
    finally:
        context.close()

    checkin_row = CheckIn.objects.get(membership=mentee, date=today)
    assert (checkin_row.mood, checkin_row.craving, checkin_row.helped) == (
        3,
        4,
        "Calling my mentor.",
    )
    assert HabitLog.objects.filter(habit__membership=mentee, date=today).count() == 1
