"""Lines over days: the check-in trend charts and the mentor dashboard's mood sparkline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .svg import (
    AXIS_TEXT,
    GRID_STROKE,
    MOOD_STROKE,
    SVG,
    SVG_NS,
    _memo,
    _number,
    _short_day,
    _text,
)


def _consecutive_days(points: Sequence[tuple[date, int]]) -> list[list[tuple[date, int]]]:
    """Sorted (day, value) points cut where a day is missing, so a gap never looks like a
    steady trend: each piece is drawn as its own line."""
    segments: list[list[tuple[date, int]]] = []
    for day, value in points:
        if segments and (day - segments[-1][-1][0]).days == 1:
            segments[-1].append((day, value))
        else:
            segments.append([(day, value)])
    return segments


def _line_path(
    segment: Sequence[tuple[date, int]],
    x_of: Callable[[date], str],
    y_of: Callable[[int], str],
) -> str:
    """An SVG path through the points of one segment: move to the first, line to the rest."""
    return " ".join(
        f"{'M' if i == 0 else 'L'}{x_of(day)} {y_of(value)}"
        for i, (day, value) in enumerate(segment)
    )


# TREND CHARTS


@dataclass(frozen=True)
class TrendSummary:
    count: int
    average: float | None
    lowest: tuple[int, date] | None  # (value, the most recent day it happened)
    highest: tuple[int, date] | None


def trend_summary(points: Sequence[tuple[date, int]]) -> TrendSummary:
    """Count, average, lowest and highest (latest day on ties) of (day, value) points."""
    if not points:
        return TrendSummary(count=0, average=None, lowest=None, highest=None)
    values = [value for _day, value in points]
    lowest = min(points, key=lambda point: (point[1], -point[0].toordinal()))
    highest = max(points, key=lambda point: (point[1], point[0].toordinal()))
    return TrendSummary(
        count=len(points),
        average=round(sum(values) / len(values), 1),
        lowest=(lowest[1], lowest[0]),
        highest=(highest[1], highest[0]),
    )


@dataclass(frozen=True)
class TrendWords:
    format_day: Callable[[date], str] = field(default=_short_day)
    no_data: str = "No check-ins in this period yet."
    # The mood and craving charts label the same days: format each once.
    _day_labels: dict = field(default_factory=dict, compare=False, repr=False)

    def day_label(self, day: date) -> str:
        return _memo(self._day_labels, day, self.format_day)


# About a phone's card width, so that the axis text stays readable without scaling down.
TREND_WIDTH = 340
TREND_HEIGHT = 180
TREND_LEFT = 26
TREND_RIGHT = 10
TREND_TOP = 10
TREND_BOTTOM = 26


def trend_chart(
    points: Sequence[tuple[date, int]],
    *,
    start: date,
    end: date,
    low: int,
    high: int,
    label: str,
    ticks: Sequence[int] | None = None,
    stroke: str = MOOD_STROKE,
    words: TrendWords | None = None,
) -> SVG:
    """A line-and-dot chart of daily values between `start` and `end` (inclusive).

    Days without a value break the line, so a gap never looks like a steady trend. `label` is
    the chart's accessible name: a sentence summarising it, also shown as text on the page."""
    words = words or TrendWords()
    ticks = list(ticks) if ticks is not None else list(range(low, high + 1))
    plot_width = TREND_WIDTH - TREND_LEFT - TREND_RIGHT
    plot_height = TREND_HEIGHT - TREND_TOP - TREND_BOTTOM
    span_days = max((end - start).days, 1)
    span_values = max(high - low, 1)

    def x_of(day: date) -> float:
        return TREND_LEFT + (day - start).days / span_days * plot_width

    def y_of(value: float) -> float:
        clamped = min(max(value, low), high)
        return TREND_TOP + (high - clamped) / span_values * plot_height

    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart chart--trend" role="img" '
        f'aria-label="{_text(label)}" viewBox="0 0 {TREND_WIDTH} {TREND_HEIGHT}" '
        f'width="{TREND_WIDTH}" height="{TREND_HEIGHT}" preserveAspectRatio="xMidYMid meet">'
    ]
    right = TREND_LEFT + plot_width
    for tick in ticks:
        y = _number(y_of(tick))
        parts.append(
            f'<line x1="{TREND_LEFT}" y1="{y}" x2="{right}" y2="{y}" '
            f'stroke="{GRID_STROKE}" stroke-width="1"/>'
            f'<text x="{TREND_LEFT - 6}" y="{_number(y_of(tick) + 4)}" font-size="12" '
            f'text-anchor="end" fill="{AXIS_TEXT}">{tick}</text>'
        )
    baseline = TREND_HEIGHT - 8
    middle = start + (end - start) / 2
    for day, anchor in ((start, "start"), (middle, "middle"), (end, "end")):
        parts.append(
            f'<text x="{_number(x_of(day))}" y="{baseline}" font-size="12" '
            f'text-anchor="{anchor}" fill="{AXIS_TEXT}">{_text(words.day_label(day))}</text>'
        )
    inside = sorted(
        ((day, value) for day, value in points if start <= day <= end), key=lambda p: p[0]
    )
    if not inside:
        parts.append(
            f'<text x="{_number(TREND_LEFT + plot_width / 2)}" '
            f'y="{_number(TREND_TOP + plot_height / 2)}" font-size="13" text-anchor="middle" '
            f'fill="{AXIS_TEXT}">{_text(words.no_data)}</text>'
        )
    for segment in _consecutive_days(inside):
        if len(segment) < 2:
            continue
        path = _line_path(segment, lambda day: _number(x_of(day)), lambda v: _number(y_of(v)))
        parts.append(
            f'<path d="{path}" fill="none" stroke="{stroke}" stroke-width="2" '
            f'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    radius = "3.5" if span_days <= 31 else "2.5"  # 90 days of dots must not merge into a smear
    for day, value in inside:
        parts.append(
            f'<circle cx="{_number(x_of(day))}" cy="{_number(y_of(value))}" r="{radius}" '
            f'fill="{stroke}"><title>{_text(words.day_label(day))}: {value}</title></circle>'
        )
    parts.append("</svg>")
    return SVG("".join(parts))


# SPARKLINE


SPARK_WIDTH = 112
SPARK_HEIGHT = 28
SPARK_PAD = 3


def sparkline(
    points: Sequence[tuple[date, int]],
    *,
    label: str,
    start: date | None = None,
    end: date | None = None,
    low: int = 1,
    high: int = 5,
    stroke: str = MOOD_STROKE,
) -> SVG:
    """A word-sized line of daily values for a table cell (the mentor dashboard's mood trend).

    No axes: `label` is the accessible name and must say what the line shows. Days between
    `start` and `end` (default: the first and last point) keep their place, and days without
    a value break the line, as in `trend_chart`; the latest value gets a dot."""
    inside = sorted(points, key=lambda point: point[0])
    if inside:
        start = start or inside[0][0]
        end = end or inside[-1][0]
        inside = [(day, value) for day, value in inside if start <= day <= end]
    plot_width = SPARK_WIDTH - 2 * SPARK_PAD
    plot_height = SPARK_HEIGHT - 2 * SPARK_PAD
    span_days = max((end - start).days, 1) if start and end else 1
    span_values = max(high - low, 1)

    def x_of(day: date) -> str:
        return _number(SPARK_PAD + (day - start).days / span_days * plot_width)

    def y_of(value: int) -> str:
        clamped = min(max(value, low), high)
        return _number(SPARK_PAD + (high - clamped) / span_values * plot_height)

    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart chart--sparkline" role="img" '
        f'aria-label="{_text(label)}" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" '
        f'width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}">'
    ]
    middle = _number(SPARK_HEIGHT / 2)
    # A faint midline, so an empty or flat sparkline still reads as a chart.
    parts.append(
        f'<line x1="{SPARK_PAD}" y1="{middle}" x2="{SPARK_WIDTH - SPARK_PAD}" y2="{middle}" '
        f'stroke="{GRID_STROKE}" stroke-width="1" stroke-dasharray="2 3"/>'
    )
    for segment in _consecutive_days(inside):
        if len(segment) < 2:
            parts.append(
                f'<circle cx="{x_of(segment[0][0])}" cy="{y_of(segment[0][1])}" r="1.5" '
                f'fill="{stroke}"/>'
            )
            continue
        path = _line_path(segment, x_of, y_of)
        parts.append(
            f'<path d="{path}" fill="none" stroke="{stroke}" stroke-width="1.75" '
            f'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    if inside:
        day, value = inside[-1]
        parts.append(f'<circle cx="{x_of(day)}" cy="{y_of(value)}" r="2.5" fill="{stroke}"/>')
    parts.append("</svg>")
    return SVG("".join(parts))
