"""Set-based SQL the sweeps need, for PostgreSQL (and SQLite, more slowly): one array
parameter per column or id list, and INSERT ... ON CONFLICT DO NOTHING RETURNING. Used by
notifications.bulk; values are always parameters, identifiers come from models' own meta."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import connection
from django.db.models.expressions import RawSQL

INSERT_CHUNK = 500


def id_set(ids: Iterable[int]):
    """A value for `field__in=` when there are a thousand ids: on PostgreSQL one array
    parameter (`IN (SELECT unnest(%s::bigint[]))`), which skips the ORM's preparation of each
    value and PostgreSQL's parsing of a thousand constants; elsewhere the list itself."""
    ids = list(ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [array_literal(ids)])
    return ids


def _quoted(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, datetime):
        value = value.isoformat()
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def array_literal(values: Iterable) -> str:
    """A PostgreSQL array literal ('{1,NULL,"a \\"b\\""}') of ints, strings, datetimes and
    None, passed as one text parameter: PostgreSQL reads it three times faster than the
    ARRAY[...] of 1,000 typed constants psycopg2 makes of a list. A column repeats few
    distinct strings (kind, title, link, timestamp), so each is quoted once."""
    values = list(values)
    if all(type(value) is int for value in values):
        return "{" + ",".join(map(str, values)) + "}"
    quoted: dict = {}
    parts = []
    for value in values:
        if value not in quoted:
            quoted[value] = str(value) if type(value) is int else _quoted(value)
        parts.append(quoted[value])
    return "{" + ",".join(parts) + "}"


def insert_new(model, columns: Sequence[str], rows: list[tuple], returning: Sequence[str]):
    """INSERT the rows, skipping any a unique constraint already holds; returns the
    `returning` columns of the rows actually inserted.

    PostgreSQL gets one array per column and `unnest` (seven parameters per statement,
    however many rows); SQLite gets VALUES lists, with datetimes adapted the way the ORM
    adapts them (naive UTC text)."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in columns]
    # Only identifiers and types from the model's own meta are formatted in; values are params.
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    tail = f" ON CONFLICT DO NOTHING RETURNING {', '.join(map(quote, returning))}"
    inserted = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
            sql = f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays})"  # noqa: S608
            columns_as_text = [array_literal(column) for column in zip(*rows, strict=True)]
            cursor.execute(sql + tail, columns_as_text)
            return cursor.fetchall()
        adapt = connection.ops.adapt_datetimefield_value
        dated = {i for i, f in enumerate(fields) if f.get_internal_type() == "DateTimeField"}
        head = f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start : start + INSERT_CHUNK]
            params = [
                adapt(value) if index in dated else value
                for row in chunk
                for index, value in enumerate(row)
            ]
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, params)
            inserted.extend(cursor.fetchall())
    return inserted
