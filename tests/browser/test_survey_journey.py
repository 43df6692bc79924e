"""A coordinator defines a short survey from PeerPath's example (adding a question without
JavaScript's help), switches it on; a mentee answers it with the keyboard-usable form; the
coordinator sees the count on the outcomes page, never the answers with a name."""

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import Page, expect

from accounts.models import Role
from surveys.models import Questionnaire, Response
from tests.factories import IntakeFactory, MembershipFactory, ProgramFactory, UserFactory


def _log_in(page: Page, url: str, email: str, password: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_coordinator_defines_a_survey_and_a_mentee_answers_it(
    page: Page, live_server, artifacts, totp_code
):
    program = ProgramFactory(name="Harbor Peer Mentoring", slug="harbor")
    coordinator = MembershipFactory(
        program=program,
        role=Role.COORDINATOR,
        user=UserFactory(email="dana@example.org", display_name="Dana", password="coord-pass-1"),
    )
    secret = generate_totp_secret()
    TOTP.activate(coordinator.user, secret)
    mentee = MembershipFactory(
        program=program,
        user=UserFactory(email="river@example.org", display_name="River", password="river-pass-1"),
    )
    IntakeFactory(membership=mentee)

    _log_in(page, live_server.url, "dana@example.org", "coord-pass-1")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.goto(f"{live_server.url}/p/harbor/surveys/")
    page.get_by_role("button", name="Start from PeerPath's short example").click()
    expect(page.get_by_text("The example questionnaire is ready.")).to_be_visible()

    page.get_by_label("Once, when the person joins (after their intake)").check()
    page.get_by_role("button", name="Add more question rows").click()
    question_5 = page.get_by_role("group", name="Question 5")
    question_5.get_by_label("Question", exact=True).fill("How hopeful do you feel today?")
    question_5.get_by_label("Answered on").select_option("zero_to_ten")
    page.screenshot(path=artifacts / "survey-edit.png", full_page=True)
    page.get_by_role("button", name="Save questionnaire").click()
    expect(page.get_by_text("Questionnaire saved.")).to_be_visible()
    page.get_by_role("button", name="Switch on “How is the program going for you?”").click()
    expect(page.get_by_text("is on: people are asked when it is due")).to_be_visible()
    page.screenshot(path=artifacts / "survey-list.png", full_page=True)
    questionnaire = Questionnaire.objects.get(program=program)
    assert questionnaire.is_active and questionnaire.items.count() == 5

    # The mentee, in a browser of their own (the coordinator stays signed in).
    coordinator_page = page
    page = coordinator_page.context.browser.new_context().new_page()
    _log_in(page, live_server.url, "river@example.org", "river-pass-1")
    page.goto(f"{live_server.url}/p/harbor/surveys/{questionnaire.pk}/answer/?due=intake")
    expect(page.get_by_role("heading", name="How is the program going for you?")).to_be_visible()
    # Sending it half done explains what is missing and keeps what was chosen.
    page.get_by_role("group", name="1. I feel supported by my mentor.").get_by_label(
        "Strongly agree"
    ).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Please choose an answer.").first).to_be_visible()
    expect(
        page.get_by_role("group", name="1. I feel supported by my mentor.").get_by_label(
            "Strongly agree"
        )
    ).to_be_checked()
    for legend, label in [
        ("2. The program helps me work toward my goals.", "Agree"),
        ("3. I would recommend this program to someone else.", "Neither agree nor disagree"),
    ]:
        page.get_by_role("group", name=legend).get_by_label(label, exact=True).check()
    # The keyboard: focus the 0-10 group's first radio and move with the arrow keys.
    hope = page.get_by_role("group", name="5. How hopeful do you feel today?")
    hope.get_by_label("0", exact=True).focus()
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    expect(hope.get_by_label("7", exact=True)).to_be_checked()
    page.get_by_label("4. Is there anything you would like to tell the program team?").fill(
        "The Tuesday group helps."
    )
    page.screenshot(path=artifacts / "survey-answer.png", full_page=True)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are saved.")).to_be_visible()
    response = Response.objects.get()
    assert sorted(response.answers.exclude(value=None).values_list("value", flat=True)) == [
        3,
        4,
        5,
        7,
    ]
    page.context.close()

    page = coordinator_page
    page.goto(f"{live_server.url}/p/harbor/surveys/{questionnaire.pk}/outcomes/")
    expect(page.get_by_text("1 person answered")).to_be_visible()
    page.screenshot(path=artifacts / "survey-outcomes.png", full_page=True)
    expect(page.get_by_text("The Tuesday group helps.")).to_have_count(0)
    expect(page.get_by_text("River")).to_have_count(0)
