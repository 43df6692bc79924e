"""Messages at scale (issue 11): 2,000 pairs with a year of messages (~2 million rows).

    .venv/bin/python benchmarks/messages.py [--pairs 2000] [--per-pair 1000] [--requests 200]

What it does, bounded and on 127.0.0.1 only:

1. Creates (once) and migrates its own PostgreSQL database `peerpath_bench_messages`, empties
   it and Redis db 8, and seeds one program: `--pairs` active pairings (mentor and mentee
   each), one conversation per pair with `--per-pair` messages spread over the last year
   (COPY, in id order by time), and read marks that leave each person a few unread. One
   mentee also has a 10,000-message conversation (the issue's longest case). ANALYZE after.
2. Starts gunicorn (2 sync workers, DEBUG off, Redis, PostgreSQL; benchmarks/server.py) and
   logs in 8 mentees and their mentors through the allauth form.
3. Through the real views, one client at a time, then 4 clients at once: opens a
   conversation (latest 50 of 1,000; and of 10,000), sends a message (the form POST, with
   CSRF and the one-time key; then the redirect is not followed), opens the conversations
   page (each conversation's unread count), and /healthz as the floor. p50/p95 per step.
4. Times `messaging.selectors.unread_count(user)` (the header's count, one query) in this
   process against the same database: p50/p95 over the logged-in people.

Targets (2-core machine): open and send < 50 ms, unread counts < 10 ms.
Environment: BENCH_MESSAGES_DATABASE_URL (default
postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_bench_messages), BENCH_MESSAGES_REDIS_URL
(default redis://127.0.0.1:6379/8).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

DATABASE_URL = os.environ.get(
    "BENCH_MESSAGES_DATABASE_URL",
    "postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_bench_messages",
)
REDIS_URL = os.environ.get("BENCH_MESSAGES_REDIS_URL", "redis://127.0.0.1:6379/8")
os.environ["BENCH_DATABASE_URL"] = DATABASE_URL
os.environ["BENCH_REDIS_URL"] = REDIS_URL

import database  # noqa: E402
import server  # noqa: E402
from server import Session, free_port, log_in, request, start_gunicorn, stop_gunicorn  # noqa: E402

SERVER_ENV = {**server.SERVER_ENV, "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL}
PASSWORD = "bench-peerpath-password"
LOGGED_IN = 8
LONG = 10_000


def _setup() -> None:
    database.django_setup(SERVER_ENV)


def prepare_database() -> None:
    """Create (once), migrate and empty this benchmark's own database and Redis db."""
    database.prepare(database_url=DATABASE_URL, redis_url=REDIS_URL, env=SERVER_ENV)


def _bulk_people(program, role, emails, password_hash, now):
    from allauth.account.models import EmailAddress

    from accounts.models import Membership, Profile, User

    users = User.objects.bulk_create(
        [User(email=email, password=password_hash) for email in emails], batch_size=2000
    )
    Profile.objects.bulk_create(
        [Profile(user=u, display_name=u.email.split("@")[0]) for u in users], batch_size=2000
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=2000,
    )
    return Membership.objects.bulk_create(
        [
            Membership(
                user=u,
                program=program,
                role=role,
                status=Membership.Status.ACTIVE,
                privacy_notice_version=program.privacy_notice_version,
                privacy_acknowledged_at=now,
            )
            for u in users
        ],
        batch_size=2000,
    )


def _copy_messages(cursor, conversations, per_pair: int, now: datetime) -> int:
    """COPY the messages in time order (so ids grow with time, as in real use)."""
    from accounts.crypto import encrypt

    year = timedelta(days=365)
    # Bodies go in encrypted, as the app writes them; one token per distinct text (the seed
    # repeats them across conversations).
    tokens: dict[int, str] = {}
    rows = 0
    buffer = io.StringIO()
    for conversation_id, mentee_id, mentor_id, count in conversations:
        step = year / count
        for n in range(count):
            author = mentee_id if n % 2 == 0 else mentor_id
            at = (now - year + step * n).isoformat()
            if n not in tokens:
                tokens[n] = encrypt(f"Message {n} of a year of messages")
            buffer.write(f"{conversation_id}\t{author}\t{tokens[n]}\t{at}\n")
            rows += 1
        if buffer.tell() > 8_000_000:
            buffer.seek(0)
            cursor.copy_expert(
                "COPY messaging_message (conversation_id, author_id, body, created_at) FROM STDIN",
                buffer,
            )
            buffer = io.StringIO()
    buffer.seek(0)
    cursor.copy_expert(
        "COPY messaging_message (conversation_id, author_id, body, created_at) FROM STDIN", buffer
    )
    return rows


