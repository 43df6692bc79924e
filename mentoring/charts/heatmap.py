"""The habit heat map: 12 weeks of days, done or not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .svg import (
    AXIS_TEXT,
    DONE_FILL,
    FUTURE_FILL,
    FUTURE_STROKE,
    NOT_DONE_FILL,
    NOT_DONE_STROKE,
    SVG,
    SVG_NS,
    TODAY_STROKE,
    _memo,
    _month,
    _short_day,
    _text,
)


@dataclass(frozen=True)
class HeatmapWords:
    done: str = "done"
    not_done: str = "not done"
    future: str = "still to come"
    today: str = "today"
    # %(name)s, %(done)s and %(days)s are filled in.
    summary: str = "%(name)s: done on %(done)s of the last %(days)s days"
    weekdays: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    format_day: Callable[[date], str] = field(default=_short_day)
    format_month: Callable[[date], str] = field(default=_month)
    # One page draws several heat maps over the same 84 days: each day's label (a translated,
    # localised date) is formatted once per words object, that is once per request.
    _day_labels: dict = field(default_factory=dict, compare=False, repr=False)

    def day_label(self, day: date) -> str:
        return _memo(self._day_labels, day, self.format_day)


CELL = 14
GAP = 3
STEP = CELL + GAP
HEAT_LEFT = 34  # room for the weekday labels
HEAT_TOP = 16  # room for the month labels


def heatmap_counts(calendar: dict) -> tuple[int, int]:
    """(days done, days so far) over the calendar's weeks, future days left out."""
    days = [day for week in calendar["weeks"] for day in week if not day["future"]]
    return sum(1 for day in days if day["done"]), len(days)


def habit_heatmap(calendar: dict, *, name: str = "", words: HeatmapWords | None = None) -> SVG:
    """Weeks as columns (oldest first), Monday to Sunday as rows, one square per day.

    `calendar` is one entry of mentoring.selectors.habit_calendars: {"weeks": [[{"date", "done",
    "future"} x 7] x weeks], "today": date}."""
    words = words or HeatmapWords()
    weeks = calendar["weeks"]
    today = calendar.get("today")
    done, days = heatmap_counts(calendar)
    summary = words.summary % {"name": name, "done": done, "days": days}
    width = HEAT_LEFT + len(weeks) * STEP
    height = HEAT_TOP + 7 * STEP
    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart chart--heatmap" role="img" '
        f'aria-label="{_text(summary)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
    ]
    for row in (0, 2, 4):  # Mon, Wed, Fri, like a paper calendar's margin
        y = HEAT_TOP + row * STEP + CELL - 3
        parts.append(
            f'<text x="0" y="{y}" font-size="10" fill="{AXIS_TEXT}">'
            f"{_text(words.weekdays[row])}</text>"
        )
    previous_month = None
    for column, week in enumerate(weeks):
        x = HEAT_LEFT + column * STEP
        first = week[0]["date"]
        month = (first.year, first.month)
        if month != previous_month:
            # Label a month where its first Monday column starts, skipping a cramped first one.
            if previous_month is not None or first.day <= 7:
                parts.append(
                    f'<text x="{x}" y="11" font-size="10" fill="{AXIS_TEXT}">'
                    f"{_text(words.format_month(first))}</text>"
                )
            previous_month = month
        for row, day in enumerate(week):
            y = HEAT_TOP + row * STEP
            if day["future"]:
                fill, stroke, state, kind = FUTURE_FILL, FUTURE_STROKE, words.future, "future"
            elif day["done"]:
                fill, stroke, state, kind = DONE_FILL, None, words.done, "done"
            else:
                fill, stroke, state = NOT_DONE_FILL, NOT_DONE_STROKE, words.not_done
                kind = "not-done"
            if day["date"] == today:
                stroke, state = TODAY_STROKE, f"{state} ({words.today})"
            outline = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
            label = f"{words.day_label(day['date'])}: {state}"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="3" '
                f'data-state="{kind}" fill="{fill}"{outline}><title>{_text(label)}</title></rect>'
            )
    parts.append("</svg>")
    return SVG("".join(parts))


# LINES OVER DAYS
