"""Survey answers as CSV rows: one per scored answer, a pseudonymous person id instead of a
name, never free text. Read with `.iterator()`, so a large export streams in chunks."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.conf import settings

from accounts.models import Program

from ..models import Answer, Questionnaire, Scale
from .scores import POINTS

HEADER = [
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
CHUNK = 2000


def person_pseudonym(*, program: Program, membership_id: int) -> str:
    """Stable within a program's exports, meaningless outside them."""
    message = f"surveys-export:{program.pk}:{membership_id}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"P-{digest[:12]}"


def occasion_of(due_key: str) -> str:
    """ "pairing:12:day:90" -> "day 90": the occasion, without the pairing's id."""
    parts = due_key.split(":")
    if len(parts) == 4 and parts[2] == "day":
        return f"day {parts[3]}"
    if len(parts) == 3 and parts[2] == "end":
        return "pairing end"
    return due_key


def answer_rows(*, program: Program, questionnaire: Questionnaire | None = None) -> Iterator[list]:
    answers = Answer.objects.filter(response__questionnaire__program=program).exclude(
        item__scale=Scale.FREE_TEXT
    )
    if questionnaire is not None:
        answers = answers.filter(response__questionnaire=questionnaire)
    rows = (
        answers.annotate(points=POINTS)
        .order_by("response__submitted_at", "response_id", "item__position")
        .values_list(
            "response__membership_id",
            "response__role",
            "response__questionnaire__title",
            "response__due_key",
            "item__position",
            "item__text",
            "item__subscale",
            "value",
            "points",
            "response__submitted_at",
        )
    )
    zone = ZoneInfo(program.time_zone)
    pseudonyms: dict[int, str] = {}
    yield HEADER
    for (
        membership_id,
        role,
        title,
        due_key,
        position,
        text,
        subscale,
        value,
        points,
        at,
    ) in rows.iterator(chunk_size=CHUNK):
        if membership_id not in pseudonyms:
            pseudonyms[membership_id] = person_pseudonym(
                program=program, membership_id=membership_id
            )
        yield [
            pseudonyms[membership_id],
            role,
            title,
            occasion_of(due_key),
            position,
            text,
            subscale,
            value,
            points,
            at.astimezone(zone).date().isoformat(),
        ]
