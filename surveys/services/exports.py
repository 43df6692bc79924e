"""Recording who exported survey answers."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Program, User
from audit.models import Action
from audit.services import audit_record

from ..models import Questionnaire, SurveyExport


@transaction.atomic
def survey_export_record(
    *, program: Program, by: User, questionnaire: Questionnaire | None
) -> SurveyExport:
    export = SurveyExport.objects.create(
        program=program, questionnaire=questionnaire, exported_by=by
    )
    audit_record(
        action=Action.EXPORT, actor=by, program=program, record=("export_surveys", export.pk)
    )
    return export
