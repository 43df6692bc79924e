"""Rows of plain values (what JSON and CSV can hold) from querysets."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import QuerySet

Row = dict[str, object]


def plain(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def rows_of(queryset: QuerySet, **fields: str) -> list[Row]:
    """`fields` maps the exported column name to the model path (`program="program__name"`)."""
    paths = list(fields.values())
    return [
        {name: plain(row[path]) for name, path in fields.items()}
        for row in queryset.values(*paths).order_by("pk")
    ]
