"""The mentor dashboard's rows in words: each current mentee's flags as plain reasons, a
14-day mood sparkline with its text alternative, and the row's links, ready for the page."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Membership

from .. import charts
from ..services.time import local_date
from .dashboard import (
    FLAG_MOOD_DOWN,
    FLAG_NO_CHECKIN,
    FLAG_NO_MEETING,
    FLAG_ORDER,
    FLAG_OUTREACH,
    FLAG_RETURN_TO_USE,
    MenteeRow,
    mentor_dashboard,
)

SPARKLINE_DAYS = 14


def _number(value: float) -> str:
    return number_format(value, 0 if float(value).is_integer() else 1)


def _mood_label(row: MenteeRow) -> str:
    summary = charts.trend_summary(row.moods)
    if not summary.count:
        return _("Mood over the last %(days)s days: no check-ins.") % {"days": SPARKLINE_DAYS}
    latest_day, latest = row.moods[-1]
    return ngettext(
        "Mood over the last %(days)s days: %(count)s check-in, average %(average)s, "
        "latest %(latest)s on %(day)s.",
        "Mood over the last %(days)s days: %(count)s check-ins, average %(average)s, "
        "latest %(latest)s on %(day)s.",
        summary.count,
    ) % {
        "days": SPARKLINE_DAYS,
        "count": summary.count,
        "average": _number(summary.average),
        "latest": latest,
        "day": date_format(latest_day, "MONTH_DAY_FORMAT"),
    }


def _flag_reasons(row: MenteeRow) -> list[tuple[str, str]]:
    """(flag code, plain reason) in the order of urgency."""
    since = local_date(row.mentee, row.pairing.activated_at or row.pairing.proposed_at)
    reasons = []
    for flag in sorted(row.flags, key=FLAG_ORDER.index):
        if flag == FLAG_OUTREACH:
            text = _("Asked you to reach out")
        elif flag == FLAG_RETURN_TO_USE:
            text = _("Shared a return to use")
        elif flag == FLAG_MOOD_DOWN:
            text = _("Mood down %(points)s points over a week") % {
                "points": _number(round(row.mood_drop, 1))
            }
        elif flag == FLAG_NO_CHECKIN:
            days = row.days_since_checkin
            if days is None:
                days = (row.today - since).days
            text = ngettext(
                "No check-in for %(days)s day", "No check-in for %(days)s days", days
            ) % {"days": days}
        elif flag == FLAG_NO_MEETING:
            days = (row.today - (row.last_logged_meeting or since)).days
            text = ngettext(
                "No meeting logged for %(days)s day", "No meeting logged for %(days)s days", days
            ) % {"days": days}
        else:
            continue
        reasons.append((flag, text))
    return reasons


def _checkin_words(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return _("Today")
    if days == 1:
        return _("Yesterday")
    return ngettext("%(days)s day ago", "%(days)s days ago", days) % {"days": days}


def dashboard_rows(
    *, membership: Membership, current_pairings: list | None = None
) -> list[MenteeRow]:
    """mentor_dashboard's rows, most in need of attention first, each with its mood
    sparkline, its flags as plain reasons and its words and links, ready for the page (no
    queries beyond the selector's)."""
    rows = mentor_dashboard(mentor=membership, current_pairings=current_pairings)
    slug = membership.program.slug
    for row in rows:
        mentee_kwargs = {"program_slug": slug, "mentee_id": row.mentee.pk}
        row.name = row.mentee.user.display_name
        row.detail_url = reverse("mentor:detail", kwargs=mentee_kwargs)
        row.intake_url = reverse("matching:my_mentee", kwargs=mentee_kwargs)
        row.outreach_url = reverse("mentor:outreach_handled", kwargs=mentee_kwargs)
        row.sparkline = charts.sparkline(
            row.moods,
            start=row.today - timedelta(days=SPARKLINE_DAYS - 1),
            end=row.today,
            label=_mood_label(row),
        )
        row.flag_reasons = _flag_reasons(row)
        row.checkin_words = _checkin_words(row.days_since_checkin)
        row.habits_words = _("%(done)s done") % {"done": row.habits_done_this_week}
        row.goals_words = (
            ngettext(
                "%(progress)s%% · %(counter)s goal",
                "%(progress)s%% · %(counter)s goals",
                row.goals_active,
            )
            % {"progress": row.goal_progress, "counter": row.goals_active}
            if row.goal_progress is not None
            else ""
        )
    return rows
