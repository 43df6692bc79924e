"""The funder report's survey outcomes: people who answered in the period, and the mean change
from each person's first to latest total, shown only for at least three people."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.periods import program_today
from tests.factories import (
    AnswerFactory,
    ItemFactory,
    MembershipFactory,
    QuestionnaireFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def answered(questionnaire, item, member, values_days_ago):
    for n, (value, days_ago) in enumerate(values_days_ago):
        response = ResponseFactory(
            questionnaire=questionnaire,
            membership=member,
            due_key=f"pairing:1:day:{n}",
            submitted_at=timezone.now() - timedelta(days=days_ago),
        )
        AnswerFactory(response=response, item=item, value=value)


def report(client, program):
    today = program_today(program)
    dates = {"start": (today - timedelta(days=30)).isoformat(), "end": today.isoformat()}
    response = client.get(reverse("reports:funder", args=[program.slug]), dates)
    assert response.status_code == 200
    rows = next(s for s in response.context["sections"] if s.key == "surveys").rows
    return {row[0]: row[1:] for row in rows}, response


def test_survey_outcomes_are_counted_and_hidden_under_three(login, coordinator, program):
    wellbeing = QuestionnaireFactory(program=program, title="Wellbeing check")
    item = ItemFactory(questionnaire=wellbeing)
    people = [MembershipFactory(program=program) for _ in range(4)]
    answered(wellbeing, item, people[0], [(2, 20), (4, 2)])  # +2
    answered(wellbeing, item, people[1], [(3, 20), (3, 10), (5, 1)])  # +2 (first to latest)
    answered(wellbeing, item, people[2], [(4, 15), (5, 3)])  # +1
    answered(wellbeing, item, people[3], [(1, 5)])  # answered once
    answered(
        wellbeing, item, MembershipFactory(program=program), [(1, 90), (5, 1)]
    )  # +4 out of range? no: first is outside
    small = QuestionnaireFactory(program=program, title="Small group")
    small_item = ItemFactory(questionnaire=small)
    answered(small, small_item, people[0], [(1, 20), (5, 2)])
    rows, response = report(login(coordinator), program)
    # Five people answered in the period, three of them twice or more: (2 + 2 + 1) / 3.
    assert rows["Wellbeing check"] == [5, 3, "+1.7"]
    assert rows["Small group"] == [1, 1, "Not enough answers to show"]
    assert "Wellbeing check" in response.content.decode()


def test_no_answers_say_so_and_queries_stay_fixed(login, coordinator, program):
    client = login(coordinator)
    with CaptureQueriesContext(connection) as empty:
        rows, _response = report(client, program)
    assert rows == {"No survey answers in this period": [0, 0, "—"]}
    for n in range(3):
        questionnaire = QuestionnaireFactory(program=program, title=f"Q{n}")
        item = ItemFactory(questionnaire=questionnaire)
        for _ in range(3):
            answered(questionnaire, item, MembershipFactory(program=program), [(2, 9), (4, 1)])
    with CaptureQueriesContext(connection) as full:
        rows, _response = report(client, program)
    assert rows["Q0"] == [3, 3, "+2.0"]
    assert len(empty) == len(full)
