"""Top-10 suggestions for one mentee among 2,500 mentors, with the database reads.

Target (issue 3): under 100 ms with the reads, under 5 ms for the scoring itself.
Runs on a throw-away test database of whatever DATABASE_URL points at (SQLite by default):

    DEBUG=true .venv/bin/python benchmarks/suggestions.py [--mentors 2500] [--repeat 30]

`scale_program_build` is benchmark data building, like the test factories: it bulk-creates
people, memberships and random intakes straight into that throw-away database (thousands in
a few seconds), skipping the services. The demo (`seed_demo`) builds only through services.
"""

import argparse
import os
import random
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
        call_command("seed_demo", verbosity=0)
        scale_program_build(mentees=args.mentees, mentors=args.mentors)
        run(args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


SCALE_PROGRAM = {"slug": "scale-demo", "name": "Scale Demo (random intakes)"}


def scale_program_build(*, mentees: int, mentors: int, seed: int = 7):
    """A program of `mentees` and `mentors` with random submitted intakes (benchmark data)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Membership, Profile, Program, Role, User
    from matching.models import Intake

    rng = random.Random(seed)
    now = timezone.now()
    people = [(f"scale-mentor{i}@example.org", Role.MENTOR) for i in range(1, mentors + 1)]
    people += [(f"scale-mentee{i}@example.org", Role.MENTEE) for i in range(1, mentees + 1)]
    password = make_password(None)  # nobody logs in as these people
    with transaction.atomic():
        program = Program.objects.create(**SCALE_PROGRAM)
        users = User.objects.bulk_create(
            [User(email=email, password=password, date_joined=now) for email, _role in people]
        )
        Profile.objects.bulk_create(
            [Profile(user=user, display_name=user.email.split("@")[0].title()) for user in users]
        )
        memberships = Membership.objects.bulk_create(
            [
                Membership(
                    user=user,
                    program=program,
                    role=role,
                    status=Membership.Status.ACTIVE,
                    privacy_notice_version=program.privacy_notice_version,
                    privacy_acknowledged_at=now,
                    joined_at=now,
                )
                for user, (_email, role) in zip(users, people, strict=True)
            ]
        )
        Intake.objects.bulk_create([random_intake(m, rng, now) for m in memberships])
    return program


def random_intake(membership, rng: random.Random, now):
    from accounts.models import Role
    from matching.models import (
        AVAILABILITY_SLOTS,
        INDUSTRIES,
        LANGUAGES,
        FocusArea,
        Gender,
        Intake,
        MeetingFormat,
        Pathway,
    )

    def some(choices, low, high):
        return sorted(rng.sample(list(choices), rng.randint(low, high)))

    languages = ["en"] if rng.random() < 0.8 else []
    languages += some([code for code, _label in LANGUAGES if code != "en"], 0, 1)
    intake = Intake(
        membership=membership,
        focus_areas=some(FocusArea.values, 1, 4),
        pathways=some(Pathway.values, 1, 2),
        languages=sorted(set(languages)) or ["es"],
        availability=some(AVAILABILITY_SLOTS, 2, 8),
        formats=some(MeetingFormat.values, 1, 3),
        region=rng.choice(["Boston", "Worcester", "Springfield", "Lowell", "Providence"]),
        time_zone="America/New_York",
        gender=rng.choice([Gender.WOMAN, Gender.MAN, Gender.NONBINARY]),
        gender_preference=rng.choice(["", "", "", "woman", "man"]),
        interests=some(["music", "hiking", "cooking", "art", "sports", "reading"], 0, 3),
        submitted_at=now,
    )
    if membership.role == Role.MENTOR:
        intake.lived_experience = some(FocusArea.values, 1, 3)
        intake.industries = some([code for code, _label in INDUSTRIES], 0, 2)
        intake.years_in_recovery = rng.randint(2, 25)
        intake.capacity = 4
    return intake


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
