"""The mood and craving charts and their sentences, over the last 30 or 90 days: shared by the
mentee's check-in page and the mentor's page of a mentee."""

from __future__ import annotations

from datetime import timedelta

from django.utils.dates import MONTHS_3
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership
from accounts.params import int_param

from .. import charts, services
from ..forms.checkins import MOOD_CHOICES
from ..selectors.checkins import checkin_trend

TREND_PERIODS = (30, 90)
MOOD_WORDS = dict(MOOD_CHOICES)


def checkin_trends(request, *, membership: Membership, viewer: Membership) -> dict:
    """The charts of `membership`'s check-ins as `viewer` may see them; `?days=` picks the
    period."""
    days = int_param(request.GET.get("days"))
    if days not in TREND_PERIODS:
        days = TREND_PERIODS[0]
    checkins = checkin_trend(membership=membership, viewer=viewer, days=days)
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
        "lowest_day": date_format(summary.lowest[1], "MONTH_DAY_FORMAT"),
        "highest": summary.highest[0],
        "highest_day": date_format(summary.highest[1], "MONTH_DAY_FORMAT"),
    }
