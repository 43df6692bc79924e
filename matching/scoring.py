"""Vectorised mentee x mentor compatibility scoring.

Pure Python + numpy on purpose: no Django imports, so the scoring can be tested and benchmarked
without a database, and the Django layer only has to turn model rows into ``Intake`` values.

Every criterion yields a similarity in [0, 1] per (mentee, mentor) pair. The total score is the
weighted mean of the similarities scaled to 0..100. Set-valued fields are encoded over a
vocabulary taken from the mentors, as 64-bit masks (multi-hot bits), so shared counts for all
pairs come out of a broadcast AND + popcount per field, the bitwise form of the multi-hot
product A @ B.T, instead of a Python loop over pairs. Mentees are scored in row blocks so the
temporaries stay small.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat

import numpy as np

FOCUS_AREAS: tuple[str, ...] = (
    "wellness",
    "mental_wellbeing",
    "substance_recovery",
    "relationships",
    "housing",
    "career",
    "education",
    "community",
)
PATHWAYS: tuple[str, ...] = (
    "twelve_step",
    "smart",
    "faith",
    "medication",
    "harm_reduction",
    "secular_other",
    "prefer_not",
)
# Declining to name a pathway says nothing about compatibility, so two people who both declined
# must not be rewarded as if they shared one.
PATHWAY_NOT_SHARED = "prefer_not"
FORMATS: tuple[str, ...] = ("in_person", "phone", "video")
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS_OF_DAY: tuple[str, ...] = ("morning", "afternoon", "evening")
AVAILABILITY_SLOTS: tuple[str, ...] = tuple(f"{d}-{p}" for d in DAYS for p in PARTS_OF_DAY)
CAREER_FOCUS: frozenset[str] = frozenset({"career", "education"})

CRITERIA: tuple[str, ...] = (
    "focus",
    "pathway",
    "language",
    "availability",
    "format",
    "location",
    "interests",
    "career",
    "gender",
)
HARD_CRITERIA: frozenset[str] = frozenset({"gender", "language", "format"})
MAX_WEIGHT = 10.0

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "focus": 8.0,
    "pathway": 6.0,
    "language": 5.0,
    "availability": 5.0,
    "format": 3.0,
    "location": 3.0,
    "interests": 2.0,
    "career": 4.0,
    "gender": 0.0,
}

# How many shared items earn full credit. Saturating keeps a mentee who lists many areas from
# needing a mentor who matches all of them, while one who lists a single area is fully served by
# a mentor sharing it (the denominator is min(len(mentee's set), cap)).
SATURATION: Mapping[str, int] = {
    "focus": 3,
    "pathway": 1,
    "language": 1,
    "availability": 4,
    "format": 1,
    "interests": 3,
}
# Same time zone makes meeting practical even without a shared region, so it earns part credit.
TIMEZONE_CREDIT = 0.5
# A career-focused mentee who named industries still benefits from a mentor with work experience
# in another industry, just less than from one in their own.
OTHER_INDUSTRY_CREDIT = 0.5

# Up to this many 64-bit words per set field, shared counts are popcounts; beyond (large
# free-text vocabularies) gathering each mentee's few items is cheaper.
_MAX_BITMASK_WORDS = 4
# Pairs per row block in build_scores.
_BLOCK_ELEMENTS = 1 << 17


@dataclass(frozen=True)
class Intake:
    """One person's intake answers, already reduced to codes by the Django layer."""

    focus_areas: frozenset[str] = frozenset()
    pathways: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()
    region: str = ""
    timezone: str = ""
    gender: str = ""
    gender_preference: str = ""
    interests: frozenset[str] = frozenset()
    # Mentor-only answers; mentees leave them empty (``industries`` may be set for mentees too).
    lived_experience: frozenset[str] = frozenset()
    industries: frozenset[str] = frozenset()
    years_in_recovery: int | None = None


@dataclass
class ScoreMatrix:
    """Scores for every (mentee, mentor) pair; row = mentee index, column = mentor index."""

    total: np.ndarray  # (n, m) float64 in 0..100
    similarity: dict[str, np.ndarray] = field(default_factory=dict)  # (n, m) float32 in 0..1
    allowed: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=bool))

    @property
    def shape(self) -> tuple[int, int]:
        return self.total.shape  # type: ignore[return-value]


@dataclass(frozen=True)
class Reason:
    """Why one criterion contributed (or blocked) a pair; the Django layer words it."""

    criterion: str
    points: float  # contribution to the 0..100 total
    shared: tuple[str, ...]  # sorted codes behind the credit
    similarity: float
    blocking: bool  # a hard constraint on this criterion failed


