"""The server-side SVG charts: well-formed, accessible, CSP-safe (no style attributes)."""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from django.utils.html import conditional_escape

from mentoring import charts

NS = {"svg": "http://www.w3.org/2000/svg"}
TODAY = date(2025, 3, 12)  # a Wednesday


def calendar(done_days: set[date], weeks: int = 12, today: date = TODAY) -> dict:
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    return {
        "today": today,
        "weeks": [
            [
                {"date": day, "done": day in done_days, "future": day > today}
                for day in (first + timedelta(weeks=w, days=i) for i in range(7))
            ]
            for w in range(weeks)
        ],
    }


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on markup that is not well-formed XML


def assert_no_style(root: ET.Element) -> None:
    assert all("style" not in element.attrib for element in root.iter())
    assert root.find(".//svg:style", NS) is None


def test_heatmap_is_well_formed_accessible_svg_with_a_cell_per_day():
    done = {TODAY, TODAY - timedelta(days=1), TODAY - timedelta(days=10)}
    svg = charts.habit_heatmap(calendar(done), name="Walk & <talk>")
    root = parse(svg)

    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Walk & <talk>: done on 3 of the last 80 days"
    assert_no_style(root)
    cells = root.findall("svg:rect", NS)
    assert len(cells) == 7 * 12
    assert all(cell.find("svg:title", NS) is not None for cell in cells)


def test_heatmap_fills_done_not_done_and_future_days_differently():
    root = parse(charts.habit_heatmap(calendar({TODAY - timedelta(days=1)})))
    by_title = {cell.find("svg:title", NS).text: cell for cell in root.findall("svg:rect", NS)}

    done = by_title["Tue 11 Mar: done"]
    not_done = by_title["Mon 10 Mar: not done"]
    today = by_title["Wed 12 Mar: not done (today)"]
    future = by_title["Thu 13 Mar: still to come"]
    assert done.get("fill") == charts.DONE_FILL
    assert not_done.get("fill") == charts.NOT_DONE_FILL
    assert future.get("fill") == charts.FUTURE_FILL
    assert today.get("stroke") == charts.TODAY_STROKE
    assert len({done.get("fill"), not_done.get("fill"), future.get("fill")}) == 3


def test_heatmap_uses_the_words_it_is_given():
    words = charts.HeatmapWords(
        done="hecho",
        summary="%(name)s: %(done)s de %(days)s días",
        format_day=lambda day: day.isoformat(),
    )
    root = parse(charts.habit_heatmap(calendar({TODAY}), name="Caminar", words=words))
    assert root.get("aria-label") == "Caminar: 1 de 80 días"
    titles = [title.text for title in root.iter("{http://www.w3.org/2000/svg}title")]
    assert "2025-03-12: hecho (today)" in titles


def test_chart_markup_prints_unescaped_in_templates_but_escapes_its_own_text():
    svg = charts.habit_heatmap(calendar(set()), name='"><script>alert(1)</script>')
    assert conditional_escape(svg) == svg  # templates print it as markup
    assert "<script>" not in svg
    parse(svg)


def test_trend_chart_is_well_formed_accessible_svg():
    start = TODAY - timedelta(days=29)
    points = [(TODAY - timedelta(days=i), 1 + i % 5) for i in range(10)]
    svg = charts.trend_chart(
        points, start=start, end=TODAY, low=1, high=5, label="Mood over the last 30 days: …"
    )
    root = parse(svg)

    assert root.get("role") == "img"
    assert root.get("aria-label") == "Mood over the last 30 days: …"
    assert_no_style(root)
    dots = root.findall("svg:circle", NS)
    assert len(dots) == 10
    assert all(dot.find("svg:title", NS) is not None for dot in dots)
    assert len(root.findall("svg:path", NS)) == 1  # ten consecutive days: one line


def test_trend_chart_breaks_the_line_at_missing_days_and_ignores_points_outside():
    start = TODAY - timedelta(days=29)
    points = [
        (TODAY - timedelta(days=9), 2),
        (TODAY - timedelta(days=8), 3),
        (TODAY - timedelta(days=2), 4),
        (TODAY - timedelta(days=1), 5),
        (TODAY - timedelta(days=40), 1),  # outside the period
        (TODAY, 3),
    ]
    root = parse(charts.trend_chart(points, start=start, end=TODAY, low=1, high=5, label="Mood"))
    assert len(root.findall("svg:circle", NS)) == 5
    assert len(root.findall("svg:path", NS)) == 2


def test_trend_chart_places_higher_values_higher_and_clamps_to_the_scale():
    start = TODAY - timedelta(days=1)
    root = parse(
        charts.trend_chart(
            [(start, 0), (TODAY, 10)], start=start, end=TODAY, low=0, high=10, label="Craving"
        )
    )
    low_dot, high_dot = root.findall("svg:circle", NS)
    assert float(high_dot.get("cy")) < float(low_dot.get("cy"))
    assert float(high_dot.get("cx")) > float(low_dot.get("cx"))


def test_trend_chart_without_data_says_so():
    root = parse(
        charts.trend_chart(
            [], start=TODAY - timedelta(days=29), end=TODAY, low=1, high=5, label="Mood"
        )
    )
    texts = [text.text for text in root.findall("svg:text", NS)]
    assert "No check-ins in this period yet." in texts
    assert root.findall("svg:circle", NS) == []


def test_trend_summary_average_lowest_and_highest_with_the_latest_day_on_ties():
    first, second, third = TODAY - timedelta(days=2), TODAY - timedelta(days=1), TODAY
    summary = charts.trend_summary([(first, 2), (second, 5), (third, 2)])
    assert summary.count == 3
    assert summary.average == 3.0
    assert summary.lowest == (2, third)
    assert summary.highest == (5, second)
    assert charts.trend_summary([]).average is None


def test_one_words_object_formats_each_day_once_across_heat_maps():
    formatted = []

    def format_day(day: date) -> str:
        formatted.append(day)
        return day.isoformat()

    words = charts.HeatmapWords(format_day=format_day)
    first = charts.habit_heatmap(calendar({TODAY}), name="Walk", words=words)
    second = charts.habit_heatmap(calendar(set()), name="Read", words=words)

    assert len(formatted) == len(set(formatted)) == 7 * 12
    assert f"{TODAY.isoformat()}: done (today)" in first
    assert f"{TODAY.isoformat()}: not done (today)" in second


def test_trend_and_sparkline_break_the_line_on_the_same_missing_days():
    points = [(TODAY - timedelta(days=d), 3) for d in (0, 1, 2, 5, 6, 9)]
    start = TODAY - timedelta(days=9)

    trend = parse(charts.trend_chart(points, start=start, end=TODAY, low=1, high=5, label="x"))
    spark = parse(charts.sparkline(points, label="x", start=start, end=TODAY))

    # Runs: days 0-2 and 5-6 are lines; day 9 stands alone (a dot on the sparkline only).
    assert len(trend.findall("svg:path", NS)) == 2
    assert len(spark.findall("svg:path", NS)) == 2
    assert [len(p.get("d").split("L")) for p in trend.findall("svg:path", NS)] == [2, 3]
