"""A program's settings, for its coordinators: general settings and thresholds, crisis
resources, the privacy notice, and the record of changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..decorators import program_view
from ..forms import (
    CrisisResourceFormSet,
    OtherCrisisLinesForm,
    PrivacyNoticeForm,
    ProgramSettingsForm,
)
from ..models import Membership, Role

CHANGES_PER_PAGE = 30


def _page(request, template: str, membership: Membership, **context):
    return render(
        request,
        f"accounts/settings/{template}",
        {"membership": membership, "program": membership.program, **context},
    )


def _service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET", "POST"])
@program_view(Role.COORDINATOR)
def general(request, membership: Membership):
    program = membership.program
    if request.method == "POST":
        form = ProgramSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.program_settings_update(
                    program=program, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                _service_errors(form, exc)
            else:
                messages.success(request, _("Program settings saved."))
                return redirect("accounts:settings", program_slug=program.slug)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    else:
        form = ProgramSettingsForm(initial=ProgramSettingsForm.initial_from(program))
    return _page(request, "general.html", membership, form=form)


def _crisis_initial(program) -> list[dict]:
    return [
        {
            "name": c.name,
            "note": c.note,
            "phone": c.phone,
            "text_number": c.text_number,
            "text_keyword": c.text_keyword,
            "web_url": c.web_url,
        }
        for c in selectors.crisis_help_for(program).contacts
    ]


@require_http_methods(["GET", "POST"])
@program_view(Role.COORDINATOR)
def crisis(request, membership: Membership):
    program = membership.program
    if request.method == "POST":
        formset = CrisisResourceFormSet(request.POST, prefix="resource")
        other = OtherCrisisLinesForm(request.POST)
        if formset.is_valid() and other.is_valid():
            rows = [
                f.cleaned_data
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.crisis_resources_replace(
                    program=program,
                    by=request.user,
                    rows=rows,
                    other_lines=other.cleaned_data["other_lines"],
                )
            except ValidationError as exc:
                other.add_error(None, exc.messages)
            else:
                messages.success(request, _("Crisis resources saved."))
                return redirect("accounts:settings_crisis", program_slug=program.slug)
        messages.error(request, _("Nothing was saved: please correct the fields marked below."))
    else:
        formset = CrisisResourceFormSet(initial=_crisis_initial(program), prefix="resource")
        other = OtherCrisisLinesForm(initial={"other_lines": program.crisis_resources})
    return _page(request, "crisis.html", membership, formset=formset, other=other)


@require_http_methods(["GET", "POST"])
@program_view(Role.COORDINATOR)
def privacy(request, membership: Membership):
    program = membership.program
    if request.method == "POST":
        form = PrivacyNoticeForm(request.POST)
        if form.is_valid():
            try:
                services.privacy_notice_update(
                    program=program, by=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as exc:
                form.add_error("text", exc.messages)
            else:
                messages.success(
                    request,
                    _(
                        "Privacy notice saved. Members acknowledge the new version on their "
                        "next visit."
                    ),
                )
                return redirect("accounts:settings_privacy", program_slug=program.slug)
    else:
        form = PrivacyNoticeForm(initial={"text": program.privacy_notice})
    return _page(request, "privacy.html", membership, form=form)


@require_http_methods(["GET"])
@program_view(Role.COORDINATOR)
def changes(request, membership: Membership):
    page = Paginator(
        selectors.program_changes(program=membership.program), CHANGES_PER_PAGE
    ).get_page(request.GET.get("page"))
    return _page(request, "changes.html", membership, page=page)
