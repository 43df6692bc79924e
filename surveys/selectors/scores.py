"""Scores, computed in the database: a scored answer counts its value, a reverse-scored one
is flipped within its own scale (min + max - value); free text never counts. A response's
total is the sum over its scored items, a subscale's the sum over the items named for it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, QuerySet, Sum, When

from ..models import Answer, Scale

POINTS = Case(
    When(
        item__reverse_scored=True,
        then=F("item__min_value") + F("item__max_value") - F("value"),
    ),
    default=F("value"),
    output_field=IntegerField(),
)


@dataclass
class Score:
    total: int = 0
    subscales: dict[str, int] = field(default_factory=dict)


def scored_answers(answers: QuerySet[Answer], *also: str) -> QuerySet:
    """One row per response and subscale: (response_id, subscale, points), summed in SQL;
    `also` adds fields of the response (each has one value per response)."""
    return (
        answers.exclude(item__scale=Scale.FREE_TEXT)
        .filter(value__isnull=False)
        .order_by()
        .values("response_id", *also, "item__subscale")
        .annotate(points=Sum(POINTS))
    )


def scores_from_rows(rows: Iterable[dict]) -> dict[int, Score]:
    scores: dict[int, Score] = defaultdict(Score)
    for row in rows:
        score = scores[row["response_id"]]
        score.total += row["points"]
        if row["item__subscale"]:
            score.subscales[row["item__subscale"]] = row["points"]
    return dict(scores)


def response_scores(*, response_ids: Iterable[int]) -> dict[int, Score]:
    """Each response's total and subscale scores, in one query."""
    rows = scored_answers(Answer.objects.filter(response_id__in=list(response_ids)))
    return scores_from_rows(rows)
