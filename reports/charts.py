"""A bar per week, drawn on the server as SVG with the house chart helpers (no JavaScript,
no chart library, presentation attributes only for the content security policy). The page
prints the same numbers in a table beside each chart; the SVG carries a title and a
description for screen readers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from mentoring.charts import SVG
from mentoring.charts.svg import AXIS_TEXT, DONE_FILL, GRID_STROKE, SVG_NS, _number, _text

WIDTH = 340
HEIGHT = 180
LEFT = 30
RIGHT = 8
TOP = 12
BOTTOM = 26


def _nice_top(highest: int) -> int:
    """The axis' top: the smallest of 1, 2, 5 x 10^n at or above the highest bar."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if step * top >= highest:
                return step * top
        top *= 10


def weekly_bars(
    points: Sequence[tuple[date, int]],
    *,
    chart_id: str,
    title: str,
    description: str,
    format_week: Callable[[date], str],
    bar_label: Callable[[date, int], str],
) -> SVG:
    top = _nice_top(max((value for _week, value in points), default=0) or 1)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(points), 1)
    bar = slot * 0.7

    def y_of(value: float) -> float:
        return TOP + (top - value) / top * plot_height

    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart chart--bars" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(description)}</desc>',
    ]
    for tick in (0, top // 2 if top >= 2 else None, top):
        if tick is None:
            continue
        y = _number(y_of(tick))
        parts.append(
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="{GRID_STROKE}" '
            f'stroke-width="1"/><text x="{LEFT - 5}" y="{_number(y_of(tick) + 4)}" '
            f'font-size="12" text-anchor="end" fill="{AXIS_TEXT}">{tick}</text>'
        )
    for index, (week, value) in enumerate(points):
        x = LEFT + index * slot + (slot - bar) / 2
        y = y_of(value)
        parts.append(
            f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(bar)}" '
            f'height="{_number(TOP + plot_height - y)}" fill="{DONE_FILL}">'
            f"<title>{_text(bar_label(week, value))}</title></rect>"
        )
    if points:
        baseline = HEIGHT - 8
        for week, anchor, x in (
            (points[0][0], "start", LEFT),
            (points[-1][0], "end", WIDTH - RIGHT),
        ):
            parts.append(
                f'<text x="{x}" y="{baseline}" font-size="12" text-anchor="{anchor}" '
                f'fill="{AXIS_TEXT}">{_text(format_week(week))}</text>'
            )
    parts.append("</svg>")
    return SVG("".join(parts))
