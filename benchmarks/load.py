"""Performance under load (issue 9): the member pages through gunicorn, as people use them.

    .venv/bin/python benchmarks/load.py [--seconds 30] [--levels 1,4,16] [--port 8765]

What it does, bounded and on 127.0.0.1 only:

1. Creates (once) and migrates its own PostgreSQL database `peerpath_bench` and empties it,
   uses Redis db 9, and seeds a program with two years of daily history (benchmarks/seed.py):
   2 mentors with 10 mentees each by default.
2. Runs collectstatic and starts gunicorn with 2 sync workers, DEBUG off and the switches
   for plain http on 127.0.0.1 (no SSL redirect, no secure-only cookies, no HSTS).
3. Logs every person in through the allauth login form (CSRF and all), then runs the mixed
   load with 1, 4 and 16 concurrent clients for a fixed time each: each client is one mentee
   (and reads their mentor's pages with the mentor's session) and goes round a fixed cycle of
   GETs and real POSTs (habit log/unlog taps over htmx, check-in saves). /healthz and the
   login page are in the same cycle as the floor. A response other than 2xx/3xx is an error.
4. Prints requests per second and p50/p95/p99 per URL per level, then stops gunicorn.

Environment: PostgreSQL at BENCH_DATABASE_URL (default
postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_bench), Redis at BENCH_REDIS_URL
(default redis://127.0.0.1:6379/9). Targets (2-core machine): at 1 client every member page
p50 < 35 ms; at 4 clients every member page and write p95 < 100 ms; at 16 clients >= 60 req/s
with no errors.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from server import (  # noqa: E402
    DATABASE_URL,
    REDIS_URL,
    SERVER_ENV,
    Session,
    free_port,
    log_in,
    request,
    start_gunicorn,
    stop_gunicorn,
)

MEMBER_PAGES = (
    "mentee home",
    "check-in page",
    "goals",
    "goal detail",
    "habits",
    "meetings (mentee)",
    "mentor home",
    "mentee detail",
    "meetings (mentor)",
)
WRITES = ("POST habit log", "POST habit unlog", "POST check-in")
FLOOR = ("/healthz", "login page")


# DATABASE AND DATA


def prepare_database(mentees: int, mentors: int, days: int):
    """Create peerpath_bench if needed, migrate, empty it and seed. Touches no other database."""
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    assert name.startswith("peerpath_bench"), "the benchmark only writes to its own database"
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

    os.environ.update(SERVER_ENV)
    import django

    django.setup()
    import redis
    from django.core.management import call_command

    from benchmarks.seed import seed_program

    redis.Redis.from_url(REDIS_URL).flushdb()  # db 9 is the benchmark's own
    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    started = time.perf_counter()
    data = seed_program(mentees=mentees, mentors=mentors, days=days)
    print(
        f"seeded {mentees} mentees x {days} days, {mentors} mentors "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    from django.db import connection, connections

    # Planner statistics, as autovacuum keeps them on a live database: without them PostgreSQL
    # joins every meeting of two years before keeping the latest 50.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'ANALYZE "{table}"')
    connections.close_all()
    return data


# THE MIX


@dataclass
class Step:
    name: str
    method: str
    path: str
    session: Session | None = None
    form: dict | None = None
    htmx: bool = False


def client_cycle(data, mentee, mentee_session: Session, mentor_session: Session, client: int):
    """One client's round of requests: a mentee's day plus their mentor's look at it."""
    base = f"/p/{data.slug}"
    habit = mentee.habit_ids[client % len(mentee.habit_ids)]
    goal = mentee.goal_ids[client % len(mentee.goal_ids)]
    checkin = {"mood": "4", "craving": "2", "helped": "A walk.", "hard": "", "private": ""}
    return [
        Step("/healthz", "GET", "/healthz"),
        Step("mentee home", "GET", f"{base}/", mentee_session),
        Step("check-in page", "GET", f"{base}/check-in/", mentee_session),
        Step("POST check-in", "POST", f"{base}/check-in/", mentee_session, checkin),
        Step("habits", "GET", f"{base}/habits/", mentee_session),
        Step("POST habit log", "POST", f"{base}/habits/{habit}/log/", mentee_session, {}, True),
        Step("mentor home", "GET", f"{base}/", mentor_session),
        Step("goals", "GET", f"{base}/goals/", mentee_session),
        Step("goal detail", "GET", f"{base}/goals/{goal}/", mentee_session),
        Step("POST habit unlog", "POST", f"{base}/habits/{habit}/unlog/", mentee_session, {}, True),
        Step(
            "mentee detail", "GET", f"{base}/mentor/mentees/{mentee.membership_id}/", mentor_session
        ),
        Step("meetings (mentee)", "GET", f"{base}/meetings/", mentee_session),
        Step("login page", "GET", "/accounts/login/"),
        Step("mentee home", "GET", f"{base}/", mentee_session),
        Step("meetings (mentor)", "GET", f"{base}/meetings/", mentor_session),
    ]


