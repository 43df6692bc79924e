"""The meeting tags that replace per-row includes on the meetings pages: same markup, in the
time zone the page activated, and row URLs equal to what {% url %} gives."""

from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from mentoring.models import Meeting


def render(source: str, **context) -> str:
    return Template("{% load meeting_tags row_tags tz %}" + source).render(Context(context))


def test_meeting_when_shows_start_and_end_in_the_pages_time_zone():
    meeting = Meeting(starts_at=datetime(2026, 3, 2, 14, 0, tzinfo=UTC), status="held")
    meeting.ends_at = meeting.starts_at + timedelta(minutes=45)

    html = render(
        '{% timezone "America/New_York" %}{% meeting_when meeting %}{% endtimezone %}',
        meeting=meeting,
    )

    assert html == '<time datetime="2026-03-02T09:00:00-05:00">Mon 2 Mar 2026, 09:00</time>–09:45'


def test_meeting_when_without_an_end_shows_the_start_only():
    meeting = Meeting(starts_at=datetime(2026, 3, 2, 14, 0, tzinfo=UTC), status="held")

    html = render(
        '{% timezone "UTC" %}{% meeting_when meeting %}{% endtimezone %}', meeting=meeting
    )

    assert html == '<time datetime="2026-03-02T14:00:00+00:00">Mon 2 Mar 2026, 14:00</time>'


def test_meeting_status_badges_are_labelled_per_status_within_one_page():
    meetings = [Meeting(status=status) for status in ("proposed", "held", "cancelled", "held")]

    html = render("{% for m in meetings %}{% meeting_status m %}|{% endfor %}", meetings=meetings)

    assert html.split("|")[:-1] == [
        '<span class="badge badge--warn">Proposed</span>',
        '<span class="badge badge--ok">Held</span>',
        '<span class="badge badge--muted">Cancelled</span>',
        '<span class="badge badge--ok">Held</span>',
    ]


def test_row_url_equals_the_url_tag_for_every_row():
    ids = [1, 7, 2_147_000_123 + 1, 40]

    html = render(
        "{% for pk in ids %}{% row_url 'meetings:detail' slug pk %} {% endfor %}",
        ids=ids,
        slug="peer-program",
    )

    assert html.split() == [reverse("meetings:detail", args=["peer-program", pk]) for pk in ids]


def test_choice_label_gives_each_rows_own_label():
    meetings = [Meeting(format=f, status=s) for f, s in (("video", "held"), ("phone", "held"))]

    html = render(
        "{% for m in meetings %}{% choice_label m 'format' %}/{% choice_label m 'status' %};"
        "{% endfor %}",
        meetings=meetings,
    )

    expected = [f"{m.get_format_display()}/{m.get_status_display()}" for m in meetings]
    assert html.split(";")[:-1] == expected
    assert expected[0] != expected[1]


@pytest.mark.parametrize("language", ["en", "es"])
def test_meeting_when_reads_like_the_date_filter_in_every_language(language):
    starts = datetime(2026, 1, 1, 9, 5, tzinfo=UTC)
    meetings = [Meeting(starts_at=starts + timedelta(days=d, hours=d)) for d in range(0, 365, 7)]
    for meeting in meetings:
        meeting.ends_at = meeting.starts_at + timedelta(minutes=50)

    with translation.override(language):
        ours = render(
            '{% timezone "Europe/Madrid" %}{% for m in meetings %}{% meeting_when m %}|'
            "{% endfor %}{% endtimezone %}",
            meetings=meetings,
        )
        filters = render(
            '{% timezone "Europe/Madrid" %}{% for m in meetings %}'
            '<time datetime="{{ m.starts_at|date:"c" }}">{{ m.starts_at|date:"D j M Y, H:i" }}'
            "</time>–{{ m.ends_at|time:'H:i' }}|{% endfor %}{% endtimezone %}",
            meetings=meetings,
        )

    assert ours == filters
