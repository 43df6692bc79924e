"""Check-in reminders at scale (issue 10): 100,000 mentees due in the same minute.

    .venv/bin/python benchmarks/reminders.py [--mentees 100000] [--workers 2] [--timeout 600]

What it does, bounded and on 127.0.0.1 only:

1. Creates (once) and migrates its own PostgreSQL database `peerpath_reminders` and empties
   it, and empties Redis db 10 (its broker). Bulk-seeds one program with `--mentees` mentees
   (users, profiles in five time zones, memberships, CheckinReminders) whose check-in
   reminder falls due in the same UTC minute.
2. In a fresh process (so ru_maxrss is the sweep's own), runs the check-in sweep as beat
   runs it (`sweep_run` around `mentoring.services.checkin_reminders_send`, one
   transaction) for that minute: wall time and ru_maxrss. Target: < 10 s and < 300 MB.
3. Starts `--workers` Celery worker processes (`--concurrency=1` each) on Redis db 10 with an
   email backend that builds every message and writes one line per email
   (benchmarks/mail_count.py), and prints the delivery rate until every Delivery is "sent"
   (target: 100,000 in < 5 minutes with 2 workers) or `--timeout` passes; then stops them.
4. Counts duplicates: recipients emailed more than once (target 0).

Environment: PostgreSQL at BENCH_REMINDERS_DATABASE_URL (default
postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_reminders), Redis at
BENCH_REMINDERS_REDIS_URL (default redis://127.0.0.1:6379/10).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import database  # noqa: E402
from server import SERVER_ENV  # noqa: E402

DATABASE_URL = os.environ.get(
    "BENCH_REMINDERS_DATABASE_URL",
    "postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_reminders",
)
REDIS_URL = os.environ.get("BENCH_REMINDERS_REDIS_URL", "redis://127.0.0.1:6379/10")
ENV = {
    **SERVER_ENV,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "CELERY_TASK_ALWAYS_EAGER": "false",
    "EMAIL_BACKEND": "benchmarks.mail_count.CountingEmailBackend",
}
TIME_ZONES = ["UTC", "America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Kolkata"]
BATCH = 5_000


# DATABASE AND DATA


def _setup() -> None:
    database.django_setup(ENV)


def prepare_database() -> None:
    """Create (once), migrate and empty this benchmark's own database and Redis db."""
    database.prepare(
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        env=ENV,
        required_prefix="peerpath_reminders",
        collectstatic=False,
    )


def seed(mentees: int, due: datetime) -> None:
    """Mentees whose reminder falls due at `due` (UTC), spread over five time zones; bulk
    inserts, BATCH rows a time (no per-person services: 100,000 would take an hour)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import Membership, Profile, Program, Role, User
    from notifications.models import CheckinReminder

    started = time.perf_counter()
    with transaction.atomic():
        program = Program.objects.create(name="Reminder benchmark", slug="reminders")
        now = timezone.now()
        for start in range(0, mentees, BATCH):
            numbers = range(start, min(start + BATCH, mentees))
            users = User.objects.bulk_create(
                [User(email=f"mentee{n}@bench.example.org", password="!") for n in numbers]
            )
            zones = [TIME_ZONES[n % len(TIME_ZONES)] for n in numbers]
            Profile.objects.bulk_create(
                [
                    Profile(user=user, display_name=f"Mentee {n}", time_zone=zone)
                    for user, n, zone in zip(users, numbers, zones, strict=True)
                ]
            )
            memberships = Membership.objects.bulk_create(
                [
                    Membership(
                        user=user,
                        program=program,
                        role=Role.MENTEE,
                        status=Membership.Status.ACTIVE,
                        privacy_notice_version=program.privacy_notice_version,
                        privacy_acknowledged_at=now,
                    )
                    for user in users
                ]
            )
            CheckinReminder.objects.bulk_create(
                [
                    CheckinReminder(
                        membership=membership,
                        local_time=due.astimezone(ZoneInfo(zone)).time(),
                        days=[0, 1, 2, 3, 4, 5, 6],
                    )
                    for membership, zone in zip(memberships, zones, strict=True)
                ]
            )
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'ANALYZE "{table}"')
    print(f"seeded {mentees:,} mentees in {time.perf_counter() - started:.1f} s", flush=True)


# THE SWEEP (in its own process)


def sweep_in_this_process(due_iso: str) -> None:
    """The sweep as beat runs it: `checkin_reminders_sweep`'s `sweep_run` (one transaction,
    the SweepMark locked) over the due minute. Time without tracemalloc (it slows Python
    code 2-3x); memory is the process's ru_maxrss."""
    _setup()
    due = datetime.fromisoformat(due_iso)
    from django.db import connection

    from mentoring.services import checkin_reminders_send
    from notifications.sweeps import sweep_run

    # What a running worker has loaded already is not what is measured: the connection, the
    # URLconf (reverse() imports every app's views on first use, ~1.5 s here) and the broker.
    connection.ensure_connection()
    from django.urls import get_resolver

    from notifications.tasks import deliveries_send

    get_resolver().url_patterns  # noqa: B018
    with deliveries_send.app.connection_for_write() as broker:
        broker.ensure_connection()
    started = time.perf_counter()
    sent = sweep_run(
        name="checkin_reminders",
        now=due + timedelta(minutes=1),
        sweep=lambda start, end: checkin_reminders_send(window_start=start, window_end=end),
    )
    seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"sent": sent, "seconds": seconds, "rss_mb": rss_mb}))


