"""The health check's one read."""

from django.db import connection


def database_responds() -> bool:
    """Whether the database answers a trivial query (the health check)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return False
    return True
