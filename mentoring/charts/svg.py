"""What every chart shares: the SVG string type, colours, and small text helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

SVG_NS = "http://www.w3.org/2000/svg"

# Colours meet 3:1 contrast against the white card for the marks that carry meaning, and the
# axis text 4.5:1 (AXIS_TEXT 6.9:1, DONE_FILL/MOOD_STROKE 6.0:1, CRAVING_STROKE 6.8:1).
# Grid lines are decoration. tests/browser/test_accessibility_journey.py measures them.
DONE_FILL = "#1f6f5c"
NOT_DONE_FILL = "#e3e8e6"
# The light "not done" square is outlined at 3.9:1 against the white card, so each day that
# counts can be told from the page (WCAG 1.4.11); the future's faint outline carries nothing.
NOT_DONE_STROKE = "#768380"
FUTURE_FILL = "#ffffff"
FUTURE_STROKE = "#d9dfdc"
TODAY_STROKE = "#1c2624"
GRID_STROKE = "#d9dfdc"
AXIS_TEXT = "#4f5d5a"
MOOD_STROKE = "#1f6f5c"
CRAVING_STROKE = "#8a4b00"


class SVG(str):
    """Markup that Django templates print as it is (they honour __html__)."""

    def __html__(self) -> str:
        return str(self)


def _text(value: object) -> str:
    return escape(str(value), quote=True)


def _short_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _month(day: date) -> str:
    return f"{day:%b}"


def _memo(labels: dict, day: date, format_day: Callable[[date], str]) -> str:
    if day not in labels:
        labels[day] = format_day(day)
    return labels[day]


def _number(value: float) -> str:
    """Coordinates with at most one decimal, no trailing zeros: short, stable output."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


# HABIT HEAT MAP
