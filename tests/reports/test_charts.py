"""The weekly bar chart: accessible names, one bar per week, a readable axis, no style=."""

from datetime import date, timedelta

from reports.charts import _nice_top, weekly_bars


def test_a_bar_per_week_with_title_description_and_axis():
    weeks = [date(2026, 9, 7) + timedelta(weeks=n) for n in range(12)]
    points = [(week, n * 3) for n, week in enumerate(weeks)]
    svg = weekly_bars(
        points,
        chart_id="chart-x",
        title="Check-ins per week",
        description="99 check-ins <over> 12 weeks",
        format_week=lambda day: f"{day:%b} {day.day}",
        bar_label=lambda week, value: f"Week of {week:%b} {week.day}: {value}",
    )
    assert 'role="img" aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert '<title id="chart-x-title">Check-ins per week</title>' in svg
    assert "99 check-ins &lt;over&gt; 12 weeks" in svg
    assert svg.count("<rect ") == 12
    assert "<title>Week of Nov 23: 33</title>" in svg
    assert ">Sep 7</text>" in svg and ">Nov 23</text>" in svg
    assert ">50</text>" in svg  # the axis tops out at 50 for a highest bar of 33
    assert "style=" not in svg


def test_empty_weeks_still_draw_an_axis():
    svg = weekly_bars(
        [(date(2026, 1, 5), 0)],
        chart_id="c",
        title="t",
        description="d",
        format_week=str,
        bar_label=lambda week, value: str(value),
    )
    assert ">1</text>" in svg and 'height="0"' in svg


def test_nice_top():
    assert [_nice_top(n) for n in (1, 2, 3, 6, 11, 33, 120, 5000)] == [
        1,
        2,
        5,
        10,
        20,
        50,
        200,
        5000,
    ]
