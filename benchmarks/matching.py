"""Benchmark of matching.scoring and matching.assignment on seeded synthetic intakes.

Run from the repository root:

    .venv/bin/python benchmarks/matching.py            # 2,000 x 500 and 10,000 x 2,500
    .venv/bin/python benchmarks/matching.py --quick    # 2,000 x 500 only
    .venv/bin/python benchmarks/matching.py --verify   # also re-solve densely to check optimality

Each size runs in a fresh subprocess so ru_maxrss is that size's own peak (tracemalloc cannot
see OR-Tools' C++ allocations).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

# This file is called matching.py: drop its folder from the path so `import matching` finds the
# package at the repository root, not this script.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

import numpy as np  # noqa: E402

from matching.assignment import (  # noqa: E402
    assignment_total,
    greedy_assignment,
    optimal_assignment,
)
from matching.scoring import (  # noqa: E402
    AVAILABILITY_SLOTS,
    DEFAULT_WEIGHTS,
    FOCUS_AREAS,
    FORMATS,
    PATHWAYS,
    Intake,
    MentorPool,
    build_scores,
    top_mentors,
)

SEED = 20_241_126
CAPACITY = 4
HARD = ("language", "format", "gender")
SIZES = ((2_000, 500), (10_000, 2_500))

LANGUAGES = ("en", "es", "fr", "zh", "vi", "ar", "pt", "ru")
LANGUAGE_P = (0.9, 0.25, 0.05, 0.05, 0.04, 0.04, 0.04, 0.03)
GENDERS = ("woman", "man", "nonbinary", "")
GENDER_P = (0.48, 0.42, 0.06, 0.04)
ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
)
INDUSTRIES = tuple(f"industry_{i}" for i in range(30))
TAGS = tuple(f"tag_{i}" for i in range(150))  # free tags, Zipf-like popularity
TAG_P = 1.0 / np.arange(1, len(TAGS) + 1)
TAG_P /= TAG_P.sum()


def synthetic_people(n: int, seed: int, mentor: bool) -> list[Intake]:
    rng = np.random.default_rng(seed)

    def pick(pool: tuple[str, ...], lo: int, hi: int, p: np.ndarray | None = None):
        k = min(int(rng.integers(lo, hi + 1)), len(pool))
        return frozenset(rng.choice(pool, size=k, replace=False, p=p).tolist())

    people = []
    for _ in range(n):
        languages = frozenset(
            lang for lang, p in zip(LANGUAGES, LANGUAGE_P, strict=True) if rng.random() < p
        )
        region = int(rng.integers(50))
        gender = GENDERS[rng.choice(len(GENDERS), p=GENDER_P)]
        focus = pick(FOCUS_AREAS, 1, 4)
        wants_career = bool(focus & {"career", "education"})
        people.append(
            Intake(
                focus_areas=focus,
                pathways=pick(PATHWAYS, 1, 2),
                languages=languages or frozenset({"en"}),
                availability=pick(AVAILABILITY_SLOTS, 3, 10),
                formats=pick(FORMATS, 1, 3),
                region=f"region_{region}",
                timezone=ZONES[region % len(ZONES)],
                gender=gender,
                # A quarter ask for someone of their own gender.
                gender_preference=gender if gender and rng.random() < 0.25 else "",
                interests=pick(TAGS, 2, 6, TAG_P),
                lived_experience=pick(FOCUS_AREAS, 1, 4) if mentor else frozenset(),
                industries=pick(INDUSTRIES, 0, 3)
                if mentor
                else (pick(INDUSTRIES, 0, 2) if wants_career else frozenset()),
                years_in_recovery=int(rng.integers(1, 30)) if mentor else None,
            )
        )
    return people


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def _warm_up(mentees: list[Intake], mentors: list[Intake]) -> None:
    """Run every code path once on a few mentees, so one-off costs (BLAS start-up, first use of
    numpy routines) fall outside the timed region, as in a long-lived worker."""
    few = mentees[:8]
    scores = build_scores(few, mentors, DEFAULT_WEIGHTS, HARD)
    capacity = np.full(len(mentors), 1)
    optimal_assignment(scores.total, capacity, scores.allowed, objective="fairest")
    optimal_assignment(scores.total, capacity, scores.allowed, method="sparse")
    greedy_assignment(scores.total, capacity, scores.allowed)


def worker_pipeline(n: int, m: int, verify: bool) -> dict:
    """Score, solve (max_total), greedy, fairest, for one size, in this fresh process."""
    mentees = synthetic_people(n, SEED, False)
    mentors = synthetic_people(m, SEED + 1, True)
    _warm_up(mentees, mentors)
    out: dict = {"n": n, "m": m, "rss_before_mb": _rss_mb()}
    capacity = np.full(m, CAPACITY)

    scores, out["score_s"] = _timed(
        build_scores, mentees, mentors, DEFAULT_WEIGHTS, HARD, keep_similarity=False
    )
    total, allowed = scores.total, scores.allowed
    out["allowed_share"] = float(allowed.mean())
    pairs, out["solve_s"] = _timed(optimal_assignment, total, capacity, allowed)
    out["rss_after_solve_mb"] = _rss_mb()
    out["matched"] = len(pairs)
    out["total"] = assignment_total(total, pairs)
    out["min_pair"] = float(min(total[i, j] for i, j in pairs)) if pairs else 0.0

    greedy, out["greedy_s"] = _timed(greedy_assignment, total, capacity, allowed)
    out["greedy_matched"] = len(greedy)
    out["greedy_total"] = assignment_total(total, greedy)

    fair, out["fair_s"] = _timed(optimal_assignment, total, capacity, allowed, objective="fairest")
    out["fair_matched"] = len(fair)
    out["fair_total"] = assignment_total(total, fair)
    out["fair_min_pair"] = float(min(total[i, j] for i, j in fair)) if fair else 0.0

    if verify:
        dense, out["dense_s"] = _timed(optimal_assignment, total, capacity, allowed, method="dense")
        out["dense_matched"] = len(dense)
        out["dense_total"] = assignment_total(total, dense)
    out["rss_peak_mb"] = _rss_mb()
    return out


def worker_full_scores(n: int, m: int) -> dict:
    """build_scores keeping every per-criterion matrix (what explain/debug views use)."""
    mentees = synthetic_people(n, SEED, False)
    mentors = synthetic_people(m, SEED + 1, True)
    _warm_up(mentees, mentors)
    before = _rss_mb()
    _, seconds = _timed(build_scores, mentees, mentors, DEFAULT_WEIGHTS, HARD)
    return {"n": n, "m": m, "score_full_s": seconds, "rss_before_mb": before, "rss_mb": _rss_mb()}


def worker_single(m: int, samples: int = 200) -> dict:
    """One mentee against ``m`` mentors: raw intakes, a prepared MentorPool, top-10."""
    mentors = synthetic_people(m, SEED + 1, True)
    mentees = synthetic_people(samples, SEED + 2, False)
    _warm_up(mentees, mentors)
    pool, pool_s = _timed(MentorPool.from_intakes, mentors)
    raw, pooled, top = [], [], []
    for mentee in mentees:
        _, t = _timed(build_scores, [mentee], mentors, DEFAULT_WEIGHTS, HARD)
        raw.append(t)
        row, t = _timed(build_scores, [mentee], pool, DEFAULT_WEIGHTS, HARD)
        pooled.append(t)
        _, t = _timed(top_mentors, row, 0, 10)
        top.append(t)

    def stats(xs: list[float]) -> tuple[float, float]:
        xs = sorted(xs)
        return statistics.median(xs) * 1e3, xs[int(0.95 * (len(xs) - 1))] * 1e3

    return {
        "m": m,
        "pool_build_ms": pool_s * 1e3,
        "raw_ms": stats(raw),
        "pool_ms": stats(pooled),
        "top10_ms": stats(top),
    }


def _run_worker(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"worker {args} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _status(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip 10,000 x 2,500")
    parser.add_argument("--verify", action="store_true", help="also solve densely and compare")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, *rest = args.worker
        if kind == "pipeline":
            result = worker_pipeline(int(rest[0]), int(rest[1]), rest[2] == "1")
        elif kind == "full":
            result = worker_full_scores(int(rest[0]), int(rest[1]))
        else:
            result = worker_single(int(rest[0]))
        print(json.dumps(result))
        return

    sizes = SIZES[:1] if args.quick else SIZES
    print(f"PeerPath matching benchmark  seed={SEED}  capacity={CAPACITY}/mentor  hard={HARD}")
    print(f"python {sys.version.split()[0]}  numpy {np.__version__}")
    print()

    rows = []
    for n, m in sizes:
        # Dense cross-check always at the small size, at the large one only on request
        # (it needs ~2.5 GB and ~15 s).
        verify = args.verify or n * m <= 2_000 * 500
        rows.append((_run_worker("pipeline", str(n), str(m), "1" if verify else "0"),))
        rows[-1] += (_run_worker("full", str(n), str(m)),)

    labels = [f"{r[0]['n']:,} x {r[0]['m']:,}" for r in rows]
    header = f"{'':34}" + "".join(f"{label:>22}" for label in labels)
    print(header)
    print("-" * len(header))

    def line(label: str, fmt, key: str | None = None, source: int = 0) -> None:
        cells = []
        for r in rows:
            value = r[source].get(key) if key else None
            cells.append(fmt(r[source]) if key is None else ("-" if value is None else fmt(value)))
        print(f"{label:34}" + "".join(f"{c:>22}" for c in cells))

    line("allowed pairs", lambda v: f"{v:.1%}", "allowed_share")
    line("score matrix (no sim kept) s", lambda v: f"{v:.3f}", "score_s")
    line("score matrix (all sims kept) s", lambda v: f"{v:.3f}", "score_full_s", 1)
    line("  RSS with all sims kept MB", lambda v: f"{v:.0f}", "rss_mb", 1)
    line("optimal solve (max_total) s", lambda v: f"{v:.3f}", "solve_s")
    line("score + solve s", lambda r: f"{r['score_s'] + r['solve_s']:.3f}")
    line("RSS before scoring MB", lambda v: f"{v:.0f}", "rss_before_mb")
    line("peak RSS after score+solve MB", lambda v: f"{v:.0f}", "rss_after_solve_mb")
    line("peak RSS whole run MB", lambda v: f"{v:.0f}", "rss_peak_mb")
    line("matched (optimal)", lambda v: f"{v:,}", "matched")
    line("total score (optimal)", lambda v: f"{v:,.2f}", "total")
    line("matched (greedy)", lambda v: f"{v:,}", "greedy_matched")
    line("total score (greedy)", lambda v: f"{v:,.2f}", "greedy_total")
    line("greedy time s", lambda v: f"{v:.3f}", "greedy_s")
    line("optimal gain vs greedy", lambda r: f"{r['total'] - r['greedy_total']:+,.2f}")
    line("fairest time s", lambda v: f"{v:.3f}", "fair_s")
    line("min pair score max_total", lambda v: f"{v:.3f}", "min_pair")
    line("min pair score fairest", lambda v: f"{v:.3f}", "fair_min_pair")
    line("matched (fairest)", lambda v: f"{v:,}", "fair_matched")
    line("total score (fairest)", lambda v: f"{v:,.2f}", "fair_total")
    line("fairest total - max_total", lambda r: f"{r['fair_total'] - r['total']:+,.2f}")
    line("dense solve s (check)", lambda v: f"{v:.3f}", "dense_s")
    line(
        "dense == sparse optimum",
        lambda r: (
            "-"
            if "dense_total" not in r
            else str(
                r["dense_matched"] == r["matched"]
                and abs(r["dense_total"] - r["total"]) <= 1e-6 * r["matched"]
            )
        ),
    )

    single = _run_worker("single", "2500")
    print()
    print(f"One mentee vs {single['m']:,} mentors (median / p95 over 200 mentees)")
    for label, key, digits in (
        ("build_scores with Intake list", "raw_ms", 2),
        ("build_scores with MentorPool", "pool_ms", 2),
        ("top_mentors(k=10)", "top10_ms", 3),
    ):
        median, p95 = single[key]
        print(f"  {label:34}{median:7.{digits}f} / {p95:.{digits}f} ms")
    print(f"  {'MentorPool.from_intakes (once)':34}{single['pool_build_ms']:7.2f} ms")

    print()
    print("Targets")
    small = rows[0][0]
    print(
        f"  2,000 x 500 build_scores < 0.25 s: {small['score_s']:.3f} s "
        f"(all sims kept {rows[0][1]['score_full_s']:.3f} s) -> "
        f"{_status(max(small['score_s'], rows[0][1]['score_full_s']) < 0.25)}"
    )
    print(
        f"  2,000 x 500 score + optimal solve < 0.5 s: "
        f"{small['score_s'] + small['solve_s']:.3f} s -> "
        f"{_status(small['score_s'] + small['solve_s'] < 0.5)}"
    )
    if len(rows) > 1:
        big = rows[1][0]
        both = big["score_s"] + big["solve_s"]
        print(
            f"  10,000 x 2,500 score + solve < 12 s and < 3 GB: {both:.2f} s, "
            f"{big['rss_after_solve_mb']:.0f} MB -> "
            f"{_status(both < 12 and big['rss_after_solve_mb'] < 3072)}"
        )
        print(
            f"  stretch: 10,000 x 2,500 exact solve < 3 s and < 1 GB: {big['solve_s']:.2f} s "
            f"(score + solve {both:.2f} s), {big['rss_after_solve_mb']:.0f} MB -> "
            f"{_status(big['solve_s'] < 3 and big['rss_after_solve_mb'] < 1024)}"
        )
    print(
        f"  one mentee vs 2,500 mentors < 5 ms: MentorPool {single['pool_ms'][0]:.2f} ms "
        f"-> {_status(single['pool_ms'][0] < 5)}; Intake list {single['raw_ms'][0]:.2f} ms "
        f"-> {_status(single['raw_ms'][0] < 5)}"
    )


if __name__ == "__main__":
    main()
