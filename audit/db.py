"""The database side of "append-only": triggers that refuse to change or remove audit rows.

PostgreSQL: BEFORE UPDATE OR DELETE and BEFORE TRUNCATE statement triggers raise.
SQLite: BEFORE UPDATE and BEFORE DELETE triggers RAISE(ABORT).

One way out, for test databases only: Django's `flush` (which pytest-django runs after every
transactional and live-server test) empties every table, with TRUNCATE on PostgreSQL and
DELETE on SQLite. When the setting `AUDIT_ALLOW_FLUSH` is true (tests/conftest.py sets it;
nothing in production does), each new connection says so: PostgreSQL gets the session
setting `peerpath.audit_allow_flush = on`, which lets TRUNCATE (never UPDATE, never a DELETE)
through; SQLite gets the function `peerpath_audit_allow_flush()` answering 1, which lets
DELETE through. Without it the SQLite function answers 0 (and a session that does not define
it, such as the sqlite3 shell, fails on the unknown function: still refused).
"""

from __future__ import annotations

from django.conf import settings
from django.db.backends.signals import connection_created


def flush_allowed() -> bool:
    return bool(getattr(settings, "AUDIT_ALLOW_FLUSH", False))


def _on_connection_created(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        # Read at each DELETE, so a test can turn it off with the `settings` fixture.
        connection.connection.create_function(
            "peerpath_audit_allow_flush", 0, lambda: int(flush_allowed())
        )
    elif connection.vendor == "postgresql" and flush_allowed():
        with connection.cursor() as cursor:
            cursor.execute("SET peerpath.audit_allow_flush = 'on'")


def connect() -> None:
    connection_created.connect(_on_connection_created, dispatch_uid="audit-flush-switch")