def validate_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Return a full criterion->weight dict; missing criteria weigh 0."""
    unknown = set(weights) - set(CRITERIA)
    if unknown:
        raise ValueError(f"unknown criteria in weights: {sorted(unknown)}")
    out: dict[str, float] = {}
    for c in CRITERIA:
        w = float(weights.get(c, 0.0))
        if not 0.0 <= w <= MAX_WEIGHT:
            raise ValueError(f"weight for {c!r} must be within 0..{MAX_WEIGHT:g}, got {w!r}")
        out[c] = w
    return out


def _validate_hard(hard: Collection[str]) -> frozenset[str]:
    hard_set = frozenset(hard)
    unknown = hard_set - HARD_CRITERIA
    if unknown:
        raise ValueError(
            f"criteria {sorted(unknown)} cannot be hard constraints; "
            f"allowed: {sorted(HARD_CRITERIA)}"
        )
    return hard_set


def _point_factors(w: Mapping[str, float]) -> dict[str, float]:
    """Points per unit of similarity, so that sum over criteria of factor * sim is in 0..100."""
    total_w = sum(w.values())
    if total_w <= 0.0:
        return {c: 0.0 for c in CRITERIA}
    return {c: 100.0 * w[c] / total_w for c in CRITERIA}


# --------------------------------------------------------------------------------------------
# Encoding

# (criterion, Intake attribute, item that never counts as shared)
_SET_CRITERIA: tuple[tuple[str, str, str | None], ...] = (
    ("pathway", "pathways", PATHWAY_NOT_SHARED),
    ("language", "languages", None),
    ("availability", "availability", None),
    ("format", "formats", None),
    ("interests", "interests", None),
)


# eq=False: generated __eq__ would compare numpy arrays, which has no single truth value.
@dataclass(frozen=True, eq=False)
class _SetColumn:
    """One set field of the mentors, encoded for counting shared items with every mentee.

    The vocabulary comes from the mentors only: an item no mentor has can never be shared, so
    mentee items outside it are simply skipped (denominators use the real set sizes).

    Small vocabularies (all the coded fields, typical interest tags) are bitmasks of 64-bit
    words and shared counts are popcounts of ANDs: exact, single-threaded and faster than a
    float matrix product, whose BLAS threads also degrade badly on a busy 2-core machine.
    Large free-text vocabularies instead gather and add the mentor rows of each mentee's few
    items.
    """

    index: dict[str, int]
    words: np.ndarray | None  # (n_words, m) uint64 bitmasks, or None for the gather path
    table: np.ndarray | None  # (vocab + 1, m) float32 multi-hot; last row zero (padding)

    @classmethod
    def build(cls, sets: Sequence[frozenset[str]], exclude: str | None = None) -> _SetColumn:
        items = set(chain.from_iterable(sets))
        items.discard(exclude)  # type: ignore[arg-type]
        index = {v: i for i, v in enumerate(sorted(items))}
        column = cls(index=index, words=None, table=None)
        rows, cols = column._positions(sets)
        m = len(sets)
        n_words = -(-len(index) // 64)
        if n_words <= _MAX_BITMASK_WORDS:
            words = np.zeros((n_words, m), dtype=np.uint64)
            np.bitwise_or.at(words, (cols >> 6, rows), _bits(cols))
            return cls(index=index, words=words, table=None)
        table = np.zeros((len(index) + 1, m), dtype=np.float32)
        table[cols, rows] = 1.0
        return cls(index=index, words=None, table=table)

    def _positions(self, sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
        """(row, item index) of every known item in ``sets``."""
        # map() over dict.get keeps the per-item loop in C; this is the hot path of encoding.
        flat = np.fromiter(
            map(self.index.get, chain.from_iterable(sets), repeat(-1)), dtype=np.intp
        )
        rows = np.repeat(np.arange(len(sets)), _lengths(sets))
        keep = flat >= 0
        return rows[keep], flat[keep]

    def shared_counts(self, sets: Sequence[frozenset[str]]) -> np.ndarray:
        """(len(sets), m) float32 counts of items each mentee shares with each mentor."""
        n = len(sets)
        if self.words is not None:
            m = self.words.shape[1]
            if self.words.shape[0] == 0 or n == 0:
                return np.zeros((n, m), dtype=np.float32)
            rows, cols = self._positions(sets)
            mine = np.zeros((n, self.words.shape[0]), dtype=np.uint64)
            np.bitwise_or.at(mine, (rows, cols >> 6), _bits(cols))
            counts = np.bitwise_count(mine[:, 0, None] & self.words[0][None, :])
            for w in range(1, self.words.shape[0]):
                counts += np.bitwise_count(mine[:, w, None] & self.words[w][None, :])
            return counts.astype(np.float32)

        assert self.table is not None
        m = self.table.shape[1]
        rows, items = self._positions(sets)
        per_row = np.bincount(rows, minlength=n)
        width = int(per_row.max(initial=0))
        if width == 0:
            return np.zeros((n, m), dtype=np.float32)
        # Items laid out as (n, most items per mentee), padded with the all-zero last row, so
        # each step is one gather of whole mentor rows.
        padded = np.full((n, width), self.table.shape[0] - 1, dtype=np.intp)
        first = np.concatenate([[0], np.cumsum(per_row)[:-1]])
        padded[rows, np.arange(rows.size) - first[rows]] = items
        out = self.table[padded[:, 0]]
        for k in range(1, width):
            out += self.table[padded[:, k]]
        return out


def _bits(positions: np.ndarray) -> np.ndarray:
    """The uint64 bit for each item position within its 64-bit word."""
    return np.left_shift(np.uint64(1), (positions & 63).astype(np.uint64))


def _lengths(sets: Sequence[frozenset[str]]) -> np.ndarray:
    return np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))


def _string_index(values: Iterable[str]) -> dict[str, int]:
    return {v: i for i, v in enumerate(sorted(set(values) - {""}))}


@dataclass(frozen=True, eq=False)
class MentorPool:
    """Mentors encoded once for scoring, so scoring a single mentee against them is cheap.

    Build it with ``MentorPool.from_intakes`` and pass it to ``build_scores`` in place of the
    mentor list (e.g. cache it while the mentor set does not change).
    """

    size: int
    focus: _SetColumn
    sets: dict[str, _SetColumn]
    industries: _SetColumn
    has_industry: np.ndarray  # (m,) float32, 1.0 if the mentor named any industry
    region_index: dict[str, int]
    region: np.ndarray  # (m,) int64 codes; blank = -2 so it never equals a mentee code
    timezone_index: dict[str, int]
    timezone: np.ndarray
    gender_index: dict[str, int]
    gender: np.ndarray  # -2 = unknown
    gender_preference: np.ndarray  # -1 = no preference

    @classmethod
    def from_intakes(cls, mentors: Sequence[Intake]) -> MentorPool:
        mentors = list(mentors)
        industries = [p.industries for p in mentors]

        def codes(index: dict[str, int], values: Iterable[str], blank: int) -> np.ndarray:
            return np.fromiter((index.get(v, blank) for v in values), np.int64, len(mentors))

        regions = [p.region for p in mentors]
        zones = [p.timezone for p in mentors]
        genders = [p.gender for p in mentors]
        prefs = [p.gender_preference for p in mentors]
        region_index, tz_index = _string_index(regions), _string_index(zones)
        # Mentor preferences are in the index too, so a mentee gender outside it cannot be
        # anything a mentor asked for.
        gender_index = _string_index(genders + prefs)
        return cls(
            size=len(mentors),
            focus=_SetColumn.build([p.focus_areas | p.lived_experience for p in mentors]),
            sets={
                crit: _SetColumn.build([getattr(p, attr) for p in mentors], exclude)
                for crit, attr, exclude in _SET_CRITERIA
            },
            industries=_SetColumn.build(industries),
            has_industry=(_lengths(industries) > 0).astype(np.float32),
            region_index=region_index,
            region=codes(region_index, regions, -2),
            timezone_index=tz_index,
            timezone=codes(tz_index, zones, -2),
            gender_index=gender_index,
            gender=codes(gender_index, genders, -2),
            gender_preference=codes(gender_index, prefs, -1),
        )


# --------------------------------------------------------------------------------------------
# Scoring


def _saturating_similarity(counts: np.ndarray, mentee_lengths: np.ndarray, cap: int) -> np.ndarray:
    """min(shared, d) / d with d = min(len(mentee set), cap); 0 when the mentee set is empty."""
    denom = np.minimum(mentee_lengths, cap).astype(np.float32)
    safe = np.where(denom > 0, denom, np.float32(1.0))[:, None]
    np.minimum(counts, safe, out=counts)
    counts /= safe
    counts[denom == 0, :] = 0.0
    return counts


def _similarities(
    mentees: Sequence[Intake], pool: MentorPool, needed: Collection[str] = CRITERIA
) -> dict[str, np.ndarray]:
    """(len(mentees), m) float32 similarity per criterion in ``needed``."""
    n, m = len(mentees), pool.size
    sim: dict[str, np.ndarray] = {}

    if "focus" in needed:
        # A mentor can help with areas they focus on or have lived through themselves.
        focus_sets = [p.focus_areas for p in mentees]
        counts = pool.focus.shared_counts(focus_sets)
        sim["focus"] = _saturating_similarity(counts, _lengths(focus_sets), SATURATION["focus"])

    for crit, attr, exclude in _SET_CRITERIA:
        if crit not in needed:
            continue
        column = pool.sets[crit]
        sets = [getattr(p, attr) for p in mentees]
        counts = column.shared_counts(sets)
        lengths = _lengths(sets)
        if exclude is not None:
            lengths -= np.fromiter((exclude in s for s in sets), dtype=np.int64, count=n)
        sim[crit] = _saturating_similarity(counts, lengths, SATURATION[crit])

    def codes(index: dict[str, int], values: Iterable[str]) -> np.ndarray:
        return np.fromiter((index.get(v, -1) if v else -1 for v in values), np.int64, n)

    if "location" in needed:
        region = codes(pool.region_index, (p.region for p in mentees))
        zone = codes(pool.timezone_index, (p.timezone for p in mentees))
        location = (zone[:, None] == pool.timezone[None, :]).astype(np.float32)
        location *= np.float32(TIMEZONE_CREDIT)
        location[region[:, None] == pool.region[None, :]] = 1.0
        sim["location"] = location

    if "career" in needed:
        # Only mentees who asked for career/education help get career credit.
        wants_career = np.fromiter(
            (not p.focus_areas.isdisjoint(CAREER_FOCUS) for p in mentees), dtype=bool, count=n
        )
        industry_sets = [p.industries for p in mentees]
        named = _lengths(industry_sets) > 0
        shared = pool.industries.shared_counts(industry_sets)
        career = np.empty((n, m), dtype=np.float32)
        career[:] = pool.has_industry[None, :]
        career[named, :] *= np.float32(OTHER_INDUSTRY_CREDIT)
        career[shared > 0] = 1.0
        career[~wants_career, :] = 0.0
        sim["career"] = career

    if "gender" in needed:
        # Both sides' preferences must hold; no preference is always satisfied. A mentee
        # preference for a gender no mentor has gets a code no mentor gender uses.
        unmet = len(pool.gender_index)
        index = pool.gender_index
        pref = np.fromiter(
            (index.get(p.gender_preference, unmet) if p.gender_preference else -1 for p in mentees),
            np.int64,
            n,
        )
        gender = np.fromiter((index.get(p.gender, -3) for p in mentees), np.int64, n)
        ok = (pref[:, None] == -1) | (pref[:, None] == pool.gender[None, :])
        mentor_pref = pool.gender_preference[None, :]
        ok &= (mentor_pref == -1) | (mentor_pref == gender[:, None])
        sim["gender"] = ok.astype(np.float32)

    return sim


def build_scores(
    mentees: Sequence[Intake],
    mentors: Sequence[Intake] | MentorPool,
    weights: Mapping[str, float],
    hard: Collection[str] = (),
    *,
    keep_similarity: bool = True,
) -> ScoreMatrix:
    """Score every mentee against every mentor.

    ``weights`` maps criteria to 0..10 (missing criteria weigh 0). ``hard`` is a subset of
    ``HARD_CRITERIA``; a pair whose similarity on a hard criterion is 0 is not allowed.
    ``mentors`` may be a prepared ``MentorPool`` to skip re-encoding them on every call.
    With ``keep_similarity=False`` the per-criterion matrices are not kept (``similarity`` is
    empty), which saves 4 bytes per pair per criterion on large batch runs.
    """
    w = validate_weights(weights)
    hard_set = _validate_hard(hard)
    pool = mentors if isinstance(mentors, MentorPool) else MentorPool.from_intakes(mentors)
    mentees = list(mentees)
    n, m = len(mentees), pool.size
    factors = _point_factors(w)
    needed = [c for c in CRITERIA if keep_similarity or factors[c] or c in hard_set]

    total = np.zeros((n, m), dtype=np.float64)
    allowed = np.ones((n, m), dtype=bool)
    similarity = {c: np.empty((n, m), dtype=np.float32) for c in CRITERIA if keep_similarity}
    # Row blocks keep the intermediates small and cache-resident; whole-matrix temporaries
    # would make every criterion touch fresh memory at 10k x 2.5k.
    step = max(1, _BLOCK_ELEMENTS // max(m, 1))
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        sim = _similarities(mentees[lo:hi], pool, needed)
        out = total[lo:hi]
        # Accumulate in CRITERIA order, in float64, so that explain_pair's per-criterion points
        # add up to exactly the same total.
        for c in CRITERIA:
            if factors[c]:
                out += np.multiply(sim[c], factors[c], dtype=np.float64)
        for c in hard_set:
            allowed[lo:hi] &= sim[c] > 0
        for c, arr in similarity.items():
            arr[lo:hi] = sim[c]
    return ScoreMatrix(total=total, similarity=similarity, allowed=allowed)


def _shared_codes(crit: str, mentee: Intake, mentor: Intake) -> tuple[str, ...]:
    if crit == "focus":
        return tuple(sorted(mentee.focus_areas & (mentor.focus_areas | mentor.lived_experience)))
    if crit == "pathway":
        return tuple(sorted((mentee.pathways & mentor.pathways) - {PATHWAY_NOT_SHARED}))
    if crit == "language":
        return tuple(sorted(mentee.languages & mentor.languages))
    if crit == "availability":
        return tuple(sorted(mentee.availability & mentor.availability))
    if crit == "format":
        return tuple(sorted(mentee.formats & mentor.formats))
    if crit == "interests":
        return tuple(sorted(mentee.interests & mentor.interests))
    if crit == "location":
        if mentee.region and mentee.region == mentor.region:
            return (mentee.region,)
        if mentee.timezone and mentee.timezone == mentor.timezone:
            return (mentee.timezone,)
        return ()
    if crit == "career":
        if mentee.focus_areas.isdisjoint(CAREER_FOCUS):
            return ()
        common = mentee.industries & mentor.industries
        # Without a named industry the mentor's whole work background is what earned the credit.
        return tuple(sorted(common if common or mentee.industries else mentor.industries))
    if crit == "gender":
        return ()
    raise ValueError(f"unknown criterion {crit!r}")


def explain_pair(
    mentee: Intake,
    mentor: Intake,
    weights: Mapping[str, float],
    hard: Collection[str] = (),
) -> list[Reason]:
    """Per-criterion breakdown of one pair's score, largest contribution first.

    Goes through ``build_scores`` on a 1x1 problem so the numbers are the same float operations
    as in the full matrix; the sum of ``points`` in CRITERIA order equals the matrix total.
    """
    w = validate_weights(weights)
    hard_set = _validate_hard(hard)
    result = build_scores([mentee], [mentor], w, hard_set)
    factors = _point_factors(w)
    reasons = []
    for c in CRITERIA:
        s = float(result.similarity[c][0, 0])
        reasons.append(
            Reason(
                criterion=c,
                points=s * factors[c] if factors[c] else 0.0,
                shared=_shared_codes(c, mentee, mentor) if s > 0 else (),
                similarity=s,
                blocking=c in hard_set and s <= 0.0,
            )
        )
    # Stable sort keeps CRITERIA order among ties.
    reasons.sort(key=lambda r: -r.points)
    return reasons


def top_mentors(
    scores: ScoreMatrix | np.ndarray,
    mentee_index: int = 0,
    k: int = 10,
    extra_mask: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """Best ``k`` allowed mentors for one mentee as (mentor_index, score), best first.

    ``scores`` may be a ScoreMatrix (its ``allowed`` mask applies) or a raw total array, 1-D or
    2-D. ``extra_mask`` (bool, one entry per mentor) can exclude e.g. mentors without capacity.
    Ties are broken by the lower mentor index so results are deterministic.
    """
    if isinstance(scores, ScoreMatrix):
        row = scores.total[mentee_index]
        mask = scores.allowed[mentee_index]
    else:
        arr = np.asarray(scores, dtype=np.float64)
        row = arr if arr.ndim == 1 else arr[mentee_index]
        mask = None
    if extra_mask is not None:
        extra = np.asarray(extra_mask, dtype=bool).reshape(-1)
        mask = extra if mask is None else (mask & extra)
    candidates = np.flatnonzero(mask) if mask is not None else np.arange(row.shape[0])
    if k <= 0 or candidates.size == 0:
        return []
    values = row[candidates]
    if candidates.size > k:
        top = np.argpartition(-values, k - 1)[:k]
        kth = values[top].min()
        # Everything strictly better than the k-th value is in; ties with it are resolved by
        # the lower mentor index (candidates are ascending) so results are deterministic.
        better = values > kth
        ties = np.flatnonzero(values == kth)[: k - int(np.count_nonzero(better))]
        keep = np.concatenate([np.flatnonzero(better), ties])
        candidates, values = candidates[keep], values[keep]
    order = np.lexsort((candidates, -values))
    return [(int(candidates[i]), float(values[i])) for i in order]
