"""Server-side SVG charts for the mentee workspace: the habit heat map and the check-in trends.

Pure Python (no ORM, no request): plain data in, an SVG string out, so the charts need no
JavaScript, no chart library and no CDN, and pass the content security policy (presentation
attributes such as fill="..." only, never style=""). Words and date formats come in from
the caller, already translated.
"""

from .heatmap import HeatmapWords, habit_heatmap, heatmap_counts  # noqa: F401
from .svg import (  # noqa: F401
    CRAVING_STROKE,
    DONE_FILL,
    FUTURE_FILL,
    MOOD_STROKE,
    NOT_DONE_FILL,
    SVG,
    TODAY_STROKE,
)
from .trends import TrendSummary, TrendWords, sparkline, trend_chart, trend_summary  # noqa: F401
