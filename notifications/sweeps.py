"""The window a periodic sweep covers, so that runs neither skip nor repeat a minute.

`sweep_run(*, name, now, sweep, max_catch_up=60 min)` locks the sweep's `SweepMark`, calls
`sweep(window_start, window_end)` for [last run's end, now) (at most `max_catch_up` back; the
first run covers the last minute) and moves the mark to `now`, all in one transaction: a
second beat waits for the lock and then finds an empty window, and a sweep that fails leaves
the mark where it was so the next run covers its window again. The dedupe keys of the
notifications make a repeated window harmless anyway.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction

from .models import SweepMark

MAX_CATCH_UP = timedelta(minutes=60)
FIRST_WINDOW = timedelta(minutes=1)


@transaction.atomic
def sweep_run(
    *,
    name: str,
    now: datetime,
    sweep: Callable[[datetime, datetime], int],
    max_catch_up: timedelta = MAX_CATCH_UP,
) -> int:
    mark, _created = SweepMark.objects.get_or_create(
        name=name, defaults={"window_end": now - FIRST_WINDOW}
    )
    mark = SweepMark.objects.select_for_update().get(pk=mark.pk)
    window_start = max(mark.window_end, now - max_catch_up)
    if window_start >= now:
        return 0
    result = sweep(window_start, now)
    mark.window_end = now
    mark.save(update_fields=["window_end", "updated_at"])
    return result
