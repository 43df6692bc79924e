"""The reports page (downloads and their record) and the program overview, for the
program's coordinators."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import selectors
from ..charts import weekly_bars
from ..forms import DateRangeForm
from ..periods import last_full_quarter, program_today
from ..selectors.engagement import ENGAGEMENT_DAYS


@require_GET
@program_view(Role.COORDINATOR)
def index(request, membership: Membership):
    program = membership.program
    first, last = last_full_quarter(program_today(program))
    return render(
        request,
        "reports/index.html",
        {
            "program": program,
            "range_form": DateRangeForm(initial={"start": first, "end": last}),
            "exports": selectors.export_records(program=program),
        },
    )


def _week(day) -> str:
    return date_format(day, "MONTH_DAY_FORMAT")


def _charts(series: dict) -> list[dict]:
    words = {
        "checkins": (_("Check-ins per week"), _("check-ins")),
        "meetings": (_("Meetings held per week"), _("meetings held")),
        "pairings": (_("New pairings per week"), _("new pairings")),
    }
    charts = []
    for key, points in series.items():
        title, unit = words[key]
        total = sum(value for _week_start, value in points)
        description = _(
            "%(total)s %(unit)s over the last %(weeks)s weeks, from the week of %(first)s "
            "to the week of %(last)s. The table beside the chart gives each week."
        ) % {
            "total": total,
            "unit": unit,
            "weeks": len(points),
            "first": _week(points[0][0]),
            "last": _week(points[-1][0]),
        }
        charts.append(
            {
                "key": key,
                "title": title,
                "description": description,
                "points": points,
                "svg": weekly_bars(
                    points,
                    chart_id=f"chart-{key}",
                    title=title,
                    description=description,
                    format_week=_week,
                    bar_label=lambda week, value, unit=unit: (
                        _("Week of %(week)s: %(n)s %(unit)s")
                        % {"week": _week(week), "n": value, "unit": unit}
                    ),
                ),
            }
        )
    return charts


@require_GET
@program_view(Role.COORDINATOR)
def overview(request, membership: Membership):
    program = membership.program
    now = timezone.now()
    today = program_today(program, now)
    pairings = selectors.pairings_by_status(program=program)
    context = {
        "program": program,
        "statuses": Membership.Status.choices,
        "members": selectors.members_by_role_and_status(program=program),
        "waiting": selectors.waiting_list(program=program, now=now),
        "pairings": pairings,
        "load": selectors.mentor_load(program=program),
        "checkins": selectors.checkin_share(program=program, today=today),
        "meetings": selectors.meetings_last_days(
            program=program, now=now, active_pairs=pairings["active"]
        ),
        "goals": selectors.goals_achieved(program=program, now=now),
        "events": selectors.event_attendance(
            program=program, since=now - timedelta(days=ENGAGEMENT_DAYS), until=now
        ),
        "retention": selectors.retention(program=program, now=now, today=today),
        "charts": _charts(selectors.weekly_trends(program=program, today=today)),
    }
    return render(request, "reports/overview.html", context)
