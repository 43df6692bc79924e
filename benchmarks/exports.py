"""CSV exports at scale (issue 12): a 10,000-member program with a year of meetings.

    .venv/bin/python benchmarks/exports.py [--members 10000] [--pairs 5000] [--weeks 52]

What it does, bounded and on 127.0.0.1 only:

1. Creates (once) and migrates its own PostgreSQL database `peerpath_bench_exports`, empties
   it and Redis db 11, and seeds one program: one coordinator, `--members` people in all
   (40 % mentors, the rest mentees), `--pairs` active pairings that started a year ago with a
   meeting every week (`--weeks`; 80 % held and logged with times, type, setting and a
   narrative, 10 % missed, 10 % cancelled), 10 % more pairings that ended, and 12 weeks of
   check-ins every other day for paired mentees. Meetings and check-ins go in with COPY;
   ANALYZE after.
2. Starts gunicorn (2 sync workers, DEBUG off, PostgreSQL, Redis; benchmarks/server.py) and
   logs in as the coordinator through the allauth form.
3. Downloads each export through the real view (the POST with CSRF, as the button sends it),
   reading the stream in 64 KB pieces: time to the last byte, size, rows, and the peak RSS of
   the gunicorn workers sampled with `ps` every 50 ms (and their VmHWM afterwards). Each
   export runs `--repeat` times. Checks that no narrative reached the meetings file.
4. Also times the overview and the funder report pages (last full quarter and the last year).

Target: the meetings export in < 10 s and < 200 MB peak worker RSS.
Environment: BENCH_EXPORTS_DATABASE_URL (default
postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_bench_exports), BENCH_EXPORTS_REDIS_URL
(default redis://127.0.0.1:6379/11).
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

DATABASE_URL = os.environ.get(
    "BENCH_EXPORTS_DATABASE_URL",
    "postgres://peerpath:peerpath@127.0.0.1:5432/peerpath_bench_exports",
)
REDIS_URL = os.environ.get("BENCH_EXPORTS_REDIS_URL", "redis://127.0.0.1:6379/11")
os.environ["BENCH_DATABASE_URL"] = DATABASE_URL
os.environ["BENCH_REDIS_URL"] = REDIS_URL

import database  # noqa: E402
import server  # noqa: E402
from server import HOST, free_port, log_in, request, start_gunicorn, stop_gunicorn  # noqa: E402

SERVER_ENV = {**server.SERVER_ENV, "DATABASE_URL": DATABASE_URL, "REDIS_URL": REDIS_URL}
PASSWORD = "bench-peerpath-password"
COORDINATOR = "coordinator@bench.example"
NARRATIVE = "NARRATIVE-MARKER we talked about the week"
TARGET_SECONDS = 10
TARGET_MB = 200


def _setup() -> None:
    database.django_setup(SERVER_ENV)


def prepare_database() -> None:
    """Create (once), migrate and empty this benchmark's own database and Redis db."""
    database.prepare(database_url=DATABASE_URL, redis_url=REDIS_URL, env=SERVER_ENV)


# SEEDING


def _bulk_people(program, role, emails, password_hash, joined):
    from allauth.account.models import EmailAddress

    from accounts.models import Membership, Profile, User

    users = User.objects.bulk_create(
        [User(email=email, password=password_hash) for email in emails], batch_size=2000
    )
    Profile.objects.bulk_create(
        [Profile(user=u, display_name=u.email.split("@")[0].title()) for u in users],
        batch_size=2000,
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
                joined_at=joined,
                privacy_notice_version=program.privacy_notice_version,
                privacy_acknowledged_at=joined,
            )
            for u in users
        ],
        batch_size=2000,
    )