def seed(pairs: int, per_pair: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Program, Role
    from matching.models import Pairing
    from messaging.models import Conversation, ReadMark

    started = time.perf_counter()
    now = timezone.now()
    program = Program.objects.create(name="Bench Messages", slug="bench-messages")
    password_hash = make_password(PASSWORD)
    mentors = _bulk_people(
        program, Role.MENTOR, [f"mentor{i}@bench.example" for i in range(pairs)], password_hash, now
    )
    mentees = _bulk_people(
        program, Role.MENTEE, [f"mentee{i}@bench.example" for i in range(pairs)], password_hash, now
    )
    started_at = now - timedelta(days=366)
    pairings = Pairing.objects.bulk_create(
        [
            Pairing(
                program=program,
                mentee=mentee,
                mentor=mentor,
                status=Pairing.Status.ACTIVE,
                proposed_at=started_at,
                expires_at=started_at + timedelta(days=7),
                mentor_accepted_at=started_at,
                mentee_accepted_at=started_at,
                activated_at=started_at,
            )
            for mentee, mentor in zip(mentees, mentors, strict=True)
        ],
        batch_size=2000,
    )
    conversations = Conversation.objects.bulk_create(
        [
            Conversation(
                program=program,
                kind=Conversation.Kind.PAIR,
                pairing=pairing,
                created_at=started_at,
                last_message_at=now,
            )
            for pairing in pairings
        ],
        batch_size=2000,
    )
    plan = [
        (c.pk, p.mentee_id, p.mentor_id, LONG if i == 0 else per_pair)
        for i, (c, p) in enumerate(zip(conversations, pairings, strict=True))
    ]
    with connection.cursor() as cursor:
        rows = _copy_messages(cursor.cursor, plan, per_pair, now)
        # Everyone has read all but the last 3 of their conversation.
        cursor.execute(
            "SELECT conversation_id, max(id) FROM messaging_message GROUP BY conversation_id"
        )
        last = dict(cursor.fetchall())
    ReadMark.objects.bulk_create(
        [
            ReadMark(conversation_id=cid, membership_id=member, last_read_id=last[cid] - 3)
            for cid, mentee_id, mentor_id, _ in plan
            for member in (mentee_id, mentor_id)
        ],
        batch_size=4000,
    )
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'ANALYZE "{table}"')
    print(
        f"seeded {pairs:,} pairs, {rows:,} messages in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return {
        "slug": program.slug,
        "people": [
            (f"mentee{i}@bench.example", f"mentor{i}@bench.example", conversations[i].pk)
            for i in range(LOGGED_IN)
        ],
    }


# MEASURING


def percentile(values, q):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def timed(samples, name, call):
    started = time.perf_counter()
    response = call()
    samples.setdefault(name, []).append((time.perf_counter() - started) * 1000)
    return response


def send_once(port, slug, session: Session, conversation_id: int, samples, n: int):
    path = f"/p/{slug}/messages/{conversation_id}/"
    page = request(port, "GET", path, cookies=session.cookies)
    token = re.search(rb'name="form_token" value="([^"]+)"', page.body)
    if page.status != 200 or token is None:
        raise SystemExit(f"conversation page {path}: HTTP {page.status}, no form_token")
    form = {
        "csrfmiddlewaretoken": session.csrf,
        "form_token": token.group(1).decode(),
        "body": f"A new message, number {n}.",
    }
    response = timed(
        samples,
        "send (POST)",
        lambda: request(port, "POST", path, cookies=session.cookies, form=form),
    )
    if response.status != 302:
        raise SystemExit(f"send: HTTP {response.status}")