def run_level(port, cycles, clients: int, seconds: float, max_requests: int):
    """`clients` threads go round their cycles until the time or the request budget is spent."""
    samples: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    budget = [max_requests]

    def worker(index: int) -> None:
        cycle = cycles[index]
        position = index * 3  # clients start at different points of the cycle
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            step = cycle[position % len(cycle)]
            position += 1
            headers = {}
            form = step.form
            if step.method == "POST":
                headers["X-CSRFToken"] = step.session.csrf
                form = dict(form or {})
            if step.htmx:
                headers["HX-Request"] = "true"
            started = time.perf_counter()
            try:
                response = request(
                    port,
                    step.method,
                    step.path,
                    cookies=step.session.cookies if step.session else None,
                    form=form,
                    headers=headers,
                )
                status = response.status
            except OSError:
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                samples.setdefault(step.name, []).append(elapsed)
                if not 200 <= status < 400:
                    errors[step.name] = errors.get(step.name, 0) + 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return samples, errors, wall


def percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(clients: int, samples, errors, wall: float) -> dict:
    total = sum(len(v) for v in samples.values())
    member = sum(len(samples.get(n, [])) for n in MEMBER_PAGES + WRITES)
    error_count = sum(errors.values())
    print(
        f"\n{clients} client(s): {total} requests in {wall:.1f} s = {total / wall:.1f} req/s "
        f"(member pages and writes {member / wall:.1f} req/s), errors: {error_count}"
    )
    print(f"{'url':<22} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    summary = {}
    for name in FLOOR + MEMBER_PAGES + WRITES:
        values = samples.get(name)
        if not values:
            continue
        p50, p95, p99 = (percentile(values, q) for q in (50, 95, 99))
        summary[name] = (p50, p95, p99)
        print(
            f"{name:<22} {len(values):>5} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} "
            f"{errors.get(name, 0):>7}"
        )
    return {"summary": summary, "rps": total / wall, "errors": error_count}


def check_targets(results: dict[int, dict]) -> None:
    """Say which of the issue's targets this run met."""
    print("\ntargets:")
    if 1 in results:
        slow = {n: v[0] for n, v in results[1]["summary"].items() if n in MEMBER_PAGES}
        worst = max(slow, key=slow.get)
        ok = slow[worst] < 35
        print(f"  1 client, every member page p50 < 35 ms: {'met' if ok else 'NOT met'}", end="")
        print(f" (slowest: {worst} {slow[worst]:.1f} ms)")
    if 4 in results:
        p95 = {n: v[1] for n, v in results[4]["summary"].items() if n in MEMBER_PAGES + WRITES}
        worst = max(p95, key=p95.get)
        ok = p95[worst] < 100
        print(
            f"  4 clients, member pages and writes p95 < 100 ms: {'met' if ok else 'NOT met'}",
            end="",
        )
        print(f" (slowest: {worst} {p95[worst]:.1f} ms)")
    if 16 in results:
        level = results[16]
        ok = level["rps"] >= 60 and level["errors"] == 0
        print(
            f"  16 clients, >= 60 req/s with no errors: {'met' if ok else 'NOT met'} "
            f"({level['rps']:.1f} req/s, {level['errors']} errors)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30, help="per concurrency level")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per level")
    parser.add_argument("--levels", default="1,4,16")
    parser.add_argument("--mentees", type=int, default=20)
    parser.add_argument("--mentors", type=int, default=2)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args()
    levels = [int(level) for level in args.levels.split(",")]
    if max(levels) > args.mentees:
        parser.error("each client is one mentee: --mentees must be at least the largest level")

    data = prepare_database(args.mentees, args.mentors, args.days)
    port = args.port or free_port()
    server = start_gunicorn(port)
    try:
        mentor_sessions = {email: log_in(port, email, data.password) for email in data.mentors}
        cycles = []
        for index, mentee in enumerate(data.mentees[: max(levels)]):
            session = log_in(port, mentee.email, data.password)
            cycles.append(
                client_cycle(data, mentee, session, mentor_sessions[mentee.mentor_email], index)
            )
        # Warm-up: every URL once per client so both workers have loaded templates and code.
        run_level(port, cycles, min(len(cycles), 4), 3, 200)
        results = {}
        for clients in levels:
            samples, errors, wall = run_level(
                port, cycles, clients, args.seconds, args.max_requests
            )
            results[clients] = report(clients, samples, errors, wall)
        check_targets(results)
    finally:
        stop_gunicorn(server)
    if any(result["errors"] for result in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
