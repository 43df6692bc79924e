"""Each benchmark's own PostgreSQL database and Redis db: created if missing, migrated and
emptied. Refuses any database whose name does not start with `required_prefix`, so a
benchmark never writes to a real one."""

from __future__ import annotations

import os
from urllib.parse import urlsplit


def django_setup(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def create_database(url: str, *, required_prefix: str = "peerpath_bench") -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    assert name.startswith(required_prefix), "the benchmark only writes to its own database"
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def prepare(
    *,
    database_url: str,
    redis_url: str,
    env: dict,
    required_prefix: str = "peerpath_bench",
    collectstatic: bool = True,
) -> None:
    """Create (once), set Django up on it, empty the benchmark's Redis db, migrate, flush
    and (for the ones that serve pages through gunicorn) collect the static files."""
    create_database(database_url, required_prefix=required_prefix)
    django_setup(env)
    import redis
    from django.core.management import call_command

    redis.Redis.from_url(redis_url).flushdb()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    if collectstatic:
        call_command("collectstatic", verbosity=0, interactive=False)
