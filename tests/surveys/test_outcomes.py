"""The outcomes page against hand-computed numbers: change from first to latest total score
per person, across the program and by cohort (the month the person's first pairing started);
groups of fewer than 3 people hidden; end-of-pairing feedback only in aggregate and only
once 3 people answered; free text never shown; a fixed number of queries."""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.selectors import questionnaire_outcomes
from tests.factories import (
    AnswerFactory,
    ItemFactory,
    MembershipFactory,
    PairingFactory,
    QuestionnaireFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def at(month, day):
    return datetime(2026, month, day, 15, 0, tzinfo=UTC)


def outcomes_url(questionnaire):
    return reverse(
        "surveys:outcomes",
        kwargs={"program_slug": questionnaire.program.slug, "questionnaire_id": questionnaire.pk},
    )


@pytest.fixture
def questionnaire(program):
    questionnaire = QuestionnaireFactory(
        program=program, due="interval", every_days=30, title="Month check"
    )
    ItemFactory(questionnaire=questionnaire, position=1, subscale="support")
    ItemFactory(questionnaire=questionnaire, position=2, subscale="support", reverse_scored=True)
    ItemFactory(
        questionnaire=questionnaire, position=3, scale="zero_to_ten", min_value=0, max_value=10
    )
    ItemFactory(
        questionnaire=questionnaire,
        position=4,
        scale="free_text",
        min_value=None,
        max_value=None,
    )
    return questionnaire


def answered(questionnaire, membership, when, values, text=""):
    response = ResponseFactory(
        questionnaire=questionnaire,
        membership=membership,
        due_key=f"pairing:1:day:{when.timetuple().tm_yday}",
        submitted_at=when,
    )
    a, b, c, free = questionnaire.items.order_by("position")
    for item, value in zip((a, b, c), values, strict=True):
        AnswerFactory(response=response, item=item, value=value)
    if text:
        AnswerFactory(response=response, item=free, value=None, text=text)
    return response


def person(program, name, started):
    mentee = MembershipFactory(program=program, user=UserFactory(display_name=name))
    if started:
        PairingFactory(mentee=mentee, started=started)
    return mentee


@pytest.fixture
def answers(questionnaire, program):
    """Total = A + (6 - B) + C. Hand-computed first -> latest totals:
    Ana 7 -> 14, Ben 11 -> 16, Cal 2 -> 4 (January cohort); Dee 20 -> 2 -> 16 (March);
    Eve answered once (not counted in the change)."""
    ana, ben, cal = (
        person(program, name, at(1, 10 + i)) for i, name in enumerate(["Ana Q", "Ben Q", "Cal Q"])
    )
    dee, eve = person(program, "Dee Q", at(3, 5)), person(program, "Eve Q", None)
    answered(questionnaire, ana, at(4, 1), (2, 4, 3), text="Ana's private words")
    answered(questionnaire, ana, at(7, 1), (4, 2, 6))
    answered(questionnaire, ben, at(4, 2), (3, 3, 5))
    answered(questionnaire, ben, at(7, 2), (3, 1, 8))
    answered(questionnaire, cal, at(4, 3), (1, 5, 0))
    answered(questionnaire, cal, at(7, 3), (2, 5, 1))
    answered(questionnaire, dee, at(4, 4), (5, 1, 10))
    answered(questionnaire, dee, at(5, 4), (1, 5, 0))
    answered(questionnaire, dee, at(8, 4), (4, 2, 8))
    answered(questionnaire, eve, at(4, 5), (5, 5, 5))


def test_change_across_the_program_by_cohort_and_subscale(questionnaire, answers):
    outcomes = questionnaire_outcomes(questionnaire=questionnaire)
    assert (outcomes.respondents, outcomes.responses, outcomes.free_text_answers) == (5, 10, 1)
    overall = outcomes.overall
    assert overall.people == 4
    assert overall.mean_first == pytest.approx((7 + 11 + 2 + 20) / 4)  # 10.0
    assert overall.mean_latest == pytest.approx((14 + 16 + 4 + 16) / 4)  # 12.5
    assert overall.mean_change == pytest.approx((7 + 5 + 2 - 4) / 4)  # 2.5
    january, march = outcomes.cohorts
    assert (january.cohort.isoformat(), january.people) == ("2026-01-01", 3)
    assert january.mean_first == pytest.approx(20 / 3)
    assert january.mean_latest == pytest.approx(34 / 3)
    assert january.mean_change == pytest.approx(14 / 3)
    assert (march.cohort.isoformat(), march.people, march.shown) == ("2026-03-01", 1, False)
    assert march.mean_first is None  # not computed, so never shown
    [(name, support)] = outcomes.subscales
    # A + (6 - B): 4 -> 8, 6 -> 8, 2 -> 3, 10 -> 8
    assert (name, support.people) == ("support", 4)
    assert (support.mean_first, support.mean_latest, support.mean_change) == (5.5, 6.75, 1.25)


def test_the_page_shows_figures_never_names_or_free_text(
    login, coordinator, questionnaire, answers
):
    page = login(coordinator).get(outcomes_url(questionnaire)).content.decode()
    assert "10.0" in page and "12.5" in page and "+2.5" in page
    assert "Pairing started January 2026" in page and "+4.7" in page
    assert "Not enough answers to show" in page  # the March cohort of one
    for private in ("Ana Q", "Dee Q", "Eve Q", "private words", "@example.org"):
        assert private not in page
    assert "1 free-text answer was written" in page


@pytest.fixture
def feedback(program):
    questionnaire = QuestionnaireFactory(program=program, due="pairing_end", title="Goodbye")
    ItemFactory(questionnaire=questionnaire, position=1, text="My mentor listened.")
    ItemFactory(
        questionnaire=questionnaire,
        position=2,
        text="What would you change?",
        scale="free_text",
        min_value=None,
        max_value=None,
    )
    return questionnaire


def give_feedback(questionnaire, value, text):
    response = ResponseFactory(questionnaire=questionnaire, due_key="pairing:9:end")
    scored, free = questionnaire.items.order_by("position")
    AnswerFactory(response=response, item=scored, value=value)
    AnswerFactory(response=response, item=free, value=None, text=text)


def without_icons(html: str) -> str:
    """The page without its inline SVG icons (their path data holds numbers like "4.5")."""
    return re.sub(r"<svg\b.*?</svg>", "", html, flags=re.DOTALL)


def test_end_of_pairing_feedback_needs_three_people(login, coordinator, feedback):
    client = login(coordinator)
    give_feedback(feedback, 5, "More evening calls")
    give_feedback(feedback, 4, "Nothing at all")
    page = without_icons(client.get(outcomes_url(feedback)).content.decode())
    assert "Not enough answers to show." in page
    assert "My mentor listened." not in page and "4.5" not in page
    assert questionnaire_outcomes(questionnaire=feedback).feedback == []

    give_feedback(feedback, 3, "A quieter place")
    page = without_icons(client.get(outcomes_url(feedback)).content.decode())
    assert "Not enough answers to show." not in page
    assert "My mentor listened." in page and "4.0" in page
    for private in ("More evening calls", "Nothing at all", "A quieter place"):
        assert private not in page
    assert "3 free-text answers were written" in page


def test_the_outcomes_query_count_does_not_grow(login, coordinator, questionnaire, program):
    client = login(coordinator)

    def add(count):
        for i in range(count):
            mentee = person(program, f"Person {i}", at(1 + i % 6, 1))
            answered(questionnaire, mentee, at(7, 1), (1, 2, 3), text="words")
            answered(questionnaire, mentee, at(8, 1), (3, 2, 1))

    def measure():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(outcomes_url(questionnaire))
        assert page.status_code == 200
        return len(queries)

    add(3)
    small = measure()
    add(30)
    assert measure() == small
