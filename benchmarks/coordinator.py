"""The coordinator's pages at program scale (issue 12): a program of 10,000 members.

    .venv/bin/python benchmarks/coordinator.py [--rounds 40] [--profile]

What it does, bounded and on 127.0.0.1 only:

1. Creates (once) and migrates its own PostgreSQL database `peerpath_bench_coordinator`,
   empties it and Redis db 7, and seeds one program of 10,000 members: 2,000 mentees waiting
   (with intakes), 1,500 paired mentees with 500 mentors (3 each; intakes), 3,000 former
   mentees (left, with an ended pairing), 2,995 invited people who have not started, 5
   coordinators; 1,000 open, 1,000 expired and 2,000 accepted invitations; a year of daily
   check-ins (COPY, ~550,000 rows) and weekly held meetings (~78,000) for the paired ones.
   ANALYZE after.
2. Starts gunicorn (2 sync workers, DEBUG off, PostgreSQL, Redis; benchmarks/server.py) and
   logs in a coordinator through the allauth form.
3. One client, `--rounds` cycles: the matching board, the member list (page 1, a search and
   a role filter), the invitations list, the intakes page, the coordinator's home, the weekly
   summary, the reports overview, the funder report (default range), a mentee's and a
   mentor's member page, and /healthz as the floor. p50/p95 per page.
   A response other than 200 stops the run.
4. With `--profile`, also profiles each page once in-process (Django's test client against the
   same database, cProfile) and prints the top functions by cumulative time.

Target (2-core machine): every page p95 < 150 ms at one client.
Environment: BENCH_COORDINATOR_DATABASE_URL (default
postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_bench_coordinator),
BENCH_COORDINATOR_REDIS_URL (default redis://127.0.0.1:6379/7).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

DATABASE_URL = os.environ.get(
    "BENCH_COORDINATOR_DATABASE_URL",
    "postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_bench_coordinator",
)
REDIS_URL = os.environ.get("BENCH_COORDINATOR_REDIS_URL", "redis://127.0.0.1:6379/7")
os.environ["BENCH_DATABASE_URL"] = DATABASE_URL
os.environ["BENCH_REDIS_URL"] = REDIS_URL

import database  # noqa: E402
import server  # noqa: E402
from coordinator_seed import PASSWORD, SLUG, seed, seeded  # noqa: E402
from server import free_port, log_in, request, start_gunicorn, stop_gunicorn  # noqa: E402

SERVER_ENV = {**server.SERVER_ENV, "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL}
TARGET_MS = 150


def _setup() -> None:
    database.django_setup(SERVER_ENV)


def prepare_database() -> None:
    """Create (once), migrate and empty this benchmark's own database and Redis db."""
    database.prepare(database_url=DATABASE_URL, redis_url=REDIS_URL, env=SERVER_ENV)


# MEASURING


def pages(data) -> dict[str, str]:
    base = f"/p/{SLUG}"
    return {
        "board": f"{base}/matching/",
        "members (page 1)": f"{base}/members/",
        "members (search)": f"{base}/members/?q=mentee12",
        "members (mentors, page 3)": f"{base}/members/?role=mentor&page=3",
        "invitations": f"{base}/invitations/",
        "intakes": f"{base}/matching/intakes/",
        "home (coordinator)": f"{base}/",
        "weekly summary": f"{base}/summary/",
        "reports overview": f"{base}/reports/overview/",
        "funder report (quarter)": f"{base}/reports/funder/",
        "member page (mentee)": f"{base}/members/{data['mentee_page']}/",
        "member page (mentor)": f"{base}/members/{data['mentor_page']}/",
        "/healthz": "/healthz",
    }


def percentile(values, q):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run(port, session, paths: dict[str, str], rounds: int) -> dict:
    samples: dict[str, list[float]] = {name: [] for name in paths}
    sizes: dict[str, int] = {}
    for _ in range(rounds):
        for name, path in paths.items():
            cookies = None if name == "/healthz" else session.cookies
            started = time.perf_counter()
            response = request(port, "GET", path, cookies=cookies)
            samples[name].append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                raise SystemExit(f"{name} {path}: HTTP {response.status}")
            sizes[name] = len(response.body)
    summary = {}
    print(f"\n{'page':<28} {'n':>4} {'KB':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for name, values in samples.items():
        p50, p95 = percentile(values, 50), percentile(values, 95)
        summary[name] = (p50, p95)
        print(f"{name:<28} {len(values):>4} {sizes[name] / 1024:>6.0f} {p50:>8.1f} {p95:>8.1f}")
    return summary


def profile(data, paths: dict[str, str]) -> None:
    """Each page once in-process, under cProfile, with its SQL query count."""
    import cProfile
    import pstats

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=data["coordinator"]))
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
        for name, path in paths.items():
            client.get(path)
            reset_queries()
            profiler = cProfile.Profile()
            profiler.enable()
            response = client.get(path)
            profiler.disable()
            queries = list(connection.queries)
            sql_ms = sum(float(q["time"]) for q in queries) * 1000
            total_ms = pstats.Stats(profiler).total_tt * 1000
            print(
                f"\n--- {name}: HTTP {response.status_code}, {len(response.content) // 1024} KB, "
                f"{len(queries)} queries, SQL {sql_ms:.1f} ms of {total_ms:.1f} ms"
            )
            for query in sorted(queries, key=lambda q: -float(q["time"]))[:3]:
                print(f"   {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")
            pstats.Stats(profiler).sort_stats("tottime").print_stats(8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database seeded by a previous run"
    )
    args = parser.parse_args()

    if args.reuse:
        _setup()
        data = seeded()
    else:
        prepare_database()
        data = seed()
    paths = pages(data)
    if args.profile:
        profile(data, paths)
    from django.db import connections

    connections.close_all()
    port = free_port()
    process = start_gunicorn(port)
    try:
        session = log_in(port, data["coordinator"], PASSWORD)
        run(port, session, paths, 3)  # warm-up: not reported as a result
        print(f"\nload average before: {os.getloadavg()}")
        results = run(port, session, paths, args.rounds)
        print(f"load average after: {os.getloadavg()}")
    finally:
        stop_gunicorn(process)
    slow = [name for name, (_p50, p95) in results.items() if p95 >= TARGET_MS]
    print(
        f"targets met: every page p95 < {TARGET_MS} ms at one client"
        if not slow
        else f"TARGETS MISSED (p95 >= {TARGET_MS} ms): {', '.join(slow)}"
    )
    sys.exit(0 if not slow else 1)


if __name__ == "__main__":
    main()