def _copy_value(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        value = json.dumps(value)
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def copy_rows(cursor, model, rows) -> int:
    """COPY dicts of field values into `model`'s table; fields not given take their default
    (callable defaults such as a meeting's uid are called per row)."""
    from accounts.crypto import EncryptedTextField, encrypt

    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # Private text goes in encrypted, as the app writes it. The seed repeats a few texts:
    # each is encrypted once (equal tokens would not happen in real use; reads don't care).
    tokens: dict[str, str] = {}
    encrypted = {f.attname for f in fields if isinstance(f, EncryptedTextField)}
    columns = ", ".join(f'"{f.column}"' for f in fields)
    statement = f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN'
    buffer, count = io.StringIO(), 0
    for row in rows:
        values = []
        for f in fields:
            if f.attname in row:
                value = row[f.attname]
            elif f.name in row:
                value = row[f.name]
            else:
                value = f.get_default()
            if f.attname in encrypted and value:
                value = tokens.get(value) or tokens.setdefault(value, encrypt(value))
            values.append(value)
        buffer.write("\t".join(_copy_value(v) for v in values) + "\n")
        count += 1
        if buffer.tell() > 16_000_000:
            buffer.seek(0)
            cursor.copy_expert(statement, buffer)
            buffer = io.StringIO()
    buffer.seek(0)
    cursor.copy_expert(statement, buffer)
    return count


def _meetings(pairings, weeks: int, now: datetime):
    from mentoring.models import Meeting

    kinds = ["check_in", "goal_planning", "recovery_support", "career", "resource_linkage"]
    settings = ["in_person", "phone", "video"]
    first = now - timedelta(weeks=weeks)
    for n, pairing in enumerate(pairings):
        for week in range(weeks):
            starts = first + timedelta(weeks=week, hours=n % 48)
            roll = (n + week) % 10
            row = {
                "pairing_id": pairing.pk,
                "proposed_by_id": None,
                "starts_at": starts,
                "duration_minutes": 60,
                "created_at": starts - timedelta(days=3),
                "updated_at": starts + timedelta(hours=2),
                "uid": f"{uuid.uuid4()}@peerpath",
                "location": "The library, second floor",
                "agenda": "Agenda: how the week went",
            }
            if roll < 8:
                row.update(
                    status=Meeting.Status.HELD,
                    actual_start=starts,
                    actual_end=starts + timedelta(minutes=45 + 5 * (roll % 4)),
                    setting=settings[(n + week) % 3],
                    contact_type=kinds[(n + week) % 5],
                    narrative=NARRATIVE,
                    topics=["housing", "work"],
                    logged_at=starts + timedelta(hours=2),
                )
            elif roll == 8:
                row.update(status=Meeting.Status.MISSED, logged_at=starts + timedelta(hours=2))
            else:
                row.update(status=Meeting.Status.CANCELLED, cancelled_at=starts - timedelta(days=1))
            yield row


def _checkins(mentee_ids, days: int, today):
    for mentee_id in mentee_ids:
        for ago in range(0, days, 2):
            yield {
                "membership_id": mentee_id,
                "date": (today - timedelta(days=ago)).isoformat(),
                "mood": 1 + (mentee_id + ago) % 5,
                "craving": (mentee_id + ago) % 11,
                "helped": "A walk after dinner",
                "created_at": datetime.combine(today, datetime.min.time()),
                "updated_at": datetime.combine(today, datetime.min.time()),
            }


def seed(members: int, pairs: int, weeks: int) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Program, Role
    from matching.models import Pairing
    from mentoring.models import CheckIn, Meeting

    started = time.perf_counter()
    now = timezone.now()
    year_ago = now - timedelta(weeks=weeks, days=1)
    program = Program.objects.create(name="Bench Exports", slug="bench-exports")
    password_hash = make_password(PASSWORD)
    _bulk_people(program, Role.COORDINATOR, [COORDINATOR], password_hash, year_ago)
    others = members - 1
    mentor_count = others * 2 // 5
    mentors = _bulk_people(
        program,
        Role.MENTOR,
        [f"mentor{i}@bench.example" for i in range(mentor_count)],
        password_hash,
        year_ago,
    )
    mentees = _bulk_people(
        program,
        Role.MENTEE,
        [f"mentee{i}@bench.example" for i in range(others - mentor_count)],
        password_hash,
        year_ago,
    )
    ended = pairs // 10
    assert pairs + ended <= len(mentees), "more pairings than mentees"
    rows = []
    for i in range(pairs + ended):
        is_ended = i >= pairs
        rows.append(
            Pairing(
                program=program,
                mentee=mentees[i],
                mentor=mentors[(i // 2) % len(mentors)],
                status=Pairing.Status.ENDED if is_ended else Pairing.Status.ACTIVE,
                proposed_at=year_ago,
                expires_at=year_ago + timedelta(days=7),
                mentor_accepted_at=year_ago,
                mentee_accepted_at=year_ago,
                activated_at=year_ago + timedelta(days=i % 300),
                closed_at=now - timedelta(days=i % 60) if is_ended else None,
                close_reason=("Reached their goals" if i % 2 else "Moved away") if is_ended else "",
            )
        )
    pairings = Pairing.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        meetings = copy_rows(cursor.cursor, Meeting, _meetings(pairings[:pairs], weeks, now))
        checkins = copy_rows(
            cursor.cursor,
            CheckIn,
            _checkins([m.pk for m in mentees[:pairs]], 84, timezone.localdate()),
        )
        for table in connection.introspection.table_names():
            cursor.execute(f'ANALYZE "{table}"')
    print(
        f"seeded {members:,} members, {len(pairings):,} pairings, {meetings:,} meetings, "
        f"{checkins:,} check-ins in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return {"slug": program.slug, "meetings": meetings, "members": members}


# MEASURING


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True, check=False
    ).stdout
    return [int(pid) for pid in out.split()]


def rss_mb(pids: list[int]) -> dict[int, float]:
    out = subprocess.run(
        ["ps", "-o", "pid=,rss=", "-p", ",".join(map(str, pids))],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return {int(pid): int(rss) / 1024 for pid, rss in (line.split() for line in out.splitlines())}


def high_water_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the workers have used so far (/proc/<pid>/stat, clock ticks):
    on a loaded machine the wall time says more about the neighbours than about the export."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


class RssSampler(threading.Thread):
    """The workers' resident memory every 50 ms, by `ps`, while a download runs."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self.stop = pids, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            sizes = rss_mb(self.pids)
            self.peak = max([self.peak, *sizes.values()])
            self.stop.wait(0.05)


def download(port: int, path: str, session, form: dict | None = None) -> tuple[int, int, int, bool]:
    """POST like the button does and read the streamed body in 64 KB pieces: status, bytes,
    lines, and whether the narrative marker appeared."""
    connection = http.client.HTTPConnection(HOST, port, timeout=120)
    body = urlencode({"csrfmiddlewaretoken": session.csrf, **(form or {})})
    headers = {
        "Host": f"{HOST}:{port}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in session.cookies.items()),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    size = lines = 0
    marker = False
    tail = b""
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        while chunk := response.read(65536):
            size += len(chunk)
            lines += chunk.count(b"\n")
            marker = marker or b"NARRATIVE-MARKER" in tail + chunk
            tail = chunk[-32:]
        return response.status, size, lines, marker
    finally:
        connection.close()


def measure_export(port, master, session, path, form=None) -> dict:
    pids = worker_pids(master)
    before = rss_mb(pids)
    sampler = RssSampler(pids)
    sampler.start()
    cpu_before = cpu_seconds(pids)
    started = time.perf_counter()
    status, size, lines, marker = download(port, path, session, form)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds(pids) - cpu_before
    sampler.stop.set()
    sampler.join()
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}")
    return {
        "seconds": seconds,
        "cpu": cpu,
        "mb": size / 1e6,
        "lines": lines,
        "rss_before": max(before.values()),
        "rss_peak": sampler.peak,
        "hwm": max(high_water_mb(pid) for pid in pids),
        "marker": marker,
    }


def time_pages(port, session, slug) -> dict[str, list[float]]:
    from datetime import date

    today = date.today()
    pages = {
        "overview": f"/p/{slug}/reports/overview/",
        "funder (last quarter)": f"/p/{slug}/reports/funder/",
        "funder (last year)": f"/p/{slug}/reports/funder/?"
        + urlencode({"start": (today - timedelta(days=365)).isoformat(), "end": today}),
    }
    times: dict[str, list[float]] = {}
    for name, path in pages.items():
        for _ in range(6):
            started = time.perf_counter()
            response = request(port, "GET", path, cookies=session.cookies)
            times.setdefault(name, []).append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
    return {name: sorted(values[1:]) for name, values in times.items()}  # first one warms up


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=5_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--reuse", action="store_true", help="measure the data a previous run seeded"
    )
    args = parser.parse_args()

    if args.reuse:
        _setup()
        from mentoring.models import Meeting

        data = {
            "slug": "bench-exports",
            "meetings": Meeting.objects.filter(pairing__program__slug="bench-exports").count(),
        }
    else:
        prepare_database()
        data = seed(args.members, args.pairs, args.weeks)
    from django.db import connections

    connections.close_all()
    port = free_port()
    process = start_gunicorn(port)
    results: dict[str, list[dict]] = {}
    try:
        session = log_in(port, COORDINATOR, PASSWORD)
        slug = data["slug"]
        exports = {
            "members": (f"/p/{slug}/reports/exports/members/", None),
            "pairings": (f"/p/{slug}/reports/exports/pairings/", None),
            "meetings": (f"/p/{slug}/reports/exports/meetings/", None),
            "funder CSV (last year)": (
                f"/p/{slug}/reports/funder/csv/",
                {
                    "start": (datetime.now().date() - timedelta(days=365)).isoformat(),
                    "end": datetime.now().date().isoformat(),
                },
            ),
        }
        for _ in range(args.repeat):
            for name, (path, form) in exports.items():
                results.setdefault(name, []).append(
                    measure_export(port, process.pid, session, path, form)
                )
        pages = time_pages(port, session, slug)
    finally:
        stop_gunicorn(process)
    load = os.getloadavg()
    print(f"\nload average during the run: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (2 cores)")
    print(
        f"{'export':<24} {'rows':>8} {'MB':>6} {'seconds':>16} {'worker CPU s':>13} "
        f"{'RSS before':>10} {'RSS peak':>14} {'VmHWM':>7}"
    )
    for name, runs in results.items():
        secs = sorted(r["seconds"] for r in runs)
        peaks = sorted(r["rss_peak"] for r in runs)
        print(
            f"{name:<24} {runs[0]['lines'] - 1:>8,} {runs[0]['mb']:>6.1f} "
            f"{secs[0]:>7.2f} - {secs[-1]:>6.2f} {max(r['cpu'] for r in runs):>13.2f} "
            f"{runs[0]['rss_before']:>10.0f} "
            f"{peaks[0]:>6.0f} - {peaks[-1]:>5.0f} {max(r['hwm'] for r in runs):>7.0f}"
        )
    print(f"\n{'page':<24} {'min ms':>8} {'max ms':>8}")
    for name, values in pages.items():
        print(f"{name:<24} {values[0]:>8.0f} {values[-1]:>8.0f}")
    meetings = results["meetings"]
    leaked = any(r["marker"] for runs in results.values() for r in runs)
    worst_seconds = max(r["seconds"] for r in meetings)
    worst_cpu = max(r["cpu"] for r in meetings)
    worst_mb = max(r["rss_peak"] for r in meetings)
    ok = worst_seconds < TARGET_SECONDS and worst_mb < TARGET_MB and not leaked
    print(
        f"\nmeetings export ({data['meetings']:,} meetings): worst {worst_seconds:.2f} s, "
        f"(worker CPU at most {worst_cpu:.2f} s), worst peak worker RSS {worst_mb:.0f} MB; "
        f"narrative in any file: {leaked}"
    )
    print(
        f"target met (< {TARGET_SECONDS} s and < {TARGET_MB} MB, no narrative)"
        if ok
        else "TARGET MISSED"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
