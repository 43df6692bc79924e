"""Reporting a message, and the coordinators' review of reported messages. A coordinator
sees each reported message on its own (its text, author, reporter and reason), never the
rest of a pair's conversation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import access, services
from ..forms import HandledForm, ReportForm
from ..selectors import report_list
from .common import mark_actions, viewer_time_zone

REPORTS_PER_PAGE = 25


@require_http_methods(["GET", "POST"])
@program_view(Role.MENTEE, Role.MENTOR)
def report(request, membership: Membership, message_id: int):
    message = access.message_get_for_member(
        membership=membership, message_id=message_id, for_action="report"
    )
    back_url = services.conversation_url(message.conversation, membership.program.slug)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_report(
                message=message, by=membership, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) != "dup":
                form.add_error("reason", exc)
            else:
                messages.info(request, " ".join(exc.messages))
                return redirect(back_url)
        else:
            messages.success(
                request,
                _("Thank you for telling us. The coordinators will look at this message."),
            )
            return redirect(back_url)
    return render(
        request,
        "messaging/report.html",
        {
            "membership": membership,
            "program": membership.program,
            "message": mark_actions([message], membership)[0],
            "form": form,
            "back_url": back_url,
            "viewer_zone": viewer_time_zone(request, membership),
        },
    )


@require_GET
@program_view(Role.COORDINATOR)
def index(request, membership: Membership):
    page = Paginator(report_list(membership), REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "messaging/reports.html",
        {
            "membership": membership,
            "program": membership.program,
            "page": page,
            "form": HandledForm(),
            "viewer_zone": viewer_time_zone(request, membership),
        },
    )


@require_http_methods(["GET", "POST"])
@program_view(Role.COORDINATOR)
def detail(request, membership: Membership, report_id: int):
    found = access.report_get_for_coordinator(membership=membership, report_id=report_id)
    form = HandledForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_mark_handled(report=found, by=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("The report is marked as handled."))
        return redirect("messaging:reports", program_slug=membership.program.slug)
    return render(
        request,
        "messaging/report_detail.html",
        {
            "membership": membership,
            "program": membership.program,
            "report": found,
            "form": form,
            "viewer_zone": viewer_time_zone(request, membership),
        },
    )
