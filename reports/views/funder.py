"""The funder report: on screen (printable) and as CSV, for a range of whole days."""

from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import selectors, services
from ..csv_stream import csv_response
from ..forms import DateRangeForm
from ..models import ExportKind
from ..periods import last_full_quarter, program_today


def _range_form(data, program) -> DateRangeForm:
    if "start" in data or "end" in data:
        return DateRangeForm(data)
    first, last = last_full_quarter(program_today(program))
    return DateRangeForm({"start": first.isoformat(), "end": last.isoformat()})


def _page(request, program, form, status=200):
    context = {"program": program, "form": form, "sections": None}
    if form.is_valid():
        first, last = form.cleaned_data["start"], form.cleaned_data["end"]
        report = selectors.funder_report(program=program, first=first, last=last)
        context.update(first=first, last=last, sections=selectors.funder_sections(report))
    return render(request, "reports/funder.html", context, status=status)


@require_GET
@program_view(Role.COORDINATOR)
def funder(request, membership: Membership):
    program = membership.program
    return _page(request, program, _range_form(request.GET, program))


@require_POST
@program_view(Role.COORDINATOR)
def funder_csv(request, membership: Membership):
    program = membership.program
    form = DateRangeForm(request.POST)
    if not form.is_valid():
        return _page(request, program, form, status=400)
    first, last = form.cleaned_data["start"], form.cleaned_data["end"]
    services.export_record_create(
        program=program,
        by=request.user,
        kind=ExportKind.FUNDER,
        parameters={"start": first.isoformat(), "end": last.isoformat()},
    )
    report = selectors.funder_report(program=program, first=first, last=last)
    return csv_response(
        selectors.funder_csv_rows(report),
        filename=f"{program.slug}-funder-report-{first}-{last}.csv",
    )
