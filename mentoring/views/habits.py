"""The mentee's habits: streaks, this week, a 12-week heat map, one-tap logging (htmx or a
plain form post) and filling in the last 7 days."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import program_view
from accounts.models import Membership, Role

from .. import access, charts, services
from ..forms.habits import HabitDayForm, HabitForm
from ..models import Habit
from ..selectors.habits import HabitState, habit_calendars, habits_for
from ..services.habits import BACKFILL_DAYS
from .common import safe_next

HEATMAP_WEEKS = 12


# HELPERS


def heatmap_words() -> charts.HeatmapWords:
    # date_format(day, "D j M") spelled out with this request's translated names: parsing the
    # format for each of the 84 days of the heat map was most of the time spent drawing it.
    weekday_names = {number: str(name) for number, name in WEEKDAYS_ABBR.items()}
    month_names = {number: str(name).title() for number, name in MONTHS_3.items()}
    return charts.HeatmapWords(
        done=_("done"),
        not_done=_("not done"),
        future=_("still to come"),
        today=_("today"),
        summary=_("%(name)s: done on %(done)s of the last %(days)s days"),
        weekdays=(_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")),
        format_day=lambda day: f"{weekday_names[day.weekday()]} {day.day} {month_names[day.month]}",
        format_month=lambda day: month_names[day.month],
    )


def _cards(membership: Membership, states: list[HabitState]) -> list[dict]:
    today = services.local_today(membership)
    calendars = habit_calendars(
        habits=[state.habit for state in states], today=today, weeks=HEATMAP_WEEKS
    )
    words = heatmap_words()
    cards = []
    for state in states:
        calendar = calendars[state.habit.pk]
        done, days = charts.heatmap_counts(calendar)
        cards.append(
            {
                "state": state,
                "heatmap": charts.habit_heatmap(calendar, name=state.habit.name, words=words),
                "heatmap_done": done,
                "heatmap_days": days,
                # Oldest first, so today is the last button of the row.
                "recent": [
                    {"date": day, "done": day in calendar["done"], "is_today": day == today}
                    for day in reversed(calendar["recent_days"])
                ],
            }
        )
    return cards


def _states(membership: Membership) -> list[HabitState]:
    states = habits_for(membership=membership, viewer=membership)
    for state in states:
        state.habit.membership = membership  # already loaded with user and profile
    return states


def _own_habit(membership: Membership, habit_id: int) -> Habit:
    """The person's own habit in this program, through the door (404 for anything else)."""
    habit = access.habit_get_for_member(membership=membership, habit_id=habit_id, for_write=True)
    habit.membership = membership  # the door's membership, with its program loaded
    return habit


def _index_url(membership: Membership) -> str:
    return reverse("habits:index", kwargs={"program_slug": membership.program.slug})


# PAGES


@program_view(Role.MENTEE)
def index(request, membership: Membership):
    return _index_page(request, membership, HabitForm())


def _index_page(request, membership: Membership, form: HabitForm, status: int = 200):
    states = _states(membership)
    return render(
        request,
        "mentoring/habits/index.html",
        {
            "membership": membership,
            "program": membership.program,
            "cards": _cards(membership, states),
            "form": form,
            "next_url": _index_url(membership),
            "backfill_days": BACKFILL_DAYS,
        },
        status=status,
    )


def _duplicate_name(membership: Membership, name: str, exclude: int | None = None) -> bool:
    return any(
        state.habit.name.casefold() == name.casefold() and state.habit.pk != exclude
        for state in habits_for(membership=membership, viewer=membership)
    )


@program_view(Role.MENTEE)
def new(request, membership: Membership):
    if request.method == "POST":
        form = HabitForm(request.POST)
        if form.is_valid():
            kwargs = form.service_kwargs()
            if _duplicate_name(membership, kwargs["name"]):
                # A double-posted form, or the same habit twice: keep one.
                form.add_error("name", _("You already track a habit with this name."))
            else:
                try:
                    habit = services.habit_create(membership=membership, **kwargs)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(
                        request, _("“%(name)s” is on your habits list.") % {"name": habit.name}
                    )
                    return redirect(_index_url(membership))
    else:
        form = HabitForm()
    return render(
        request,
        "mentoring/habits/new.html",
        {"membership": membership, "program": membership.program, "form": form},
    )


@program_view(Role.MENTEE)
def edit(request, membership: Membership, habit_id: int):
    habit = _own_habit(membership, habit_id)
    if request.method == "POST":
        form = HabitForm(request.POST)
        if form.is_valid():
            kwargs = form.service_kwargs()
            if _duplicate_name(membership, kwargs["name"], exclude=habit.pk):
                form.add_error("name", _("You already track a habit with this name."))
            else:
                try:
                    services.habit_update(habit=habit, **kwargs)
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Habit saved."))
                    return redirect(_index_url(membership))
    else:
        form = HabitForm(initial=HabitForm.initial_from(habit))
    return render(
        request,
        "mentoring/habits/edit.html",
        {"membership": membership, "program": membership.program, "form": form, "habit": habit},
    )


@require_POST
@program_view(Role.MENTEE)
def archive(request, membership: Membership, habit_id: int):
    habit = _own_habit(membership, habit_id)
    if habit.archived_at is None:
        services.habit_archive(habit=habit)
        messages.success(
            request,
            _("“%(name)s” is archived. Its history stays; it no longer shows on your list.")
            % {"name": habit.name},
        )
    else:
        messages.info(request, _("This habit was already archived."))
    return redirect(_index_url(membership))


# ONE-TAP LOGGING


@require_POST
@program_view(Role.MENTEE)
def log(request, membership: Membership, habit_id: int):
    habit = _own_habit(membership, habit_id)
    return _mark(request, membership, habit, done=True)


@require_POST
@program_view(Role.MENTEE)
def unlog(request, membership: Membership, habit_id: int):
    habit = _own_habit(membership, habit_id)
    return _mark(request, membership, habit, done=False)


def _mark(request, membership: Membership, habit: Habit, *, done: bool):
    form = HabitDayForm(request.POST)
    error = None
    day = None
    if not form.is_valid():
        error = " ".join(form.errors["date"])
    else:
        day = form.cleaned_data["date"] or services.local_today(membership)
        try:
            if done:
                services.habit_log(habit=habit, day=day)
            else:
                services.habit_unlog(habit=habit, day=day)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        return _fragment(request, membership, habit, error)
    if error:
        messages.error(request, error)
    else:
        when = date_format(day, "l j F")
        text = (
            _("“%(name)s” logged for %(day)s. Well done.")
            if done
            else _("“%(name)s” cleared for %(day)s.")
        )
        messages.success(request, text % {"name": habit.name, "day": when})
    return redirect(safe_next(request, _index_url(membership)))


def _fragment(request, membership: Membership, habit: Habit, error: str | None):
    """The piece of page the tap came from, updated: a home-page row or a habits-page card."""
    states = [s for s in _states(membership) if s.habit.pk == habit.pk]
    if not states:  # archived: it no longer has a place on the page, only the message
        return HttpResponse(
            format_html('<p class="message message--error" role="alert">{}</p>', error or "")
        )
    context = {
        "program": membership.program,
        "error": error,
        "next_url": safe_next(request, _index_url(membership)),
        "backfill_days": BACKFILL_DAYS,
    }
    if request.POST.get("fragment") == "today":
        return render(request, "mentoring/habits/_today_row.html", {**context, "state": states[0]})
    return render(
        request, "mentoring/habits/_habit.html", {**context, "card": _cards(membership, states)[0]}
    )
