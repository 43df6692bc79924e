"""The 10,000-member program `benchmarks/coordinator.py` measures, written in bulk (COPY for
the year of check-ins). See that script's docstring for what is in it."""

from __future__ import annotations

import io
import time
from datetime import timedelta

PASSWORD = "bench-peerpath-password"
SLUG = "bench-coordinator"
WAITING, PAIRED, MENTORS, FORMER, INVITED, COORDINATORS = 2000, 1500, 500, 3000, 2995, 5
FOCUS = ["wellness", "career", "community", "housing", "education", "relationships"]
LANGS = ["en", "es", "pt", "fr"]


def _people(program, role, prefix, count, password_hash, now, *, status="active", start=0):
    from allauth.account.models import EmailAddress

    from accounts.models import Membership, Profile, User

    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}{i}@bench.example", password=password_hash)
            for i in range(start, start + count)
        ],
        batch_size=2000,
    )
    Profile.objects.bulk_create(
        [Profile(user=u, display_name=u.email.split("@")[0].title()) for u in users],
        batch_size=2000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=2000,
    )
    acknowledged = status != "invited"
    return Membership.objects.bulk_create(
        [
            Membership(
                user=u,
                program=program,
                role=role,
                status=status,
                joined_at=now - timedelta(days=400 - (n % 390)),
                privacy_notice_version=program.privacy_notice_version if acknowledged else None,
                privacy_acknowledged_at=now if acknowledged else None,
            )
            for n, u in enumerate(users)
        ],
        batch_size=2000,
    )


def _intakes(members, *, mentor: bool, now):
    from matching.models import Intake

    Intake.objects.bulk_create(
        [
            Intake(
                membership=m,
                focus_areas=[FOCUS[i % 6], FOCUS[(i + 2) % 6]],
                pathways=["smart" if i % 2 else "twelve_step"],
                languages=["en", LANGS[i % 4]] if i % 4 else ["en"],
                availability=["mon-evening", "wed-evening", "sat-morning"],
                formats=["video", "phone"],
                region=f"Region {i % 20}",
                interests=["music", f"interest {i % 30}"],
                lived_experience=["substance_recovery"] if mentor else [],
                industries=["retail"] if mentor else [],
                bio="Hello." if mentor and i % 3 else "",
                capacity=4 if mentor else 2,
                submitted_at=now if i % 7 else None,
            )
            for i, m in enumerate(members)
        ],
        batch_size=2000,
    )


def _copy_checkins(cursor, mentee_ids, today) -> int:
    rows = 0
    buffer = io.StringIO()
    for n, membership_id in enumerate(mentee_ids):
        for day in range(1, 366):
            date = today - timedelta(days=day)
            mood, craving = 1 + (n + day) % 5, (n * 3 + day) % 11
            stamp = f"{date.isoformat()} 20:00:00+00"
            buffer.write(
                f"{membership_id}\t{date.isoformat()}\t{mood}\t{craving}\t\t\tf\tshared"
                f"\t{stamp}\t{stamp}\n"
            )
            rows += 1
        if buffer.tell() > 8_000_000:
            _flush_checkins(cursor, buffer)
            buffer = io.StringIO()
    _flush_checkins(cursor, buffer)
    return rows


def _flush_checkins(cursor, buffer) -> None:
    buffer.seek(0)
    cursor.copy_expert(
        "COPY mentoring_checkin (membership_id, date, mood, craving, helped, hard, "
        "wants_outreach, visibility, created_at, updated_at) FROM STDIN",
        buffer,
    )


def seed() -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Invitation, Program, Role
    from matching.models import Pairing
    from mentoring.models import Meeting

    started = time.perf_counter()
    now = timezone.now()
    program = Program.objects.create(name="Bench Coordinator", slug=SLUG)
    password_hash = make_password(PASSWORD)
    coordinators = _people(
        program, Role.COORDINATOR, "coordinator", COORDINATORS, password_hash, now
    )
    mentors = _people(program, Role.MENTOR, "mentor", MENTORS, password_hash, now)
    waiting = _people(program, Role.MENTEE, "mentee", WAITING, password_hash, now)
    paired = _people(program, Role.MENTEE, "mentee", PAIRED, password_hash, now, start=WAITING)
    former = _people(program, Role.MENTEE, "former", FORMER, password_hash, now, status="left")
    _people(program, Role.MENTEE, "invited", INVITED, password_hash, now, status="invited")
    _intakes(mentors, mentor=True, now=now)
    _intakes(waiting + paired, mentor=False, now=now)
    year_ago = now - timedelta(days=366)

    def pairing(mentee, mentor, status, closed=None):
        return Pairing(
            program=program,
            mentee=mentee,
            mentor=mentor,
            status=status,
            proposed_at=year_ago,
            expires_at=year_ago + timedelta(days=7),
            mentor_accepted_at=year_ago,
            mentee_accepted_at=year_ago,
            activated_at=year_ago,
            closed_at=closed,
            close_reason="Finished the program" if closed else "",
        )

    active = Pairing.objects.bulk_create(
        [pairing(m, mentors[i % MENTORS], Pairing.Status.ACTIVE) for i, m in enumerate(paired)],
        batch_size=2000,
    )
    Pairing.objects.bulk_create(
        [
            pairing(m, mentors[i % MENTORS], Pairing.Status.ENDED, now - timedelta(days=30))
            for i, m in enumerate(former)
        ],
        batch_size=2000,
    )
    # A few open proposals on the board.
    Pairing.objects.bulk_create(
        [
            Pairing(
                program=program,
                mentee=m,
                mentor=mentors[(i * 7) % MENTORS],
                status=Pairing.Status.PROPOSED,
                proposed_at=now - timedelta(days=1),
                expires_at=now + timedelta(days=6),
            )
            for i, m in enumerate(waiting[-60:])
        ]
    )
    Invitation.objects.bulk_create(
        [
            Invitation(
                program=program,
                email=f"invitee{i}@bench.example",
                role=Role.MENTEE if i % 5 else Role.MENTOR,
                created_at=now - timedelta(days=i % 60),
                expires_at=now + timedelta(days=14) if i < 1000 else now - timedelta(days=1),
                accepted_at=now - timedelta(days=2) if i >= 2000 else None,
            )
            for i in range(4000)
        ],
        batch_size=2000,
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                pairing=p,
                status=Meeting.Status.HELD,
                starts_at=now - timedelta(weeks=week),
                logged_at=now - timedelta(weeks=week) + timedelta(hours=1),
                narrative="We talked about the week.",
            )
            for p in active
            for week in range(1, 53)
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        checkins = _copy_checkins(cursor.cursor, [m.pk for m in paired], now.date())
        for table in connection.introspection.table_names():
            cursor.execute(f'ANALYZE "{table}"')
    print(
        f"seeded 10,000 members, {checkins:,} check-ins, {len(active) * 52:,} meetings "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return {
        "coordinator": coordinators[0].user.email,
        "mentee_page": paired[17].pk,
        "mentor_page": mentors[3].pk,
    }


def seeded() -> dict:
    """What `seed` returned, read back from a database it seeded."""
    from accounts.models import Membership

    program_members = Membership.objects.filter(program__slug=SLUG)
    return {
        "coordinator": "coordinator0@bench.example",
        "mentee_page": program_members.get(user__email=f"mentee{WAITING + 17}@bench.example").pk,
        "mentor_page": program_members.get(user__email="mentor3@bench.example").pk,
    }