def cycle(port, slug, people, sessions, long_id, samples, rounds: int, client: int):
    for n in range(rounds):
        mentee, mentor, conversation_id = people[(client + n) % len(people)]
        for email, cid, name in (
            (mentee, conversation_id, "open (1,000 messages)"),
            (mentor, conversation_id, "open (1,000 messages)"),
        ):
            response = timed(
                samples,
                name,
                lambda e=email, c=cid: request(
                    port, "GET", f"/p/{slug}/messages/{c}/", cookies=sessions[e].cookies
                ),
            )
            assert response.status == 200, response.status
        long_cookies = sessions[people[0][0]].cookies
        response = timed(
            samples,
            "open (10,000 messages)",
            lambda c=long_cookies: request(
                port, "GET", f"/p/{slug}/messages/{long_id}/", cookies=c
            ),
        )
        assert response.status == 200, response.status
        mentor_cookies = sessions[mentor].cookies
        response = timed(
            samples,
            "conversations page",
            lambda c=mentor_cookies: request(port, "GET", f"/p/{slug}/messages/", cookies=c),
        )
        assert response.status == 200, response.status
        send_once(port, slug, sessions[mentee], conversation_id, samples, n)
        timed(samples, "/healthz", lambda: request(port, "GET", "/healthz"))


def run_level(port, data, sessions, clients: int, rounds: int) -> dict:
    samples: dict[str, list[float]] = {}
    long_id = data["people"][0][2]
    threads = [
        threading.Thread(
            target=cycle,
            args=(port, data["slug"], data["people"], sessions, long_id, samples, rounds, c),
        )
        for c in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    total = sum(len(v) for v in samples.values())
    print(f"\n{clients} client(s): {total} requests in {wall:.1f} s ({total / wall:.1f} req/s)")
    print(f"{'step':<26} {'n':>5} {'p50 ms':>8} {'p95 ms':>8}")
    summary = {}
    for name, values in samples.items():
        p50, p95 = percentile(values, 50), percentile(values, 95)
        summary[name] = (p50, p95)
        print(f"{name:<26} {len(values):>5} {p50:>8.1f} {p95:>8.1f}")
    return summary


def unread_counts(people) -> tuple[float, float]:
    from django.db import connection

    from accounts.models import User
    from messaging.selectors import unread_count

    users = list(User.objects.filter(email__in=[e for pair in people for e in pair[:2]]))
    connection.ensure_connection()
    times = []
    for _ in range(25):
        for user in users:
            started = time.perf_counter()
            unread_count(user)
            times.append((time.perf_counter() - started) * 1000)
    return percentile(times, 50), percentile(times, 95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--per-pair", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=40, help="cycles per client")
    args = parser.parse_args()

    prepare_database()
    data = seed(args.pairs, args.per_pair)
    from django.db import connections

    connections.close_all()
    port = free_port()
    process = start_gunicorn(port)
    try:
        sessions = {}
        for mentee, mentor, _ in data["people"]:
            sessions[mentee] = log_in(port, mentee, PASSWORD)
            sessions[mentor] = log_in(port, mentor, PASSWORD)
        run_level(port, data, sessions, 1, 3)  # warm-up: not reported as a result
        results = {
            clients: run_level(port, data, sessions, clients, args.rounds // clients)
            for clients in (1, 4)
        }
    finally:
        stop_gunicorn(process)
    p50, p95 = unread_counts(data["people"])
    print(f"\nunread_count(user) in-process: p50 {p50:.2f} ms, p95 {p95:.2f} ms (target < 10 ms)")
    one = results[1]
    ok = all(one[name][1] < 50 for name in one if name.startswith(("open", "send"))) and p95 < 10
    print(
        "targets met at 1 client (open and send p95 < 50 ms, unread < 10 ms)"
        if ok
        else "TARGETS MISSED at 1 client"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
