"""Answering a due survey: every scored question answered within its scale, free text within
its length, once per due occasion (the form's one-time key and a unique constraint)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from accounts.services import DUPLICATE_SUBMISSION, form_submission_claim

from ..models import FREE_TEXT_MAX_LENGTH, Answer, Item, Response
from ..selectors.due import DueSurvey
from .references import check_references_now


def _answer_rows(items: list[Item], answers: dict[int, int | str | None]) -> list[Answer]:
    rows, errors = [], []
    for item in items:
        given = answers.get(item.pk)
        if item.is_scored:
            if given in (None, ""):
                errors.append(_("Question %(number)s needs an answer.") % {"number": item.position})
                continue
            try:
                value = int(given)
            except (TypeError, ValueError):
                value = None
            if value is None or not item.min_value <= value <= item.max_value:
                errors.append(
                    _("Question %(number)s: choose one of the answers given.")
                    % {"number": item.position}
                )
                continue
            rows.append(Answer(item=item, value=value))
        else:
            text = str(given or "").strip()
            if len(text) > FREE_TEXT_MAX_LENGTH:
                errors.append(
                    _("Question %(number)s: at most %(count)s characters.")
                    % {"number": item.position, "count": FREE_TEXT_MAX_LENGTH}
                )
            elif text:
                rows.append(Answer(item=item, text=text))
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def response_submit(
    *,
    membership: Membership,
    due: DueSurvey,
    answers: dict[int, int | str | None],
    submission_key: str,
) -> Response:
    """Record `membership`'s answers to a survey due now (`due` comes from surveys_due_for,
    through surveys.access). `answers` maps item ids to a number or, for free text, words."""
    items = list(due.questionnaire.items.order_by("position"))
    rows = _answer_rows(items, answers)
    form_submission_claim(user=membership.user, key=submission_key)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                questionnaire=due.questionnaire,
                membership=membership,
                role=membership.role,
                pairing=due.pairing,
                due_key=due.due_key,
                submitted_at=timezone.now(),
            )
    except IntegrityError as exc:
        # Another form (a second tab) answered this occasion first.
        raise ValidationError(
            _("You have already answered this survey."), code=DUPLICATE_SUBMISSION
        ) from exc
    for row in rows:
        row.response = response
    try:
        with transaction.atomic():
            Answer.objects.bulk_create(rows)
            check_references_now()
    except IntegrityError as exc:
        # The coordinator replaced the questions while this form was open.
        raise ValidationError(
            _("The questions changed while you were answering. Please answer them again.")
        ) from exc
    return response
