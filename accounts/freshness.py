"""Page data kept in process memory and kept fresh by version tokens.

The home pages gather a dozen small reads (pairing, goals, habits, meetings, the mentor's
dashboard). Rebuilding them on every load costs far more than the page itself, so their data
is kept, but only in the memory of the web process that built it: people's check-ins, goals
and recovery dates never go to Redis or to the database cache.

Whether kept data is still right is decided by tokens in the shared cache (Redis, or the
database cache of the embedded setup), one per scope:

- a member (`member_scope(membership_id)`): their own records and, for a mentor, those of
  their current mentees;
- a program (`program_scope(program_id)`): events, the waiting list, settings, names.

Every write that changes what a page shows replaces the tokens of the scopes it touches
(`touch`), once straight away and once more after the transaction commits, so a reader that
read the old rows just before the commit cannot keep them. A reader takes the tokens *before*
reading rows and files what it built under them; a token lost from the cache reads as a new
random token, never as an old one, so losing tokens costs a rebuild, not a stale page. Kept
data also expires after `PAGE_DATA_TTL` seconds, which bounds anything that depends on the
clock alone (a meeting that has just started).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

_TOKEN_PREFIX = "fresh:"


def member_scope(membership_id: int) -> str:
    return f"{_TOKEN_PREFIX}m:{membership_id}"


def program_scope(program_id: int) -> str:
    return f"{_TOKEN_PREFIX}p:{program_id}"


# WRITES


def _replace_tokens(scopes: list[str]) -> None:
    cache.set_many({scope: uuid.uuid4().hex for scope in scopes}, timeout=None)


def touch(scopes: Iterable[str]) -> None:
    """What these scopes' pages show has changed: their kept data is not to be used again."""
    scopes = sorted(set(scopes))
    if not scopes:
        return
    # Straight away for reads later in this transaction (and tests, which never commit);
    # with the database cache this write is part of the transaction, so it also becomes
    # visible exactly when the rows do. Sorted, so concurrent writers lock tokens in order.
    _replace_tokens(scopes)
    transaction.on_commit(lambda: _replace_tokens(scopes))


def touch_members(membership_ids: Iterable[int | None]) -> None:
    touch(member_scope(pk) for pk in membership_ids if pk)


def touch_programs(program_ids: Iterable[int | None]) -> None:
    touch(program_scope(pk) for pk in program_ids if pk)


# READS


def tokens(scopes: list[str]) -> tuple[str, ...]:
    """The current token of each scope, making one where there is none yet."""
    found = cache.get_many(scopes)
    for scope in scopes:
        if scope not in found:
            token = uuid.uuid4().hex
            # add() keeps a token that another process set in the meantime; use that one.
            found[scope] = token if cache.add(scope, token, timeout=None) else cache.get(scope)
    return tuple(found[scope] or "" for scope in scopes)


class _Store:
    """A small least-recently-used store with a time limit, shared by the threads of one
    process. What it holds is used read-only."""

    def __init__(self) -> None:
        self._items: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, ttl: float):
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if _clock() - item[0] > ttl:
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: Hashable, value: object, max_entries: int) -> None:
        with self._lock:
            self._items[key] = (_clock(), value)
            self._items.move_to_end(key)
            while len(self._items) > max_entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_store = _Store()
_clock = time.monotonic  # tests move it forward


def kept(name: str, *, scopes: list[str], key: tuple, build: Callable[[], T]) -> T:
    """`build()`'s result, kept in this process while the scopes' tokens stay the same.

    `key` holds whatever else the result depends on (the viewer, their local date, the
    language). With PAGE_DATA_TTL = 0 nothing is kept."""
    ttl = settings.PAGE_DATA_TTL
    if ttl <= 0:
        return build()
    store_key = (name, key, tuple(scopes), tokens(scopes))
    value = _store.get(store_key, ttl)
    if value is None:
        value = build()
        _store.put(store_key, value, settings.PAGE_DATA_MAX_ENTRIES)
    return value


def forget_all() -> None:
    """Drop everything this process keeps (tests use it between cases)."""
    _store.clear()
