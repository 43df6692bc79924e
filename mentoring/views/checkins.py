"""The mentee's daily check-in (one per day; a second submission updates it) and the mood and
craving trends over the last 30 or 90 days."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import charts, selectors, services
from ..forms_daily import MOOD_CHOICES, CheckInForm
from ..models import Visibility
from .habits import safe_next

TREND_PERIODS = (30, 90)
RECENT_LIMIT = 14
MOOD_WORDS = dict(MOOD_CHOICES)


def _index_url(membership: Membership) -> str:
    return reverse("checkins:index", kwargs={"program_slug": membership.program.slug})


def _add_service_errors(form: CheckInForm, exc: ValidationError) -> None:
    """Service errors on the matching field, the rest at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@program_view(Role.MENTEE)
def index(request, membership: Membership):
    today_checkin = selectors.checkin_today(membership=membership)
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            kwargs = form.service_kwargs()
            try:
                services.checkin_record(membership=membership, **kwargs)
            except ValidationError as exc:
                _add_service_errors(form, exc)
            else:
                if today_checkin is not None:
                    messages.success(request, _("Updated today's check-in."))
                else:
                    messages.success(request, _("Thank you for checking in today."))
                if kwargs["wants_outreach"] and kwargs["visibility"] == Visibility.PRIVATE:
                    messages.warning(
                        request,
                        _(
                            "This check-in is private, so your mentor won't see that you'd "
                            "like them to reach out. Untick “Private” to share it."
                        ),
                    )
                return redirect(safe_next(request, _index_url(membership)))
        messages.error(request, _("Nothing was saved. Please check the answers marked below."))
    else:
        form = CheckInForm(initial=CheckInForm.initial_from(today_checkin))
    return render(
        request,
        "mentoring/checkins/index.html",
        {
            "membership": membership,
            "program": membership.program,
            "form": form,
            "today_checkin": today_checkin,
            **_trends(request, membership),
            "recent": selectors.checkins_recent(
                membership=membership, viewer=request.user, limit=RECENT_LIMIT
            ),
            "mood_words": MOOD_WORDS,
        },
    )


def _trends(request, membership: Membership) -> dict:
    try:
        days = int(request.GET.get("days", TREND_PERIODS[0]))
    except ValueError:
        days = TREND_PERIODS[0]
    if days not in TREND_PERIODS:
        days = TREND_PERIODS[0]
    checkins = selectors.checkin_trend(membership=membership, viewer=request.user, days=days)
    end = services.local_today(membership)
    start = end - timedelta(days=days - 1)
    # date_format(day, "j M") spelled out with this request's month names: the charts label
    # every day with a check-in (up to 90), and parsing the format each time added up.
    month_names = {number: str(name).title() for number, name in MONTHS_3.items()}
    words = charts.TrendWords(
        format_day=lambda day: f"{day.day} {month_names[day.month]}",
        no_data=_("No check-ins in this period yet."),
    )
    mood_points = [(c.date, c.mood) for c in checkins]
    craving_points = [(c.date, c.craving) for c in checkins]
    mood_summary = _summary_text(_("Mood"), mood_points, days)
    craving_summary = _summary_text(_("Craving"), craving_points, days)
    return {
        "trend_days": days,
        "trend_periods": TREND_PERIODS,
        "trend_checkins": checkins,
        "mood_summary": mood_summary,
        "craving_summary": craving_summary,
        "mood_chart": charts.trend_chart(
            mood_points,
            start=start,
            end=end,
            low=1,
            high=5,
            label=mood_summary,
            stroke=charts.MOOD_STROKE,
            words=words,
        ),
        "craving_chart": charts.trend_chart(
            craving_points,
            start=start,
            end=end,
            low=0,
            high=10,
            ticks=[0, 2, 4, 6, 8, 10],
            label=craving_summary,
            stroke=charts.CRAVING_STROKE,
            words=words,
        ),
    }


def _summary_text(what: str, points: list, days: int) -> str:
    """A sentence that says what the chart shows, for screen readers and everyone else."""
    summary = charts.trend_summary(points)
    if not summary.count:
        return _("%(what)s over the last %(days)s days: no check-ins yet.") % {
            "what": what,
            "days": days,
        }
    return ngettext(
        "%(what)s over the last %(days)s days: %(count)s check-in, average %(average)s, "
        "lowest %(lowest)s on %(lowest_day)s, highest %(highest)s on %(highest_day)s.",
        "%(what)s over the last %(days)s days: %(count)s check-ins, average %(average)s, "
        "lowest %(lowest)s on %(lowest_day)s, highest %(highest)s on %(highest_day)s.",
        summary.count,
    ) % {
        "what": what,
        "days": days,
        "count": summary.count,
        "average": number_format(summary.average, 1),
        "lowest": summary.lowest[0],
        "lowest_day": date_format(summary.lowest[1], "j M"),
        "highest": summary.highest[0],
        "highest_day": date_format(summary.highest[1], "j M"),
    }
