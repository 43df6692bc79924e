"""Scores against hand-computed numbers: reverse-scored items are flipped within their own
scale (min + max - value), subscales sum their items, free text never counts."""

import pytest

from accounts.services import new_submission_key
from surveys import selectors, services
from surveys.models import Questionnaire, Scale
from surveys.services import ItemData

pytestmark = pytest.mark.django_db


def test_total_and_subscales_with_reverse_items(mentee, coordinator, pairing):
    questionnaire = services.questionnaire_save(
        program=mentee.program,
        by=coordinator.user,
        title="Check on the program",
        intro="",
        due=Questionnaire.Due.INTAKE,
        every_days=None,
        audience=Questionnaire.Audience.MENTEES,
        items=[
            ItemData(text="I feel supported.", scale=Scale.AGREE5, subscale="support"),
            ItemData(
                text="I feel alone.", scale=Scale.AGREE5, subscale="support", reverse_scored=True
            ),
            ItemData(text="Hope today", scale=Scale.ZERO_TO_TEN, subscale="hope"),
            ItemData(
                text="Worry today", scale=Scale.ZERO_TO_TEN, subscale="hope", reverse_scored=True
            ),
            ItemData(text="Did anything go wrong?", scale=Scale.YES_NO, reverse_scored=True),
            ItemData(text="Energy", scale=Scale.CUSTOM, min_value=1, max_value=7),
            ItemData(text="Anything else?", scale=Scale.FREE_TEXT),
        ],
    )
    questionnaire.is_active = True
    services.questionnaire_set_active(questionnaire=questionnaire, active=True)
    items = list(questionnaire.items.order_by("position"))
    values = [4, 2, 7, 3, 1, 6, "It has been a good month."]
    [due] = selectors.surveys_due_for(mentee)
    response = services.response_submit(
        membership=mentee,
        due=due,
        answers={item.pk: value for item, value in zip(items, values, strict=True)},
        submission_key=new_submission_key(),
    )
    score = selectors.response_scores(response_ids=[response.pk])[response.pk]
    # 4 + (1+5-2) + 7 + (0+10-3) + (0+1-1) + 6; the free text counts nothing.
    assert score.total == 4 + 4 + 7 + 7 + 0 + 6 == 28
    assert score.subscales == {"support": 8, "hope": 14}


def test_items_keep_their_scale_range(coordinator, program):
    questionnaire = services.questionnaire_create_example(program=program, by=coordinator.user)
    ranges = [
        (item.scale, item.min_value, item.max_value)
        for item in questionnaire.items.order_by("position")
    ]
    assert ranges == [("agree5", 1, 5)] * 3 + [("free_text", None, None)]
    assert not questionnaire.is_active
    assert questionnaire.due == "interval" and questionnaire.every_days == 90
