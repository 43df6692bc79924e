"""The CSV export of survey answers: streamed, one row per scored answer with a pseudonymous
person id, never a name or free text, each export recorded; another program's is 404."""

import csv
import io

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import SurveyExport
from tests.factories import (
    AnswerFactory,
    ItemFactory,
    MembershipFactory,
    QuestionnaireFactory,
    ResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def export_url(program, **params):
    path = reverse("surveys:export", kwargs={"program_slug": program.slug})
    return path, params


def download(client, program, **params):
    path, params = export_url(program, **params)
    response = client.get(path, params)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def answered(program, mentee, mentor):
    questionnaire = QuestionnaireFactory(program=program, title="=Month check", audience="both")
    agree = ItemFactory(questionnaire=questionnaire, position=1, text="I feel supported.")
    reverse_item = ItemFactory(
        questionnaire=questionnaire, position=2, text="I feel alone.", reverse_scored=True
    )
    free = ItemFactory(
        questionnaire=questionnaire,
        position=3,
        scale="free_text",
        min_value=None,
        max_value=None,
    )
    for membership, values, key in [
        (mentee, (4, 2), "intake"),
        (mentee, (5, 1), "pairing:7:day:90"),
        (mentor, (3, 3), "pairing:7:end"),
    ]:
        response = ResponseFactory(questionnaire=questionnaire, membership=membership, due_key=key)
        AnswerFactory(response=response, item=agree, value=values[0])
        AnswerFactory(response=response, item=reverse_item, value=values[1])
        AnswerFactory(response=response, item=free, value=None, text="Secret words of Jordan")
    return questionnaire


def test_the_export_parses_back_without_names_or_free_text(
    login, coordinator, program, mentee, answered
):
    client = login(coordinator)
    rows = download(client, program)
    assert len(rows) == 6  # three responses, two scored answers each
    assert list(rows[0]) == [
        "person",
        "role",
        "questionnaire",
        "occasion",
        "item_number",
        "item",
        "subscale",
        "value",
        "scored_value",
        "submitted_on",
    ]
    people = {row["person"] for row in rows}
    assert len(people) == 2 and all(p.startswith("P-") for p in people)
    mentee_rows = [r for r in rows if r["role"] == "mentee"]
    assert len({r["person"] for r in mentee_rows}) == 1
    assert [
        (r["occasion"], r["item_number"], r["value"], r["scored_value"]) for r in mentee_rows
    ] == [
        ("intake", "1", "4", "4"),
        ("intake", "2", "2", "4"),
        ("day 90", "1", "5", "5"),
        ("day 90", "2", "1", "5"),
    ]
    # A title a spreadsheet would run as a formula is kept as text.
    assert {r["questionnaire"] for r in rows} == {"'=Month check"}
    text = str(rows)
    for private in ("Jordan", "Marcus", "Secret words", "example.org", str(mentee.pk) + ","):
        assert private not in text
    record = SurveyExport.objects.get()
    assert (record.program, record.exported_by, record.questionnaire) == (
        program,
        coordinator.user,
        None,
    )
    # The same person has the same id in the next export.
    assert {r["person"] for r in download(client, program)} == people
    assert SurveyExport.objects.count() == 2


def test_one_questionnaire_only(login, coordinator, program, answered):
    other = QuestionnaireFactory(program=program)
    AnswerFactory(
        response=ResponseFactory(questionnaire=other), item=ItemFactory(questionnaire=other)
    )
    client = login(coordinator)
    assert len(download(client, program)) == 7
    assert len(download(client, program, questionnaire=answered.pk)) == 6
    assert SurveyExport.objects.filter(questionnaire=answered).count() == 1


def test_another_programs_answers_never_appear(
    login, coordinator, program, other_program, answered
):
    theirs = QuestionnaireFactory(program=other_program)
    AnswerFactory(
        response=ResponseFactory(questionnaire=theirs), item=ItemFactory(questionnaire=theirs)
    )
    rows = download(login(coordinator), program)
    assert len(rows) == 6
    path, _params = export_url(program)
    client = login(coordinator)
    assert client.get(path, {"questionnaire": theirs.pk}).status_code == 404
    assert client.get(path, {"questionnaire": "nonsense"}).status_code == 404


def test_the_export_query_count_does_not_grow(login, coordinator, program):
    client = login(coordinator)
    questionnaire = QuestionnaireFactory(program=program)
    items = ItemFactory.create_batch(3, questionnaire=questionnaire)

    def add(count):
        for _ in range(count):
            response = ResponseFactory(
                questionnaire=questionnaire,
                membership=MembershipFactory(program=program, user=UserFactory()),
            )
            for item in items:
                AnswerFactory(response=response, item=item, value=3)

    def measure():
        path, _params = export_url(program)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
            rows = b"".join(response.streaming_content).decode().splitlines()
        return len(queries), len(rows)

    add(2)
    small, lines = measure()
    assert lines == 1 + 6
    add(20)
    large, lines = measure()
    assert lines == 1 + 66
    assert small == large
