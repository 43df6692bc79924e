"""Coordinators define their program's questionnaires: list, create, edit, switch on/off,
and start from PeerPath's example. Mentors and mentees get 403, other programs 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role
from accounts.params import int_param

from .. import access, selectors, services
from ..forms import ITEMS_PREFIX, ItemForm, ItemFormSet, QuestionnaireForm

PER_PAGE = 30


def _page(request, template: str, membership: Membership, **context):
    return render(
        request,
        f"surveys/{template}",
        {"membership": membership, "program": membership.program, **context},
    )


def _service_errors(form, exc: ValidationError) -> None:
    """The service's verdict on the form: field errors by the field, the rest at the top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _rows_sent(data) -> list[dict]:
    """The question rows as sent, to show again with more empty rows below them: adding
    questions works without JavaScript, and nothing is checked or saved until "Save"."""
    total = min(int_param(data.get(f"{ITEMS_PREFIX}-TOTAL_FORMS")) or 0, ItemFormSet.max_num)
    rows = []
    for index in range(total):
        prefix = f"{ITEMS_PREFIX}-{index}-"
        if data.get(f"{prefix}DELETE"):
            continue
        row = {name: data.get(prefix + name, "") for name in ItemForm.base_fields}
        row["reverse_scored"] = bool(data.get(f"{prefix}reverse_scored"))
        rows.append(row)
    return rows


@require_http_methods(["GET"])
@program_view(Role.COORDINATOR)
def index(request, membership: Membership):
    page = Paginator(selectors.questionnaire_list(program=membership.program), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return _page(request, "index.html", membership, page=page)


def _edit(request, membership: Membership, questionnaire=None):
    program = membership.program
    answered = questionnaire is not None and selectors.questionnaire_is_answered(
        questionnaire=questionnaire
    )
    if request.method == "POST" and "add_rows" in request.POST and not answered:
        form = QuestionnaireForm(
            initial={name: request.POST.get(name) for name in QuestionnaireForm.base_fields}
        )
        formset = ItemFormSet(prefix=ITEMS_PREFIX, initial=_rows_sent(request.POST))
    elif request.method == "POST":
        form = QuestionnaireForm(request.POST)
        formset = None if answered else ItemFormSet(request.POST, prefix=ITEMS_PREFIX)
        if form.is_valid() and (formset is None or formset.is_valid()):
            data = form.cleaned_data
            try:
                services.questionnaire_save(
                    program=program,
                    by=request.user,
                    questionnaire=questionnaire,
                    items=None if formset is None else formset.items(),
                    **data,
                )
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                messages.success(request, _("Questionnaire saved."))
                return redirect("surveys:index", program_slug=program.slug)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    elif questionnaire is None:
        form = QuestionnaireForm(initial={"audience": "mentees"})
        formset = ItemFormSet(prefix=ITEMS_PREFIX)
    else:
        form = QuestionnaireForm(initial=QuestionnaireForm.initial_from(questionnaire))
        formset = None
        if not answered:
            initial = [ItemForm.initial_from(item) for item in questionnaire.items.all()]
            formset = ItemFormSet(prefix=ITEMS_PREFIX, initial=initial)
    items = list(questionnaire.items.all()) if answered else []
    return _page(
        request,
        "edit.html",
        membership,
        form=form,
        formset=formset,
        questionnaire=questionnaire,
        answered=answered,
        items=items,
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.COORDINATOR)
def new(request, membership: Membership):
    return _edit(request, membership)


@require_http_methods(["GET", "POST"])
@program_view(Role.COORDINATOR)
def edit(request, membership: Membership, questionnaire_id: int):
    questionnaire = access.questionnaire_get_for_coordinator(
        membership=membership, questionnaire_id=questionnaire_id
    )
    return _edit(request, membership, questionnaire)


@require_POST
@program_view(Role.COORDINATOR)
def example(request, membership: Membership):
    questionnaire = services.questionnaire_create_example(
        program=membership.program, by=request.user
    )
    messages.success(
        request,
        _("The example questionnaire is ready. Change it as you like, then switch it on."),
    )
    return redirect(
        "surveys:edit", program_slug=membership.program.slug, questionnaire_id=questionnaire.pk
    )


@require_POST
@program_view(Role.COORDINATOR)
def set_active(request, membership: Membership, questionnaire_id: int):
    questionnaire = access.questionnaire_get_for_coordinator(
        membership=membership, questionnaire_id=questionnaire_id
    )
    active = request.POST.get("active") == "1"
    services.questionnaire_set_active(questionnaire=questionnaire, active=active)
    if active:
        messages.success(
            request,
            _("“%(title)s” is on: people are asked when it is due.")
            % {"title": questionnaire.title},
        )
    else:
        messages.success(
            request,
            _("“%(title)s” is off: nobody is asked any more.") % {"title": questionnaire.title},
        )
    return redirect("surveys:index", program_slug=membership.program.slug)
