"""A meeting's time and status badge, drawn in Python because the meetings page prints them
for every row (up to 50 past meetings plus the upcoming ones): an `{% include %}` per row cost
more than the rest of the row.

    {% load meeting_tags %}
    {% meeting_when meeting %}     <time datetime="…">Mon 2 Dec 2026, 14:00</time>–15:00
    {% meeting_status meeting %}   <span class="badge badge--ok">Held</span>

Times are shown in the time zone the template activated (`{% timezone viewer_zone %}`), as the
`date` filter would.
"""

from __future__ import annotations

from django import template
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.html import format_html
from django.utils.timezone import template_localtime

register = template.Library()

STATUS_BADGE_CLASSES = {
    "proposed": "badge badge--warn",
    "confirmed": "badge",
    "held": "badge badge--ok",
}


def _day_and_month_names(context) -> tuple[dict, dict]:
    """This page's translated weekday and month abbreviations, looked up once per page."""
    names = context.render_context.get("meeting_when_names")
    if names is None:
        names = (
            {number: str(name) for number, name in WEEKDAYS_ABBR.items()},
            {number: str(name).title() for number, name in MONTHS_3.items()},
        )
        context.render_context["meeting_when_names"] = names
    return names


@register.simple_tag(takes_context=True)
def meeting_when(context, meeting) -> str:
    """The start as a <time>, and the end time when the meeting has one (`ends_at`).

    The text is the date filter's "D j M Y, H:i", spelled out here because parsing that
    format for every row of a long list cost more than the rest of the row."""
    starts = template_localtime(meeting.starts_at, context.use_tz)
    weekdays, months = _day_and_month_names(context)
    text = (
        f"{weekdays[starts.weekday()]} {starts.day} {months[starts.month]} {starts.year}, "
        f"{starts:%H:%M}"
    )
    # isoformat() is what the date filter's "c" gives.
    html = format_html('<time datetime="{}">{}</time>', starts.isoformat(), text)
    ends = getattr(meeting, "ends_at", None)
    if ends:
        html += format_html("–{}", f"{template_localtime(ends, context.use_tz):%H:%M}")
    return html


@register.simple_tag(takes_context=True)
def meeting_status(context, meeting) -> str:
    # Each status's translated label once per page, not once per row.
    badges = context.render_context.setdefault("meeting_status_badges", {})
    if meeting.status not in badges:
        badges[meeting.status] = format_html(
            '<span class="{}">{}</span>',
            STATUS_BADGE_CLASSES.get(meeting.status, "badge badge--muted"),
            meeting.get_status_display(),
        )
    return badges[meeting.status]
