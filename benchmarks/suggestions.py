"""Top-10 suggestions for one mentee among 2,500 mentors, with the database reads.

Target (issue 3): under 100 ms with the reads, under 5 ms for the scoring itself.
Runs on a throw-away test database of whatever DATABASE_URL points at (SQLite by default):

    DEBUG=true .venv/bin/python benchmarks/suggestions.py [--mentors 2500] [--repeat 30]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentors", type=int, default=2500)
    parser.add_argument("--mentees", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", mentees=args.mentees, mentors=args.mentors, verbosity=0)
        run(args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(repeat: int) -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Membership, Role
    from matching import scoring, selectors, services

    program_slug = "scale-demo"
    mentees = list(
        Membership.objects.filter(program__slug=program_slug, role=Role.MENTEE).order_by("pk")[
            :repeat
        ]
    )
    settings_row = services.matching_settings_for(program=mentees[0].program)
    timings, queries = [], []
    for mentee in mentees:
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            suggestions = selectors.suggestions_for_mentee(mentee=mentee, settings_row=settings_row)
            timings.append((time.perf_counter() - start) * 1000)
        queries.append(len(ctx.captured_queries))
        assert len(suggestions) == 10, len(suggestions)

    pool = selectors.scoring_pool(
        program=mentees[0].program, only_waiting=False, mentee_ids=[mentees[0].pk]
    )
    mentor_pool = scoring.MentorPool.from_intakes(pool.mentor_intakes)
    score_ms = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = scoring.build_scores(
            pool.mentee_intakes, mentor_pool, settings_row.weights, settings_row.hard_constraints
        )
        scoring.top_mentors(result, 0, k=10)
        score_ms.append((time.perf_counter() - start) * 1000)

    vendor = connection.vendor
    print(f"database: {vendor}; mentors: {len(pool.mentor_ids)}; runs: {len(timings)}")
    print(
        f"suggestions with DB reads: median {statistics.median(timings):.1f} ms, "
        f"p90 {sorted(timings)[int(0.9 * len(timings)) - 1]:.1f} ms "
        f"(target < 100 ms); queries per call: {sorted(set(queries))}"
    )
    print(
        f"scoring + top-10 on a prepared mentor pool: median {statistics.median(score_ms):.2f} ms "
        "(target < 5 ms)"
    )


if __name__ == "__main__":
    main()
