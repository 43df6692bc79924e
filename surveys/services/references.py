"""Checking foreign keys at the statement, not at commit."""

from django.db import connection


def check_references_now() -> None:
    """PostgreSQL checks Django's foreign keys at commit (DEFERRABLE INITIALLY DEFERRED), out of
    reach of the service's `except IntegrityError`. Checking them now turns a race (answers
    saved while a coordinator replaces the questions) into a clear message. SQLite runs one
    writer at a time, so there is no race to catch there (and its check reads whole tables)."""
    if connection.vendor == "postgresql":
        connection.check_constraints()
