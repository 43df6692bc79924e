"""Page render times against a bare base.html view, measured in the same run.

Issue 4: the mentee home with 2 years of daily check-ins and habit logs renders in under
50 ms on this machine and within 3x of the bare page. Issue 5: the mentor dashboard (the
mentor's home) with 10 mentees with 2 years of data each renders in under 80 ms and within 4x
of the bare page.

    DEBUG=true .venv/bin/python benchmarks/pages.py [--repeat 40]

Runs on a throw-away test database of whatever DATABASE_URL points at (SQLite by default).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def timed(client, pages: dict[str, tuple[str, bool]], repeat: int) -> dict[str, tuple[float, int]]:
    """Median render time and query count of each page, {name: (url, rebuild)}. The pages
    take turns, request by request, so a slow patch of the machine hits them all alike and
    the ratios compare like with like. With `rebuild`, each render starts with nothing kept in
    the process (accounts.freshness): the page as it is right after a write."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts import freshness

    def get(url: str, rebuild: bool):
        if rebuild:
            freshness.forget_all()
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, url
        return elapsed

    for _ in range(3):  # warm caches and template loaders
        for url, rebuild in pages.values():
            get(url, rebuild)
    samples: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(repeat):
        for name, (url, rebuild) in pages.items():
            samples[name].append(get(url, rebuild))
    results = {}
    for name, (url, rebuild) in pages.items():
        if rebuild:
            freshness.forget_all()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        results[name] = (statistics.median(samples[name]), len(ctx.captured_queries))
    return results


def report(client, label: str, membership, target_ms: int, target_ratio: int, repeat: int):
    """Print the bare page, the kept home and the rebuilt home of `membership`'s person."""
    home_url = f"/p/{membership.program.slug}/"
    results = timed(
        client,
        {
            "bare": ("/__bench__/bare/", False),
            "kept": (home_url, False),
            "rebuilt": (home_url, True),
        },
        repeat,
    )
    bare_ms, bare_q = results["bare"]
    home_ms, home_q = results["kept"]
    cold_ms, cold_q = results["rebuilt"]
    print(f"bare base.html page, as this person: median {bare_ms:.1f} ms, {bare_q} queries")
    print(
        f"{label}: median {home_ms:.1f} ms, {home_q} queries "
        f"(target < {target_ms} ms and < {target_ratio}x bare: {home_ms / bare_ms:.1f}x)"
    )
    print(
        f"  rebuilt (right after a write): median {cold_ms:.1f} ms, {cold_q} queries "
        f"({cold_ms / bare_ms:.1f}x)"
    )


def seed_mentee(days: int):
    from tests.factories import ProgramFactory, mentee_with_history

    program = ProgramFactory(slug="bench")
    return mentee_with_history(program=program, days=days, email="bench-mentee@example.org")


def seed_mentor(mentees: int, days: int):
    """A mentor with `mentees` mentees, each with `days` of history and a meeting every two
    weeks (logged in the past, one coming up), so every dashboard query has rows to read."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Program, Role
    from mentoring.models import Meeting
    from tests.factories import MembershipFactory, mentee_with_history

    program = Program.objects.get(slug="bench")
    mentor = MembershipFactory(program=program, role=Role.MENTOR)
    now = timezone.now()
    meetings = []
    for index in range(mentees):
        mentee = mentee_with_history(
            program=program, days=days, email=f"bench-mentee{index}@example.org", mentor=mentor
        )
        pairing = mentee.mentee_pairings.get()
        for weeks_ago in range(2, days // 7, 2):
            starts = now - timedelta(weeks=weeks_ago)
            meetings.append(
                Meeting(
                    pairing=pairing,
                    status=Meeting.Status.HELD,
                    starts_at=starts,
                    logged_at=starts + timedelta(hours=1),
                    narrative="We talked about the week.",
                )
            )
        meetings.append(
            Meeting(
                pairing=pairing, status=Meeting.Status.CONFIRMED, starts_at=now + timedelta(days=3)
            )
        )
    Meeting.objects.bulk_create(meetings)
    return mentor


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "benchmarks.bench_urls"
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    from django.db import connection
    from django.test import Client

    # No setup_test_environment(): its template instrumentation would slow the pages
    # being measured (more templates, more overhead).
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        mentee = seed_mentee(days=730)
        client = Client()
        client.force_login(mentee.user)
        print(f"database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND']}")
        report(client, "mentee home, 2 years of data", mentee, 50, 3, args.repeat)
        mentor = seed_mentor(mentees=10, days=730)
        client.force_login(mentor.user)
        report(client, "mentor dashboard, 10 mentees x 2 years", mentor, 80, 4, args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
