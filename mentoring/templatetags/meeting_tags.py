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
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.timezone import template_localtime

register = template.Library()

STATUS_BADGE_CLASSES = {
    "proposed": "badge badge--warn",
    "confirmed": "badge",
    "held": "badge badge--ok",
}


@register.simple_tag(takes_context=True)
def meeting_when(context, meeting) -> str:
    """The start as a <time>, and the end time when the meeting has one (`ends_at`)."""
    starts = template_localtime(meeting.starts_at, context.use_tz)
    ends = getattr(meeting, "ends_at", None)
    html = format_html(
        '<time datetime="{}">{}</time>',
        starts.isoformat(),  # what the date filter's "c" gives, without parsing a format
        date_format(starts, "D j M Y, H:i"),
    )
    if ends:
        html += format_html("–{}", time_format(template_localtime(ends, context.use_tz), "H:i"))
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

