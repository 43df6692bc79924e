"""A questionnaire's outcomes for its coordinators, in a fixed number of queries.

- Change: for each person who answered at least twice, their first and latest total score;
  across the program and by cohort (the month the person's first pairing started).
- Feedback (questionnaires due when a pairing ends): each scored question's mean answer.
Any group of fewer than MIN_GROUP people is not shown ("Not enough answers to show"): a
mean of one or two people's answers tells whose they are. Free text is only counted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean
from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, Min

from matching.models import Pairing

from ..models import Answer, Item, Questionnaire, Response, Scale
from .scores import scored_answers, scores_from_rows

MIN_GROUP = 3


@dataclass
class Change:
    label: str  # "All" or a cohort month, filled in by the page
    cohort: date | None
    people: int
    mean_first: float | None = None
    mean_latest: float | None = None
    mean_change: float | None = None

    @property
    def shown(self) -> bool:
        return self.people >= MIN_GROUP


@dataclass
class ItemFeedback:
    item: Item
    answers: int
    mean: float | None


@dataclass
class Outcomes:
    questionnaire: Questionnaire
    respondents: int
    responses: int
    free_text_answers: int
    overall: Change
    cohorts: list[Change] = field(default_factory=list)
    subscales: list[tuple[str, Change]] = field(default_factory=list)
    feedback: list[ItemFeedback] = field(default_factory=list)

    @property
    def feedback_shown(self) -> bool:
        return self.respondents >= MIN_GROUP


def _change(label: str, cohort, pairs: list[tuple[int, int]]) -> Change:
    change = Change(label=label, cohort=cohort, people=len(pairs))
    if change.shown:
        change.mean_first = fmean(first for first, _latest in pairs)
        change.mean_latest = fmean(latest for _first, latest in pairs)
        change.mean_change = fmean(latest - first for first, latest in pairs)
    return change


def _first_pairing_months(questionnaire: Questionnaire, zone: ZoneInfo) -> dict[int, date]:
    """The month each respondent's first pairing (as mentee or mentor) started."""
    respondents = Response.objects.filter(questionnaire=questionnaire).values("membership_id")
    started: dict[int, object] = {}
    for side in ("mentee", "mentor"):
        rows = (
            Pairing.objects.filter(
                program_id=questionnaire.program_id,
                activated_at__isnull=False,
                **{f"{side}_id__in": respondents},
            )
            .order_by()
            .values_list(f"{side}_id")
            .annotate(first=Min("activated_at"))
        )
        for membership_id, first in rows:
            if membership_id not in started or first < started[membership_id]:
                started[membership_id] = first
    return {pk: at.astimezone(zone).date().replace(day=1) for pk, at in started.items()}


def questionnaire_outcomes(*, questionnaire: Questionnaire) -> Outcomes:
    answers = Answer.objects.filter(response__questionnaire=questionnaire)
    rows = list(scored_answers(answers, "response__membership_id", "response__submitted_at"))
    scores = scores_from_rows(rows)
    # Each person's responses in the order they answered.
    by_person: dict[int, list[tuple]] = defaultdict(list)
    seen = set()
    for row in rows:
        if row["response_id"] not in seen:
            seen.add(row["response_id"])
            by_person[row["response__membership_id"]].append(
                (row["response__submitted_at"], row["response_id"])
            )
    counts = Response.objects.filter(questionnaire=questionnaire).aggregate(
        responses=Count("id"), respondents=Count("membership_id", distinct=True)
    )
    free_text = answers.filter(item__scale=Scale.FREE_TEXT).exclude(text="").count()

    firsts_and_latests: dict[int, tuple] = {}
    for person, responses in by_person.items():
        if len(responses) >= 2:
            responses.sort()
            firsts_and_latests[person] = (scores[responses[0][1]], scores[responses[-1][1]])
    zone = ZoneInfo(questionnaire.program.time_zone)
    months = _first_pairing_months(questionnaire, zone) if firsts_and_latests else {}

    def totals(people) -> list[tuple[int, int]]:
        return [(firsts_and_latests[p][0].total, firsts_and_latests[p][1].total) for p in people]

    outcomes = Outcomes(
        questionnaire=questionnaire,
        respondents=counts["respondents"],
        responses=counts["responses"],
        free_text_answers=free_text,
        overall=_change("all", None, totals(firsts_and_latests)),
    )
    cohorts: dict[date | None, list[int]] = defaultdict(list)
    for person in firsts_and_latests:
        cohorts[months.get(person)].append(person)
    outcomes.cohorts = [
        _change("cohort", month, totals(people))
        for month, people in sorted(cohorts.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    ]
    names = sorted(
        {name for first, _latest in firsts_and_latests.values() for name in first.subscales}
    )
    outcomes.subscales = [
        (
            name,
            _change(
                name,
                None,
                [
                    (first.subscales[name], latest.subscales[name])
                    for first, latest in firsts_and_latests.values()
                    if name in first.subscales and name in latest.subscales
                ],
            ),
        )
        for name in names
    ]
    if questionnaire.due == Questionnaire.Due.PAIRING_END and outcomes.feedback_shown:
        outcomes.feedback = _item_feedback(questionnaire)
    return outcomes


def _item_feedback(questionnaire: Questionnaire) -> list[ItemFeedback]:
    items = (
        questionnaire.items.exclude(scale=Scale.FREE_TEXT)
        .annotate(answer_count=Count("answers"), mean=Avg("answers__value"))
        .order_by("position")
    )
    return [ItemFeedback(item=item, answers=item.answer_count, mean=item.mean) for item in items]


@dataclass
class ProgramOutcome:
    """One questionnaire's outcomes over a period, for the funder report."""

    title: str
    respondents: int
    change: Change


def program_outcomes(*, program, since, until) -> list[ProgramOutcome]:
    """Per questionnaire of `program`: how many people answered in [since, until), and the
    change from each person's first to latest total in that period (shown only for at least
    MIN_GROUP people). Two queries whatever the number of questionnaires or answers."""
    answers = Answer.objects.filter(
        response__questionnaire__program=program,
        response__submitted_at__gte=since,
        response__submitted_at__lt=until,
    )
    rows = list(
        scored_answers(
            answers,
            "response__questionnaire_id",
            "response__membership_id",
            "response__submitted_at",
        )
    )
    scores = scores_from_rows(rows)
    responses: dict[int, dict[int, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    seen = set()
    for row in rows:
        if row["response_id"] not in seen:
            seen.add(row["response_id"])
            responses[row["response__questionnaire_id"]][row["response__membership_id"]].append(
                (row["response__submitted_at"], row["response_id"])
            )
    respondents = (
        Response.objects.filter(
            questionnaire__program=program, submitted_at__gte=since, submitted_at__lt=until
        )
        .values("questionnaire_id", "questionnaire__title")
        .annotate(n=Count("membership_id", distinct=True))
        .values_list("questionnaire_id", "questionnaire__title", "n")
        .order_by("questionnaire__title", "questionnaire_id")
    )
    outcomes = []
    for questionnaire_id, title, count in respondents:
        pairs = []
        for person_responses in responses[questionnaire_id].values():
            if len(person_responses) >= 2:
                person_responses.sort()
                pairs.append(
                    (
                        scores[person_responses[0][1]].total,
                        scores[person_responses[-1][1]].total,
                    )
                )
        outcomes.append(
            ProgramOutcome(
                title=title,
                respondents=count,
                change=_change("all", None, pairs),
            )
        )
    return outcomes
