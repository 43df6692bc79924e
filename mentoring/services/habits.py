from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Role

from ..models import Habit, HabitLog, Visibility
from .time import local_today

# "The last 7 days": today and the six days before it.
BACKFILL_DAYS = 7


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def runs(habit: Habit, dates: list[date]) -> tuple[date | None, date | None, int, int]:
    """(last run start, last run end, last run length, longest run) from done dates.

    Daily habits run over consecutive days; weekly habits over consecutive weeks that met
    the weekly target (a week is identified by its Monday)."""
    if habit.cadence == Habit.Cadence.WEEKLY:
        per_week: dict[date, int] = {}
        for day in dates:
            per_week[week_start(day)] = per_week.get(week_start(day), 0) + 1
        units = sorted(w for w, n in per_week.items() if n >= habit.times_per_week)
        step = timedelta(days=7)
    else:
        units = sorted(set(dates))
        step = timedelta(days=1)
    if not units:
        return None, None, 0, 0
    longest = length = 1
    start = units[0]
    for previous, current in zip(units, units[1:], strict=False):
        if current - previous == step:
            length += 1
        else:
            length, start = 1, current
        longest = max(longest, length)
    return start, units[-1], length, longest


def _recompute(habit: Habit) -> None:
    dates = list(HabitLog.objects.filter(habit=habit).values_list("date", flat=True))
    habit.last_run_start, habit.last_run_end, habit.last_run_length, habit.longest_run = runs(
        habit, dates
    )
    habit.save(update_fields=["last_run_start", "last_run_end", "last_run_length", "longest_run"])


@transaction.atomic
def habit_recompute_streaks(*, habit: Habit) -> Habit:
    """Rebuild a habit's stored streaks from its logs (e.g. after logs were written outside
    `habit_log`, by a data import or a repair)."""
    habit = Habit.objects.select_for_update().get(pk=habit.pk)
    _recompute(habit)
    return habit


def _validate(*, name, cadence, times_per_week, visibility, kind) -> dict:
    errors: dict[str, list[str]] = {}
    if not (name or "").strip():
        errors["name"] = [_("Name the habit.")]
    if cadence not in Habit.Cadence.values:
        errors["cadence"] = [_("Choose daily or weekly.")]
    if not 1 <= (times_per_week or 0) <= 7:
        errors["times_per_week"] = [_("Between 1 and 7 times a week.")]
    if visibility not in Visibility.values:
        errors["visibility"] = [_("Choose who can see the habit.")]
    if kind not in Habit.Kind.values:
        errors["kind"] = [_("Choose a kind of habit.")]
    return errors


@transaction.atomic
def habit_create(
    *,
    membership: Membership,
    name: str,
    kind: str = Habit.Kind.CUSTOM,
    cadence: str = Habit.Cadence.DAILY,
    times_per_week: int = 1,
    visibility: str = Visibility.SHARED,
) -> Habit:
    if membership.role != Role.MENTEE:
        raise ValidationError(_("Habits belong to mentees."))
    errors = _validate(
        name=name, cadence=cadence, times_per_week=times_per_week, visibility=visibility, kind=kind
    )
    if errors:
        raise ValidationError(errors)
    return Habit.objects.create(
        membership=membership,
        name=name.strip()[:80],
        kind=kind,
        cadence=cadence,
        times_per_week=times_per_week if cadence == Habit.Cadence.WEEKLY else 1,
        visibility=visibility,
    )


@transaction.atomic
def habit_update(*, habit: Habit, **fields) -> Habit:
    habit = Habit.objects.select_for_update().get(pk=habit.pk)
    merged = {
        "name": habit.name,
        "kind": habit.kind,
        "cadence": habit.cadence,
        "times_per_week": habit.times_per_week,
        "visibility": habit.visibility,
        **fields,
    }
    errors = _validate(**merged)
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(habit, name, value.strip() if isinstance(value, str) else value)
    habit.save()
    _recompute(habit)
    return habit


@transaction.atomic
def habit_archive(*, habit: Habit) -> Habit:
    habit.archived_at = timezone.now()
    habit.save(update_fields=["archived_at"])
    return habit


def _check_day(habit: Habit, day: date, backfill_days: int = BACKFILL_DAYS) -> None:
    today = local_today(habit.membership)
    if day > today:
        raise ValidationError(
            {"date": [_("You can't log a habit for a day that hasn't come yet.")]}
        )
    if day <= today - timedelta(days=backfill_days):
        raise ValidationError({"date": [_("You can fill in the last 7 days, not earlier.")]})
    if habit.archived_at is not None:
        raise ValidationError(_("This habit is archived."))


@transaction.atomic
def habit_log(
    *, habit: Habit, day: date | None = None, backfill_days: int = BACKFILL_DAYS
) -> HabitLog:
    """Mark a habit done on a day (today by default). Logging twice changes nothing.
    People fill in the last `BACKFILL_DAYS`; only the demo passes a longer `backfill_days`."""
    # Lock the habit row only: PostgreSQL refuses FOR UPDATE on the outer-joined profile.
    habit = (
        Habit.objects.select_for_update(of=("self",))
        .select_related("membership__user__profile")
        .get(pk=habit.pk)
    )
    day = day or local_today(habit.membership)
    _check_day(habit, day, backfill_days)
    try:
        with transaction.atomic():
            log = HabitLog.objects.create(habit=habit, date=day)
    except IntegrityError:
        log = HabitLog.objects.get(habit=habit, date=day)
    _recompute(habit)
    return log


@transaction.atomic
def habit_unlog(*, habit: Habit, day: date) -> None:
    # Lock the habit row only: PostgreSQL refuses FOR UPDATE on the outer-joined profile.
    habit = (
        Habit.objects.select_for_update(of=("self",))
        .select_related("membership__user__profile")
        .get(pk=habit.pk)
    )
    _check_day(habit, day)
    HabitLog.objects.filter(habit=habit, date=day).delete()
    _recompute(habit)


@transaction.atomic
def habit_delete(*, habit: Habit) -> None:
    """The owner deletes a habit for good, with its history (archiving keeps it)."""
    habit.delete()
