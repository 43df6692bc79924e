"""Recording who exported survey answers."""

from __future__ import annotations

from accounts.models import Program, User

from ..models import Questionnaire, SurveyExport


def survey_export_record(
    *, program: Program, by: User, questionnaire: Questionnaire | None
) -> SurveyExport:
    return SurveyExport.objects.create(program=program, questionnaire=questionnaire, exported_by=by)
