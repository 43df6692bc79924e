"""Habits: streaks (daily, weekly, backfill), the 7-day window, one-tap logging with and
without htmx, the habit form, and who may see or change a habit."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import Pairing
from mentoring import access, services
from mentoring.models import Habit, HabitLog, Visibility
from mentoring.selectors.habits import HabitState, habits_for
from mentoring.services.habits import week_start
from tests.factories import PairingFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def make_habit(membership, **kwargs) -> Habit:
    return services.habit_create(membership=membership, name=kwargs.pop("name", "Walk"), **kwargs)


def today_of(membership):
    return services.local_today(membership)


def state_of(habit: Habit, viewer=None) -> HabitState:
    viewer = viewer or habit.membership
    states = habits_for(membership=habit.membership, viewer=viewer)
    return next(state for state in states if state.habit.pk == habit.pk)


def log_url(program, habit, action="log"):
    return reverse(f"habits:{action}", kwargs={"program_slug": program.slug, "habit_id": habit.pk})


def index_url(program):
    return reverse("habits:index", kwargs={"program_slug": program.slug})


# SERVICES: STREAKS


def test_daily_streak_counts_consecutive_days_up_to_today(mentee):
    habit = make_habit(mentee)
    today = today_of(mentee)
    for days_ago in (2, 1, 0):
        services.habit_log(habit=habit, day=today - timedelta(days=days_ago))

    state = state_of(habit)
    assert state.current_streak == 3
    assert state.longest_streak == 3
    assert state.done_today is True


def test_backfilling_the_last_7_days_in_any_order_builds_the_streak(mentee):
    habit = make_habit(mentee)
    today = today_of(mentee)
    for days_ago in (0, 3, 6, 1, 5, 2, 4):
        services.habit_log(habit=habit, day=today - timedelta(days=days_ago))

    assert state_of(habit).current_streak == 7
    assert HabitLog.objects.filter(habit=habit).count() == 7


def test_current_streak_survives_until_the_end_of_today_and_ends_after_a_missed_day(mentee):
    habit = make_habit(mentee)
    today = today_of(mentee)
    services.habit_log(habit=habit, day=today - timedelta(days=1))
    assert state_of(habit).current_streak == 1  # yesterday counts until today is over

    HabitLog.objects.all().delete()
    services.habit_log(habit=habit, day=today - timedelta(days=2))
    state = state_of(habit)
    assert state.current_streak == 0
    assert state.longest_streak == 1


def test_longest_streak_is_kept_after_a_gap(mentee):
    habit = make_habit(mentee)
    today = today_of(mentee)
    HabitLog.objects.bulk_create(
        HabitLog(habit=habit, date=today - timedelta(days=days_ago))
        for days_ago in range(30, 20, -1)
    )
    services.habit_log(habit=habit, day=today)  # recomputes from all the logs

    state = state_of(habit)
    assert state.current_streak == 1
    assert state.longest_streak == 10


def test_weekly_streak_counts_weeks_that_met_the_target(mentee):
    habit = make_habit(mentee, cadence=Habit.Cadence.WEEKLY, times_per_week=2)
    monday = week_start(today_of(mentee))
    logs = []
    for weeks_ago in (1, 2, 3):  # three full weeks, twice each
        week = monday - timedelta(weeks=weeks_ago)
        logs += [HabitLog(habit=habit, date=week), HabitLog(habit=habit, date=week + timedelta(1))]
    week = monday - timedelta(weeks=6)  # an older, longer run of four weeks
    logs += [
        HabitLog(habit=habit, date=week - timedelta(weeks=n) + timedelta(days=d))
        for n in range(4)
        for d in (0, 1)
    ]
    logs.append(HabitLog(habit=habit, date=monday - timedelta(weeks=4)))  # only once: missed
    HabitLog.objects.bulk_create(logs)
    services.habit_update(habit=habit)  # recompute the stored streaks

    state = state_of(habit)
    assert state.unit == "weeks"
    assert state.current_streak == 3  # last week's run is alive during this week
    assert state.longest_streak == 4
    assert state.target_this_week == 2


def test_weekly_streak_grows_when_this_week_reaches_the_target(mentee):
    habit = make_habit(mentee, cadence=Habit.Cadence.WEEKLY, times_per_week=1)
    today = today_of(mentee)
    last_week = week_start(today) - timedelta(weeks=1)
    HabitLog.objects.create(habit=habit, date=last_week)
    services.habit_log(habit=habit, day=today)

    state = state_of(habit)
    assert state.current_streak == 2
    assert state.done_this_week == 1


def test_logging_the_same_day_twice_keeps_one_log(mentee):
    habit = make_habit(mentee)
    services.habit_log(habit=habit)
    services.habit_log(habit=habit)
    assert HabitLog.objects.filter(habit=habit).count() == 1
    assert state_of(habit).current_streak == 1


def test_one_log_per_habit_and_day_is_held_by_the_database(mentee):
    habit = make_habit(mentee)
    HabitLog.objects.create(habit=habit, date=today_of(mentee))
    with pytest.raises(IntegrityError), transaction.atomic():
        HabitLog.objects.create(habit=habit, date=today_of(mentee))


@pytest.mark.parametrize("days_ago", [-1, 7, 30])
def test_logs_in_the_future_or_older_than_7_days_are_refused(mentee, days_ago):
    habit = make_habit(mentee)
    with pytest.raises(ValidationError):
        services.habit_log(habit=habit, day=today_of(mentee) - timedelta(days=days_ago))
    assert not HabitLog.objects.exists()


def test_the_sixth_day_back_is_still_open(mentee):
    habit = make_habit(mentee)
    services.habit_log(habit=habit, day=today_of(mentee) - timedelta(days=6))
    assert HabitLog.objects.filter(habit=habit).count() == 1


def test_unlog_clears_the_day_and_the_streak(mentee):
    habit = make_habit(mentee)
    today = today_of(mentee)
    services.habit_log(habit=habit, day=today)
    services.habit_unlog(habit=habit, day=today)
    assert not HabitLog.objects.exists()
    assert state_of(habit).current_streak == 0


# VIEWS: THE HABITS PAGE


def test_index_shows_streaks_week_heat_map_and_the_form_labels(login, program, mentee):
    habit = make_habit(mentee, name="Morning walk")
    services.habit_log(habit=habit)
    response = login(mentee).get(index_url(program))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Morning walk" in html
    assert "Current streak" in html and "Longest streak" in html and "This week" in html
    assert "1 of 7 days" in html
    for label in ("Habit", "Private", "Kind", "How often", "Times per week"):
        assert f">{label}" in html
    assert "Only you can see it. Your mentor sees shared items only." in html
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart')
    root = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    assert root.get("role") == "img"
    assert "Morning walk: done on 1 of the last" in root.get("aria-label")
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 84
    assert "Done on 1 of the last" in html  # the text alternative under the chart
    assert html.count("aria-pressed=") == 7  # the last 7 days, one toggle each


def test_one_tap_without_javascript_logs_today_and_redirects_back(login, program, mentee):
    habit = make_habit(mentee)
    client = login(mentee)
    response = client.post(log_url(program, habit))

    assert response.status_code == 302
    assert response.url == index_url(program)
    assert HabitLog.objects.get(habit=habit).date == today_of(mentee)
    assert "logged for" in client.get(response.url).content.decode()


def test_one_tap_with_htmx_returns_the_updated_card(login, program, mentee):
    habit = make_habit(mentee)
    response = login(mentee).post(log_url(program, habit), **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="habit-{habit.pk}"' in html
    assert "<html" not in html
    assert 'aria-pressed="true"' in html
    assert HabitLog.objects.filter(habit=habit).count() == 1


def test_htmx_tap_from_the_home_page_returns_the_home_row(login, program, mentee):
    habit = make_habit(mentee)
    home = reverse("program_home", kwargs={"program_slug": program.slug})
    response = login(mentee).post(
        log_url(program, habit), {"fragment": "today", "next": home}, **HTMX
    )
    html = response.content.decode()
    assert f'id="habit-today-{habit.pk}"' in html
    assert 'aria-pressed="true"' in html
    assert f'value="{home}"' in html
    assert log_url(program, habit, "unlog") in html  # the next tap clears it


def test_plain_tap_goes_back_to_a_safe_next_url_only(login, program, mentee):
    habit = make_habit(mentee)
    client = login(mentee)
    home = reverse("program_home", kwargs={"program_slug": program.slug})
    assert client.post(log_url(program, habit), {"next": home}).url == home
    for unsafe in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"):
        response = client.post(log_url(program, habit, "unlog"), {"next": unsafe})
        assert response.url == index_url(program)


def test_filling_in_an_earlier_day_of_the_last_week(login, program, mentee):
    habit = make_habit(mentee)
    day = today_of(mentee) - timedelta(days=3)
    login(mentee).post(log_url(program, habit), {"date": day.isoformat()})
    assert list(HabitLog.objects.values_list("date", flat=True)) == [day]


@pytest.mark.parametrize(
    ("days_ago", "message"),
    [(-1, "hasn&#x27;t come yet"), (7, "the last 7 days"), (400, "the last 7 days")],
)
def test_out_of_window_dates_get_a_message_and_save_nothing(
    login, program, mentee, days_ago, message
):
    habit = make_habit(mentee)
    client = login(mentee)
    day = (today_of(mentee) - timedelta(days=days_ago)).isoformat()

    response = client.post(log_url(program, habit), {"date": day}, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()

    response = client.post(log_url(program, habit), {"date": day}, **HTMX)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert message in response.content.decode()
    assert not HabitLog.objects.exists()


@pytest.mark.parametrize("value", ["banana", "2025-13-45", "9" * 30])
def test_tampered_dates_get_a_message_not_an_error_page(login, program, mentee, value):
    habit = make_habit(mentee)
    response = login(mentee).post(log_url(program, habit), {"date": value}, follow=True)
    assert response.status_code == 200
    assert "That date isn&#x27;t one we can read." in response.content.decode()
    assert not HabitLog.objects.exists()


def test_unlog_clears_an_earlier_day(login, program, mentee):
    habit = make_habit(mentee)
    day = today_of(mentee) - timedelta(days=2)
    services.habit_log(habit=habit, day=day)
    login(mentee).post(log_url(program, habit, "unlog"), {"date": day.isoformat()})
    assert not HabitLog.objects.exists()


def test_logging_needs_a_post(login, program, mentee):
    habit = make_habit(mentee)
    assert login(mentee).get(log_url(program, habit)).status_code == 405
    assert not HabitLog.objects.exists()


# VIEWS: ANOTHER PERSON'S HABIT


@pytest.mark.parametrize("action", ["log", "unlog", "edit", "archive"])
def test_another_persons_habit_is_404(login, program, mentee, other_mentee, action):
    habit = make_habit(other_mentee)
    response = login(mentee).post(log_url(program, habit, action), {"name": "Mine now"})
    assert response.status_code == 404
    habit.refresh_from_db()
    assert habit.name == "Walk" and habit.archived_at is None
    assert not HabitLog.objects.exists()


def test_own_habit_in_another_program_is_404_here(login, program, other_program, mentee):
    from tests.factories import MembershipFactory

    elsewhere = MembershipFactory(program=other_program, user=mentee.user)
    habit = make_habit(elsewhere)
    assert login(mentee).post(log_url(program, habit)).status_code == 404


def test_mentors_and_outsiders_cannot_open_the_habits_page(
    login, program, mentee, mentor, outsider
):
    PairingFactory(mentee=mentee, mentor=mentor)
    habit = make_habit(mentee)
    assert login(mentor).get(index_url(program)).status_code == 403
    assert login(mentor).post(log_url(program, habit)).status_code == 403
    assert login(outsider).get(index_url(program)).status_code == 404
    assert not HabitLog.objects.exists()


# VIEWS: THE HABIT FORM


def test_new_habit(login, program, mentee):
    client = login(mentee)
    response = client.post(
        reverse("habits:new", kwargs={"program_slug": program.slug}),
        {
            "name": "Meeting",
            "kind": "recovery_meeting",
            "cadence": "weekly",
            "times_per_week": "3",
            "private": "on",
        },
    )
    assert response.status_code == 302
    habit = Habit.objects.get(membership=mentee)
    assert (habit.name, habit.cadence, habit.times_per_week, habit.visibility) == (
        "Meeting",
        "weekly",
        3,
        Visibility.PRIVATE,
    )


def test_new_habit_is_shared_by_default_and_named_by_its_kind(login, program, mentee):
    login(mentee).post(
        reverse("habits:new", kwargs={"program_slug": program.slug}),
        {"name": "", "kind": "mindfulness", "cadence": "daily"},
    )
    habit = Habit.objects.get(membership=mentee)
    assert habit.name == "Mindfulness"
    assert habit.visibility == Visibility.SHARED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "kind": "custom", "cadence": "daily"}, "Name the habit."),
        (
            {"name": "Run", "kind": "custom", "cadence": "weekly", "times_per_week": "9"},
            "Between 1 and 7 times a week.",
        ),
        ({"name": "Run", "kind": "sleeping-in", "cadence": "daily"}, "Select a valid choice"),
        ({"name": "Run", "kind": "custom", "cadence": "hourly"}, "Select a valid choice"),
    ],
)
def test_bad_habit_input_gets_a_message_and_saves_nothing(login, program, mentee, data, message):
    response = login(mentee).post(
        reverse("habits:new", kwargs={"program_slug": program.slug}), data
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Habit.objects.exists()


def test_a_double_posted_habit_form_creates_one_habit(login, program, mentee):
    client = login(mentee)
    url = reverse("habits:new", kwargs={"program_slug": program.slug})
    data = {"name": "Evening walk", "kind": "exercise", "cadence": "daily"}
    client.post(url, data)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "You already track a habit with this name." in response.content.decode()
    assert Habit.objects.filter(membership=mentee).count() == 1


def test_edit_and_archive_a_habit(login, program, mentee):
    habit = make_habit(mentee)
    client = login(mentee)
    edit_url = log_url(program, habit, "edit")
    page = client.get(edit_url).content.decode()
    assert 'value="Walk"' in page

    client.post(
        edit_url, {"name": "Long walk", "kind": "exercise", "cadence": "daily", "private": "on"}
    )
    habit.refresh_from_db()
    assert (habit.name, habit.kind, habit.visibility) == ("Long walk", "exercise", "private")

    response = client.post(log_url(program, habit, "archive"))
    assert response.status_code == 302
    habit.refresh_from_db()
    assert habit.archived_at is not None
    assert f'id="habit-{habit.pk}"' not in client.get(index_url(program)).content.decode()
    response = client.post(log_url(program, habit), follow=True)
    assert "This habit is archived." in response.content.decode()
    response = client.post(log_url(program, habit), **HTMX)
    assert response.status_code == 200
    assert 'role="alert">This habit is archived.' in response.content.decode()
    assert not HabitLog.objects.exists()


# ACCESS: WHO SEES A HABIT


def test_current_mentor_sees_shared_habits_only(program, mentee, mentor, other_mentor, outsider):
    shared = make_habit(mentee, name="Shared walk")
    private = make_habit(mentee, name="Private walk", visibility=Visibility.PRIVATE)
    pairing = PairingFactory(mentee=mentee, mentor=mentor)

    assert list(access.habits_visible_to(mentor)) == [shared]
    assert [s.habit for s in habits_for(membership=mentee, viewer=mentor)] == [shared]
    assert access.habit_get_for_member(membership=mentor, habit_id=shared.pk) == shared
    with pytest.raises(Http404):
        access.habit_get_for_member(membership=mentor, habit_id=private.pk)
    with pytest.raises(PermissionDenied):
        access.habit_get_for_member(membership=mentor, habit_id=shared.pk, for_write=True)
    for stranger in (other_mentor, outsider):
        assert not access.habits_visible_to(stranger).exists()
        with pytest.raises(Http404):
            access.habit_get_for_member(membership=stranger, habit_id=shared.pk)

    pairing.status = Pairing.Status.ENDED
    pairing.save()
    assert not access.habits_visible_to(mentor).exists()


def test_the_mentee_sees_all_of_their_own_habits(mentee):
    make_habit(mentee, name="Shared")
    make_habit(mentee, name="Mine", visibility=Visibility.PRIVATE)
    assert access.habits_visible_to(mentee).count() == 2


# PERFORMANCE


def _fill_habits(membership, days: int) -> None:
    today = today_of(membership)
    for habit in (
        make_habit(membership, name="Walk"),
        make_habit(membership, name="Meeting", cadence=Habit.Cadence.WEEKLY, times_per_week=2),
        make_habit(membership, name="Journal", visibility=Visibility.PRIVATE),
    ):
        HabitLog.objects.bulk_create(
            HabitLog(habit=habit, date=today - timedelta(days=n)) for n in range(1, days)
        )
        services.habit_log(habit=habit, day=today)  # recompute the stored streaks


def test_habits_page_queries_do_not_grow_with_two_years_of_history(
    client, program, mentee, other_mentee
):
    _fill_habits(mentee, 7)
    _fill_habits(other_mentee, 730)
    counts = []
    for membership in (mentee, other_mentee):
        client.force_login(membership.user)
        client.get(index_url(program))  # warm up the session
        with CaptureQueriesContext(connection) as captured:
            response = client.get(index_url(program))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert "730 days" in response.content.decode()  # the long history really is there


def test_htmx_tap_queries_do_not_grow_with_two_years_of_history(
    client, program, mentee, other_mentee
):
    _fill_habits(mentee, 7)
    _fill_habits(other_mentee, 730)
    counts = []
    for membership in (mentee, other_mentee):
        habit = Habit.objects.filter(membership=membership).first()
        client.force_login(membership.user)
        client.post(log_url(program, habit, "unlog"), **HTMX)
        with CaptureQueriesContext(connection) as captured:
            response = client.post(log_url(program, habit), **HTMX)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


# THE HOME PAGE FRAGMENT


def test_home_fragment_lists_todays_habits_with_one_tap_forms(rf, program, mentee):
    walk = make_habit(mentee, name="Walk")
    make_habit(mentee, name="Stretch")
    services.habit_log(habit=walk)
    request = rf.get("/p/harbor/")
    request.user = mentee.user
    html = render_to_string(
        "mentoring/_habit_today.html",
        {
            "habit_states": habits_for(membership=mentee, viewer=mentee),
            "program": program,
        },
        request=request,
    )
    assert html.count('class="habit-today"') == 2
    assert 'aria-pressed="true"' in html and 'aria-pressed="false"' in html
    assert log_url(program, walk, "unlog") in html  # done: the tap clears it
    assert 'name="fragment" value="today"' in html
    assert 'name="next" value="/p/harbor/"' in html
    assert "csrfmiddlewaretoken" in html


def test_home_fragment_without_habits_invites_one(rf, program, mentee):
    request = rf.get("/p/harbor/")
    request.user = mentee.user
    html = render_to_string(
        "mentoring/_habit_today.html", {"habit_states": [], "program": program}, request=request
    )
    assert reverse("habits:new", kwargs={"program_slug": program.slug}) in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_heat_map_day_labels_read_like_the_date_filter(language):
    from datetime import date as Date

    from django.utils import translation
    from django.utils.formats import date_format

    from mentoring.views.habits import heatmap_words

    days = [Date(2026, 1, 1) + timedelta(days=d) for d in range(366)]
    with translation.override(language):
        words = heatmap_words()
        assert [words.format_day(day) for day in days] == [
            date_format(day, "D j M") for day in days
        ]
        assert [words.format_month(day) for day in days] == [date_format(day, "M") for day in days]
