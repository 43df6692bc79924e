"""A questionnaire's outcomes and the CSV export of survey answers, for coordinators: figures
and pseudonymous rows, never names next to answers, never free text."""

import csv

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.params import id_param

from .. import access, selectors, services

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def _safe(cell):
    """A cell a spreadsheet will not run as a formula (titles are typed by people)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


@require_http_methods(["GET"])
@program_view(Role.COORDINATOR)
def outcomes(request, membership: Membership, questionnaire_id: int):
    questionnaire = access.questionnaire_get_for_coordinator(
        membership=membership, questionnaire_id=questionnaire_id
    )
    return render(
        request,
        "surveys/outcomes.html",
        {
            "membership": membership,
            "program": membership.program,
            "questionnaire": questionnaire,
            "outcomes": selectors.questionnaire_outcomes(questionnaire=questionnaire),
            "min_group": selectors.MIN_GROUP,
        },
    )


@require_http_methods(["GET"])
@program_view(Role.COORDINATOR)
def export(request, membership: Membership):
    program = membership.program
    questionnaire = None
    if request.GET.get("questionnaire"):
        questionnaire_id = id_param(request.GET["questionnaire"]) or 0
        questionnaire = access.questionnaire_get_for_coordinator(
            membership=membership, questionnaire_id=questionnaire_id
        )
    services.survey_export_record(program=program, by=request.user, questionnaire=questionnaire)
    writer = csv.writer(_Echo())
    rows = selectors.answer_rows(program=program, questionnaire=questionnaire)
    response = StreamingHttpResponse(
        (writer.writerow([_safe(cell) for cell in row]) for row in rows),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    name = f"{program.slug}-survey-answers-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
