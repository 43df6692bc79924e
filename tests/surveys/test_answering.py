"""A member answers a survey due to them: an accessible form (a fieldset and legend per
question, labelled radio buttons), every scored question answered, free text within 2,000
characters, once per occasion. Anything not due to them is 404."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Answer, Response
from surveys.selectors import surveys_due_for
from tests.factories import ItemFactory, PairingFactory, QuestionnaireFactory

pytestmark = pytest.mark.django_db

N = 30


@pytest.fixture
def survey(program):
    questionnaire = QuestionnaireFactory(
        program=program, due="interval", every_days=N, audience="both", title="Month check"
    )
    ItemFactory(questionnaire=questionnaire, position=1, text="I feel supported.")
    ItemFactory(
        questionnaire=questionnaire,
        position=2,
        text="Hope",
        scale="zero_to_ten",
        min_value=0,
        max_value=10,
    )
    ItemFactory(
        questionnaire=questionnaire,
        position=3,
        text="Anything else?",
        scale="free_text",
        min_value=None,
        max_value=None,
    )
    return questionnaire


@pytest.fixture
def month_pairing(mentee, mentor):
    return PairingFactory(mentee=mentee, mentor=mentor, days_ago=N)


def answer_url(program, questionnaire, due_key):
    path = reverse(
        "surveys:answer",
        kwargs={"program_slug": program.slug, "questionnaire_id": questionnaire.pk},
    )
    return f"{path}?due={due_key}"


def form_token(page) -> str:
    return re.search(r'name="form_token" value="(\w+)"', page.content.decode()).group(1)


def items(questionnaire):
    return list(questionnaire.items.order_by("position"))


def test_a_mentee_answers_once(login, mentee, program, survey, month_pairing):
    client = login(mentee)
    key = f"pairing:{month_pairing.pk}:day:{N}"
    page = client.get(answer_url(program, survey, key))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<fieldset") == 2 and html.count("<legend>") == 2
    assert "Strongly agree" in html and "About your pairing with Marcus, day 30." in html
    first, second, third = items(survey)
    data = {
        "due": key,
        "form_token": form_token(page),
        f"item_{first.pk}": "4",
        f"item_{second.pk}": "7",
        f"item_{third.pk}": "Thanks for the calls.",
    }
    response = client.post(answer_url(program, survey, key), data)
    assert response.status_code == 302
    response = client.post(answer_url(program, survey, key), data)  # a double click
    assert response.status_code == 302
    assert Response.objects.count() == 1
    saved = Response.objects.get()
    assert (saved.membership, saved.role, saved.pairing, saved.due_key) == (
        mentee,
        "mentee",
        month_pairing,
        key,
    )
    assert list(Answer.objects.order_by("item__position").values_list("value", "text")) == [
        (4, ""),
        (7, ""),
        (None, "Thanks for the calls."),
    ]
    # Not due any more: a new visit is told so instead of a second form.
    follow = client.get(answer_url(program, survey, key), follow=True)
    assert "already answered" in follow.content.decode()


def test_a_second_tab_with_another_key_still_gives_one_response(
    login, mentee, program, survey, month_pairing
):
    client = login(mentee)
    key = f"pairing:{month_pairing.pk}:day:{N}"
    tokens = [form_token(client.get(answer_url(program, survey, key))) for _ in range(2)]
    first, second, _third = items(survey)
    for token in tokens:
        data = {"due": key, "form_token": token, f"item_{first.pk}": "2", f"item_{second.pk}": "0"}
        assert client.post(answer_url(program, survey, key), data).status_code == 302
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"first": "", "second": "5"}, "Please choose an answer."),
        ({"first": "6", "second": "5"}, "Select a valid choice"),
        ({"first": "3", "second": "eleven"}, "Select a valid choice"),
        ({"first": "3", "second": "5", "third": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_saved(
    login, mentee, program, survey, month_pairing, answers, message
):
    client = login(mentee)
    key = f"pairing:{month_pairing.pk}:day:{N}"
    page = client.get(answer_url(program, survey, key))
    by_name = dict(zip(["first", "second", "third"], items(survey), strict=True))
    data = {"due": key, "form_token": form_token(page)}
    data |= {f"item_{by_name[name].pk}": value for name, value in answers.items()}
    response = client.post(answer_url(program, survey, key), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_what_is_not_due_to_the_member_is_404(
    login, mentee, other_mentee, other_mentor, program, other_program, survey, month_pairing
):
    client = login(mentee)
    others = PairingFactory(mentee=other_mentee, mentor=other_mentor, days_ago=N)
    theirs = QuestionnaireFactory(program=other_program, due="intake", audience="both")
    off = QuestionnaireFactory(program=program, due="intake", is_active=False)
    for questionnaire, key in [
        (survey, f"pairing:{others.pk}:day:{N}"),  # someone else's pairing
        (survey, f"pairing:{month_pairing.pk}:day:{2 * N}"),  # not yet
        (survey, "intake"),  # another occasion
        (survey, ""),
        (theirs, "intake"),  # another program's questionnaire
        (off, "intake"),  # switched off
    ]:
        assert client.get(answer_url(program, questionnaire, key)).status_code == 404
        assert client.post(answer_url(program, questionnaire, key), {"due": key}).status_code == 404
    assert not Response.objects.exists()


def test_coordinators_do_not_answer(login, coordinator, program, survey, month_pairing):
    client = login(coordinator)
    key = f"pairing:{month_pairing.pk}:day:{N}"
    assert client.get(answer_url(program, survey, key)).status_code == 403


def test_the_due_list_include_links_to_the_form(mentee, program, survey, month_pairing):
    html = render_to_string(
        "surveys/_due.html", {"due_surveys": surveys_due_for(mentee), "program": program}
    )
    key = f"pairing:{month_pairing.pk}:day:{N}"
    assert f'href="{answer_url(program, survey, key).replace(":", "%3A")}"' in html
    assert "Month check" in html and "your pairing with Marcus, day 30" in html
    assert (
        render_to_string("surveys/_due.html", {"due_surveys": [], "program": program}).strip() == ""
    )


def test_the_answer_page_query_count_does_not_grow(login, mentee, program, survey, month_pairing):
    client = login(mentee)
    key = f"pairing:{month_pairing.pk}:day:{N}"

    def measure():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(answer_url(program, survey, key))
        assert page.status_code == 200
        return len(queries), page.content.decode().count("<fieldset")

    small, groups = measure()
    assert groups == 2
    for position in range(4, 24):
        ItemFactory(questionnaire=survey, position=position)
        QuestionnaireFactory(program=program, due="intake", audience="both")
    large, groups = measure()
    assert groups == 22
    assert small == large