# THE WORKERS


def start_workers(count: int, mail_dir: Path) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        **ENV,
        "EMAIL_FILE_PATH": str(mail_dir),
        "PYTHONPATH": str(ROOT),
    }
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"reminders{number}@%h",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for number in range(count)
    ]


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def deliver(expected: int, workers: int, timeout: float) -> tuple[float, int, Counter]:
    from django.db import connection

    from notifications.models import Delivery

    mail_dir = Path(tempfile.mkdtemp(prefix="peerpath-reminders-mail-"))
    processes = start_workers(workers, mail_dir)
    started = time.perf_counter()
    sent = 0
    try:
        last_report = started
        while time.perf_counter() - started < timeout:
            sent = Delivery.objects.filter(status=Delivery.Status.SENT).count()
            if sent >= expected:
                break
            if time.perf_counter() - last_report >= 15:
                elapsed = time.perf_counter() - started
                print(f"  {elapsed:5.0f} s: {sent:,} sent ({sent / elapsed:,.0f}/s)", flush=True)
                last_report = time.perf_counter()
            if any(process.poll() is not None for process in processes):
                print("a worker exited early", flush=True)
                break
            time.sleep(1)
        seconds = time.perf_counter() - started
    finally:
        stop_workers(processes)
        connection.close()
    recipients: Counter = Counter()
    for path in mail_dir.glob("sent-*.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            recipients[line.split("\t", 1)[0]] += 1
    shutil.rmtree(mail_dir, ignore_errors=True)
    return seconds, sent, recipients


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentees", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600, help="seconds for the delivery")
    parser.add_argument(
        "--no-delivery", action="store_true", help="seed and sweep only (no workers)"
    )
    parser.add_argument("--sweep-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sweep_only:
        sweep_in_this_process(args.sweep_only)
        return

    due = (datetime.now(UTC) + timedelta(minutes=1)).replace(second=0, microsecond=0)
    prepare_database()
    seed(args.mentees, due)
    from django.db import connections

    connections.close_all()
    result = subprocess.run(
        [sys.executable, __file__, "--sweep-only", due.isoformat()],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if result.returncode != 0:
        print(result.stdout, result.stderr)
        sys.exit(1)
    sweep = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"sweep (checkin_reminders_sweep's sweep_run): {sweep['sent']:,} reminders found, "
        f"stored and enqueued in {sweep['seconds']:.1f} s; ru_maxrss {sweep['rss_mb']:.0f} MB "
        "(targets < 10 s, < 300 MB)",
        flush=True,
    )
    from notifications.models import Delivery

    expected = Delivery.objects.count()
    if args.no_delivery:
        print(f"{expected:,} deliveries stored; --no-delivery: no workers started")
        sys.exit(0 if sweep["seconds"] < 10 and expected == args.mentees else 1)
    print(f"delivering {expected:,} emails with {args.workers} worker processes", flush=True)
    seconds, sent, recipients = deliver(expected, args.workers, args.timeout)
    duplicates = sum(count - 1 for count in recipients.values() if count > 1)
    statuses = dict(Counter(Delivery.objects.values_list("status", flat=True)))
    print(
        f"delivery: {sent:,} of {expected:,} sent in {seconds:.1f} s "
        f"({sent / seconds:,.0f}/s; target all within 300 s); emails written "
        f"{sum(recipients.values()):,} to {len(recipients):,} people; duplicates {duplicates} "
        f"(target 0); statuses {statuses}",
        flush=True,
    )
    ok = (
        sweep["seconds"] < 10
        and sweep["rss_mb"] < 300
        and sent == expected == args.mentees
        and seconds < 300
        and duplicates == 0
    )
    print("targets met" if ok else "TARGETS MISSED", flush=True)
    sys.exit(0 if ok and duplicates == 0 else 1)


if __name__ == "__main__":
    main()
