"""Whole numbers read from a URL, a query string or a posted field.

`str.isdigit()` accepts "²", which `int()` refuses, and `int()` accepts "١٢", " 1", "1_000" and
numbers past PostgreSQL's bigint: every view reads an id or a number through `int_param`, which
takes one to eighteen ASCII digits and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterable

_DIGITS = re.compile(r"[0-9]{1,18}")


def int_param(value: object) -> int | None:
    """The number `value` spells in ASCII digits (at most 18 of them, so it fits a bigint),
    else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**18 else None
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    return int(value)


def id_param(value: object) -> int | None:
    """A record id: as `int_param`, and greater than zero."""
    number = int_param(value)
    return number if number else None


def id_params(values: Iterable[object]) -> list[int] | None:
    """Several record ids (repeated fields): None when any one is not an id."""
    ids = [id_param(value) for value in values]
    return None if None in ids else ids
