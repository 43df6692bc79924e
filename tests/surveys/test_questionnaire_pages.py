"""Coordinators define questionnaires in PeerPath: list, create and edit with items (a
formset that works without JavaScript), switch on and off, start from the example. Bad input
gives a clear message and saves nothing; mentors and mentees get 403, other programs 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Item, Questionnaire
from tests.factories import ItemFactory, QuestionnaireFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def url(name, program, **kwargs):
    return reverse(f"surveys:{name}", kwargs={"program_slug": program.slug, **kwargs})


def post_data(items, **fields):
    data = {
        "title": "Three months in",
        "intro": "A few questions.",
        "due": "interval",
        "every_days": "90",
        "audience": "both",
        "item-TOTAL_FORMS": str(len(items)),
        "item-INITIAL_FORMS": "0",
        "item-MIN_NUM_FORMS": "0",
        "item-MAX_NUM_FORMS": "60",
        **fields,
    }
    for i, item in enumerate(items):
        for key, value in item.items():
            data[f"item-{i}-{key}"] = value
    return data


GOOD_ITEMS = [
    {"text": "I feel supported.", "scale": "agree5", "subscale": "support"},
    {"text": "I feel alone.", "scale": "agree5", "reverse_scored": "on", "subscale": "support"},
    {"text": "Energy", "scale": "custom", "min_value": "1", "max_value": "7"},
    {"text": "", "scale": "agree5"},  # an empty row is skipped
    {"text": "Anything else?", "scale": "free_text"},
]


def test_a_coordinator_creates_a_questionnaire_with_items(login, coordinator, program):
    client = login(coordinator)
    page = client.get(url("new", program))
    assert page.status_code == 200
    assert b'name="item-0-text"' in page.content
    response = client.post(url("new", program), post_data(GOOD_ITEMS))
    assert response.status_code == 302
    questionnaire = Questionnaire.objects.get(program=program)
    assert (questionnaire.title, questionnaire.due, questionnaire.every_days) == (
        "Three months in",
        "interval",
        90,
    )
    assert not questionnaire.is_active
    assert questionnaire.created_by == coordinator.user
    items = list(questionnaire.items.order_by("position"))
    assert [(i.position, i.text, i.scale, i.min_value, i.max_value) for i in items] == [
        (1, "I feel supported.", "agree5", 1, 5),
        (2, "I feel alone.", "agree5", 1, 5),
        (3, "Energy", "custom", 1, 7),
        (4, "Anything else?", "free_text", None, None),
    ]
    assert [i.reverse_scored for i in items] == [False, True, False, False]
    listing = client.get(url("index", program)).content.decode()
    assert "Three months in" in listing and "4 questions" in listing


@pytest.mark.parametrize(
    "items, fields, message",
    [
        ([], {}, "Add at least one question."),
        ([{"text": "", "scale": "agree5", "subscale": "x"}], {}, "Write the question"),
        (
            [{"text": "Energy", "scale": "custom", "min_value": "7", "max_value": "7"}],
            {},
            "The lowest number must be smaller than the highest.",
        ),
        (
            [{"text": "Energy", "scale": "custom", "min_value": "9", "max_value": "2"}],
            {},
            "The lowest number must be smaller than the highest.",
        ),
        (
            [{"text": "Energy", "scale": "custom", "min_value": "0", "max_value": "50"}],
            {},
            "at most 11 points",
        ),
        (
            [{"text": "Say more", "scale": "free_text", "reverse_scored": "on"}],
            {},
            "cannot be reverse-scored",
        ),
        (GOOD_ITEMS, {"every_days": ""}, "Give the number of days"),
        (GOOD_ITEMS, {"every_days": "3"}, "greater than or equal to 7"),
        (GOOD_ITEMS, {"title": ""}, "This field is required"),
        (GOOD_ITEMS, {"due": "whenever"}, "Select a valid choice"),
        ([{"text": "x" * 501, "scale": "agree5"}], {}, "at most 500 characters"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    login, coordinator, program, items, fields, message
):
    client = login(coordinator)
    response = client.post(url("new", program), post_data(items, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert not Questionnaire.objects.exists() and not Item.objects.exists()


def test_a_forged_management_form_is_a_form_error_not_a_500(login, coordinator, program):
    client = login(coordinator)
    data = post_data(GOOD_ITEMS)
    del data["item-TOTAL_FORMS"]
    response = client.post(url("new", program), data)
    assert response.status_code == 200
    assert not Questionnaire.objects.exists()


def test_more_rows_are_added_without_javascript_and_nothing_is_saved(login, coordinator, program):
    client = login(coordinator)
    response = client.post(url("new", program), post_data(GOOD_ITEMS[:2], add_rows="1"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="item-4-text"' in page  # two rows sent, three more
    assert "I feel alone." in page and "Three months in" in page
    assert "This field is required" not in page
    assert not Questionnaire.objects.exists()


def test_editing_replaces_items_until_someone_answers(login, coordinator, program):
    client = login(coordinator)
    questionnaire = QuestionnaireFactory(program=program, is_active=False)
    ItemFactory(questionnaire=questionnaire, position=1, text="Old question")
    page = client.get(url("edit", program, questionnaire_id=questionnaire.pk))
    assert "Old question" in page.content.decode()
    data = post_data([{"text": "New question", "scale": "zero_to_ten"}], due="intake")
    assert (
        client.post(url("edit", program, questionnaire_id=questionnaire.pk), data).status_code
        == 302
    )
    assert list(questionnaire.items.values_list("text", "min_value", "max_value")) == [
        ("New question", 0, 10)
    ]
    questionnaire.refresh_from_db()
    assert (questionnaire.due, questionnaire.every_days) == ("intake", None)

    ResponseFactory(questionnaire=questionnaire)
    page = client.get(url("edit", program, questionnaire_id=questionnaire.pk)).content.decode()
    assert "can no longer change" in page and 'name="item-0-text"' not in page
    # The title can still change; the questions stay as they were, whatever is sent.
    data = post_data([{"text": "Sneaky", "scale": "agree5"}], title="Renamed", due="intake")
    assert (
        client.post(url("edit", program, questionnaire_id=questionnaire.pk), data).status_code
        == 302
    )
    questionnaire.refresh_from_db()
    assert questionnaire.title == "Renamed"
    assert list(questionnaire.items.values_list("text", flat=True)) == ["New question"]


def test_switching_on_and_off(login, coordinator, program):
    client = login(coordinator)
    questionnaire = QuestionnaireFactory(program=program, is_active=False)
    switch = url("set_active", program, questionnaire_id=questionnaire.pk)
    assert client.get(switch).status_code == 405
    assert client.post(switch, {"active": "1"}).status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.is_active
    client.post(switch, {"active": "0"})
    questionnaire.refresh_from_db()
    assert not questionnaire.is_active


def test_starting_from_the_example(login, coordinator, program):
    client = login(coordinator)
    response = client.post(url("example", program))
    questionnaire = Questionnaire.objects.get(program=program)
    assert response.url == url("edit", program, questionnaire_id=questionnaire.pk)
    assert questionnaire.title == "How is the program going for you?"
    assert questionnaire.items.count() == 4


@pytest.mark.parametrize("who", ["mentor", "mentee"])
def test_mentors_and_mentees_get_403_on_every_coordinator_page(request, login, program, who):
    client = login(request.getfixturevalue(who))
    questionnaire = QuestionnaireFactory(program=program)
    pk = {"questionnaire_id": questionnaire.pk}
    for name, kwargs, method in [
        ("index", {}, "get"),
        ("new", {}, "get"),
        ("new", {}, "post"),
        ("example", {}, "post"),
        ("export", {}, "get"),
        ("edit", pk, "get"),
        ("edit", pk, "post"),
        ("set_active", pk, "post"),
        ("outcomes", pk, "get"),
    ]:
        response = getattr(client, method)(url(name, program, **kwargs), post_data(GOOD_ITEMS))
        assert response.status_code == 403, (name, method)
    assert Questionnaire.objects.count() == 1


def test_another_programs_questionnaire_is_404(login, coordinator, program, other_program):
    client = login(coordinator)
    theirs = QuestionnaireFactory(program=other_program, is_active=True, title="Theirs")
    pk = {"questionnaire_id": theirs.pk}
    for name, method in [
        ("edit", "get"),
        ("edit", "post"),
        ("set_active", "post"),
        ("outcomes", "get"),
    ]:
        response = getattr(client, method)(
            url(name, program, **pk), {"active": "0", **post_data(GOOD_ITEMS)}
        )
        assert response.status_code == 404, name
    assert client.get(url("export", program), {"questionnaire": theirs.pk}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_active and theirs.title == "Theirs"


def test_a_non_member_gets_404(login, outsider, program):
    client = login(outsider)
    assert client.get(url("index", program)).status_code == 404


def test_the_list_query_count_does_not_grow(login, coordinator, program):
    client = login(coordinator)

    def add(count):
        for _ in range(count):
            questionnaire = QuestionnaireFactory(program=program)
            ItemFactory.create_batch(3, questionnaire=questionnaire)
            ResponseFactory.create_batch(2, questionnaire=questionnaire)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url("index", program))
        return len(queries), page.content.decode()

    add(2)
    small, page = measure()
    assert page.count("3 questions") == 2
    add(18)
    large, page = measure()
    assert page.count("3 questions") == 20
    assert small == large
