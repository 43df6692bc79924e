"""The one door for surveys. Each function takes the membership `program_view` resolved, so
a questionnaire is always looked up inside that program (another program's: 404).

- Coordinators define questionnaires and see outcomes (the views are coordinator-only).
- A member answers only what `surveys_due_for` says is due to them now: any other
  questionnaire, occasion or person's survey is 404.
"""

from __future__ import annotations

from django.http import Http404

from accounts.models import Membership

from .models import Questionnaire, Response
from .selectors.due import DueSurvey, surveys_due_for


def questionnaire_get_for_coordinator(
    *, membership: Membership, questionnaire_id: int
) -> Questionnaire:
    if not membership.is_coordinator:
        raise Http404
    try:
        return Questionnaire.objects.select_related("program").get(
            pk=questionnaire_id, program_id=membership.program_id
        )
    except Questionnaire.DoesNotExist as exc:
        raise Http404 from exc


def due_survey_get_for_member(
    *, membership: Membership, questionnaire_id: int, due_key: str
) -> DueSurvey | None:
    """The survey due to `membership` on that occasion, or None when they have already
    answered it (a second send of the form). Anything else: 404."""
    for due in surveys_due_for(membership):
        if due.questionnaire.pk == questionnaire_id and due.due_key == due_key:
            return due
    if Response.objects.filter(
        membership=membership, questionnaire_id=questionnaire_id, due_key=due_key
    ).exists():
        return None
    raise Http404
