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
from django.urls import reverse
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


# A pk no row will have: the URL is reversed once with it, then each row's id replaces it.
_PLACEHOLDER_ID = 2_147_000_123


@register.simple_tag(takes_context=True)
def row_url(context, view_name: str, program_slug: str, object_id) -> str:
    """`{% url view_name program_slug object_id %}` for rows of a long list: Django resolves
    the URL pattern once per page (per view name and program), each row only fills in its id.
    Reversing costs ~0.1 ms, and a past-meetings table needs two per row."""
    prefixes = context.render_context.setdefault("row_url_prefixes", {})
    key = (view_name, program_slug)
    if key not in prefixes:
        url = reverse(view_name, args=[program_slug, _PLACEHOLDER_ID])
        prefixes[key] = url.split(str(_PLACEHOLDER_ID), 1)
    before, after = prefixes[key]
    return f"{before}{int(object_id)}{after}"
