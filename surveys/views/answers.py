"""A member answers a survey due to them: /p/<slug>/surveys/<id>/answer/?due=<occasion>."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.services import DUPLICATE_SUBMISSION, new_submission_key

from .. import access, services
from ..forms import AnswerForm


def _already_answered(request, membership: Membership):
    messages.info(request, _("You have already answered this survey. Thank you."))
    return redirect("program_home", program_slug=membership.program.slug)


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE, Role.MENTOR)
def answer(request, membership: Membership, questionnaire_id: int):
    due_key = (request.POST if request.method == "POST" else request.GET).get("due", "")
    due = access.due_survey_get_for_member(
        membership=membership, questionnaire_id=questionnaire_id, due_key=due_key[:60]
    )
    if due is None:
        return _already_answered(request, membership)
    items = list(due.questionnaire.items.order_by("position"))
    if request.method == "POST":
        form = AnswerForm(request.POST, items=items)
        if form.is_valid():
            try:
                services.response_submit(
                    membership=membership,
                    due=due,
                    answers=form.answers(),
                    submission_key=form.cleaned_data["form_token"],
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) == DUPLICATE_SUBMISSION:
                    return _already_answered(request, membership)
                form.add_error(None, exc)
            else:
                messages.success(request, _("Thank you: your answers are saved."))
                return redirect("program_home", program_slug=membership.program.slug)
        messages.error(
            request, _("Nothing was saved yet: please answer the questions marked below.")
        )
    else:
        form = AnswerForm(initial={"form_token": new_submission_key()}, items=items)
    return render(
        request,
        "surveys/answer.html",
        {"membership": membership, "program": membership.program, "due": due, "form": form},
    )
