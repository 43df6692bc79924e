"""Optimal mentee -> mentor assignment with mentor capacities.

Pure numpy + OR-Tools, no Django imports. The problem is a bipartite b-matching solved exactly as
a min-cost max-flow: source -> mentee (cap 1) -> mentor (cap 1 per allowed pair, cost = -score)
-> sink (cap = mentor capacity). ``solve_max_flow_with_min_cost`` returns the maximum flow of
minimum cost, which is exactly the lexicographic objective: most mentees matched first, then the
highest total score.

Large instances are solved on a sparse candidate set (each mentee's and mentor's best pairs) and
then *proved* optimal on the full matrix: a min-cut certificate shows no allowed pair outside the
candidates could match more people, and node potentials (shortest-path distances in the residual
graph) show none could raise the total. Violating pairs are added and the solve repeats, so the
result is the same optimum as the dense solve, only cheaper.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

# Scores are turned into integer arc costs; 1e6 keeps rounding error below 1e-6 per pair.
SCORE_SCALE = 10**6
# Path costs (up to the node count times the largest scaled score) must stay well inside int64,
# both for OR-Tools' cost scaling and for the potentials of the certificate.
_MAX_PATH_COST = 2**60
# Below this many allowed pairs the dense solve is fast enough and the certificate loop would
# only add overhead.
SPARSE_MIN_PAIRS = 150_000
# Candidate pairs kept per mentee, and per mentor as a multiple of its capacity.
CANDIDATES_PER_MENTEE = 12
CANDIDATES_PER_CAPACITY = 2
# Pairs whose reduced cost is below this (in scaled units, 1e6 = one score point) are added
# along with the violating ones.
NEAR_MARGIN = 2 * SCORE_SCALE
# Cap on pairs added per mentee per certificate round, so one round cannot flood the graph.
ADDED_PER_MENTEE = 16
# If the candidate set grows past this share of the allowed pairs, the dense solve is cheaper.
_SPARSE_GIVE_UP_SHARE = 0.5
_MAX_ROUNDS = 60
# Pairs per block when ranking candidates; small enough to stay in cache.
_CANDIDATE_BLOCK_ELEMENTS = 1 << 18
# Rows per block when scanning the full (n, m) matrix, to bound temporary memory.
_BLOCK_ELEMENTS = 1 << 21

# Greedy works through pairs in bands of this many best pairs, so it never sorts them all.
_GREEDY_BAND_PER_MENTEE = 4
_GREEDY_BAND_MIN = 1 << 16

OBJECTIVES = ("max_total", "fairest")
METHODS = ("auto", "dense", "sparse")

Pairs = list[tuple[int, int]]


# --------------------------------------------------------------------------------------------
# Input handling


def _prepare(
    scores: np.ndarray,
    capacity: np.ndarray,
    allowed: np.ndarray | None,
    min_score: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate and return (scores float64, capacity int64, eligible bool mask)."""
    s = np.asarray(scores, dtype=np.float64)
    if s.ndim != 2:
        raise ValueError(f"scores must be 2-D (mentees, mentors), got shape {s.shape}")
    n, m = s.shape
    cap = np.asarray(capacity)
    if cap.shape != (m,):
        raise ValueError(f"capacity must have shape ({m},), got {cap.shape}")
    if cap.size and (np.any(cap < 0) or np.any(cap != np.round(cap))):
        raise ValueError("capacity must hold non-negative integers")
    cap = cap.astype(np.int64)
    if np.isnan(min_score):
        raise ValueError("min_score must not be NaN")
    # NaN compares False, so NaN scores are never eligible.
    eligible = s >= min_score
    if allowed is not None:
        mask = np.asarray(allowed, dtype=bool)
        if mask.shape != s.shape:
            raise ValueError(f"allowed must have shape {s.shape}, got {mask.shape}")
        eligible &= mask
    eligible &= (cap > 0)[None, :]
    if eligible.any():
        biggest = max(
            np.max(s, where=eligible, initial=-np.inf), -np.min(s, where=eligible, initial=np.inf)
        )
        if not biggest * SCORE_SCALE * (n + m + 3) <= _MAX_PATH_COST:
            raise ValueError(f"scores up to {biggest:g} are too large to solve exactly")
    return s, cap, eligible


def _scaled(scores: np.ndarray) -> np.ndarray:
    return np.rint(scores * SCORE_SCALE).astype(np.int64)


def _as_pairs(ii: np.ndarray, jj: np.ndarray) -> Pairs:
    order = np.lexsort((jj, ii))
    return list(zip(ii[order].tolist(), jj[order].tolist(), strict=True))


# --------------------------------------------------------------------------------------------
# Flow solves


def _min_cost_max_flow(
    n: int, m: int, cap: np.ndarray, ii: np.ndarray, jj: np.ndarray, w: np.ndarray
) -> np.ndarray:
    """Max flow of min cost over the given pair arcs; returns a bool 'used' per pair arc."""
    source, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, source), ii, n + np.arange(m)]).astype(np.int32)
    heads = np.concatenate([np.arange(n), n + jj, np.full(m, sink)]).astype(np.int32)
    caps = np.concatenate([np.ones(n, np.int64), np.ones(ii.size, np.int64), cap])
    costs = np.concatenate([np.zeros(n, np.int64), -w, np.zeros(m, np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supply = int(min(n, cap.sum()))
    flow.set_node_supply(source, supply)
    flow.set_node_supply(sink, -supply)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return np.asarray(flow.flows(arcs[n : n + ii.size])) > 0


def _max_flow_reach(
    n: int, m: int, cap: np.ndarray, ii: np.ndarray, jj: np.ndarray
) -> tuple[int, np.ndarray]:
    """Max matching size over the given arcs and the source side of a min cut (bool per node)."""
    source, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, source), ii, n + np.arange(m)]).astype(np.int32)
    heads = np.concatenate([np.arange(n), n + jj, np.full(m, sink)]).astype(np.int32)
    caps = np.concatenate([np.ones(n, np.int64), np.ones(ii.size, np.int64), cap])
    flow = max_flow.SimpleMaxFlow()
    flow.add_arcs_with_capacity(tails, heads, caps)
    status = flow.solve(source, sink)
    if status != flow.OPTIMAL:
        raise RuntimeError(f"max flow failed with status {status}")
    reach = np.zeros(n + m + 2, dtype=bool)
    reach[np.asarray(flow.get_source_side_min_cut(), dtype=np.intp)] = True
    return int(flow.optimal_flow()), reach


# --------------------------------------------------------------------------------------------
# Optimality certificates for the sparse solve


def _residual_arcs(
    n: int, m: int, cap: np.ndarray, ii: np.ndarray, jj: np.ndarray, w: np.ndarray, used: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Arcs (tail, head, cost) of the residual graph of the flow given by ``used``."""
    source, sink = n + m, n + m + 1
    matched = np.zeros(n, dtype=bool)
    matched[ii[used]] = True
    load = np.bincount(jj[used], minlength=m)
    mentees = np.arange(n)
    mentors = n + np.arange(m)
    free_mentees, busy_mentees = mentees[~matched], mentees[matched]
    open_mentors, loaded_mentors = mentors[load < cap], mentors[load > 0]
    tails = np.concatenate(
        [
            np.full(free_mentees.size, source),
            busy_mentees,
            ii[~used],
            n + jj[used],
            open_mentors,
            np.full(loaded_mentors.size, sink),
        ]
    )
    heads = np.concatenate(
        [
            free_mentees,
            np.full(busy_mentees.size, source),
            n + jj[~used],
            ii[used],
            np.full(open_mentors.size, sink),
            loaded_mentors,
        ]
    )
    costs = np.concatenate(
        [
            np.zeros(free_mentees.size + busy_mentees.size, np.int64),
            -w[~used],
            w[used],
            np.zeros(open_mentors.size + loaded_mentors.size, np.int64),
        ]
    )
    return tails, heads, costs


def _csr_by_tail(
    num_nodes: int, tails: np.ndarray, heads: np.ndarray, costs: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(tails, kind="stable")
    indptr = np.zeros(num_nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(tails, minlength=num_nodes), out=indptr[1:])
    return indptr, heads[order], costs[order]


def _out_arcs(indptr: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """Positions (in CSR order) of all arcs leaving ``nodes``."""
    starts, counts = indptr[nodes], indptr[nodes + 1] - indptr[nodes]
    total = int(counts.sum())
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    return offsets + np.arange(total)


def _potentials(num_nodes: int, tails: np.ndarray, heads: np.ndarray, costs: np.ndarray):
    """Shortest distances from a virtual root joined to every node by a 0-cost arc.

    Any such distances d satisfy cost(u, v) + d[u] - d[v] >= 0 on every residual arc, which is
    the optimality certificate. Bellman-Ford restricted to arcs whose tail just improved; integer
    arithmetic keeps the certificate exact.
    """
    indptr, heads_s, costs_s = _csr_by_tail(num_nodes, tails, heads, costs)
    tails_s = np.repeat(np.arange(num_nodes), np.diff(indptr))
    dist = np.zeros(num_nodes, dtype=np.int64)
    active = np.arange(num_nodes)
    for _ in range(num_nodes + 1):
        arcs = _out_arcs(indptr, active)
        candidate = dist[tails_s[arcs]] + costs_s[arcs]
        head = heads_s[arcs]
        better = candidate < dist[head]
        if not better.any():
            return dist
        head = head[better]
        np.minimum.at(dist, head, candidate[better])
        active = np.unique(head)
    raise RuntimeError("negative cycle in residual graph: flow was not optimal")


def _reachable(num_nodes: int, tails: np.ndarray, heads: np.ndarray, start: int) -> np.ndarray:
    """Nodes reachable from ``start`` (bool per node), breadth first over numpy frontiers."""
    indptr, heads_s, _ = _csr_by_tail(num_nodes, tails, heads, np.zeros(tails.size, np.int64))
    seen = np.zeros(num_nodes, dtype=bool)
    seen[start] = True
    frontier = np.array([start])
    while frontier.size:
        nxt = heads_s[_out_arcs(indptr, frontier)]
        nxt = np.unique(nxt[~seen[nxt]])
        seen[nxt] = True
        frontier = nxt
    return seen


def _best_per_row(
    rows: np.ndarray, cols: np.ndarray, priority: np.ndarray, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """Keep at most ``limit`` entries per row, highest priority first."""
    if rows.size == 0:
        return rows, cols
    order = np.lexsort((-priority, rows))
    rows, cols = rows[order], cols[order]
    first = np.searchsorted(rows, rows, side="left")
    keep = np.arange(rows.size) - first < limit
    return rows[keep], cols[keep]


def _top_candidates(
    scores: np.ndarray,
    eligible: np.ndarray,
    cap: np.ndarray,
    per_mentee: int = CANDIDATES_PER_MENTEE,
    per_capacity: int = CANDIDATES_PER_CAPACITY,
) -> np.ndarray:
    """Bool (n, m) mask of initial candidate pairs: each mentee's and mentor's best pairs.

    Mentor-side candidates matter because a mentor nobody ranks highly would otherwise have no
    arcs, and the certificate rounds would have to add them. The ranking is only a heuristic
    (optimality is proved afterwards), so float32 is precise enough and halves the traffic.
    """
    n, m = scores.shape
    cand = np.zeros((n, m), dtype=bool)
    if n == 0 or m == 0:
        return cand
    k = min(per_mentee, m)
    want = np.minimum(cap * per_capacity, n)
    per_mentor = int(want.max(initial=0))
    step = max(1, per_mentor, _CANDIDATE_BLOCK_ELEMENTS // m)
    col_rows: list[np.ndarray] = []
    col_vals: list[np.ndarray] = []
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        # Negated so argpartition's ascending order puts the best first.
        block = np.where(eligible[lo:hi], -scores[lo:hi], np.inf).astype(np.float32)
        if k >= m:
            cand[lo:hi] = True
        elif k > 0:
            top = np.argpartition(block, k - 1, axis=1)[:, :k]
            cand[np.arange(lo, hi)[:, None], top] = True
        if per_mentor:
            # Each block's best rows per mentor; merged across blocks below.
            if hi - lo > per_mentor:
                top = np.argpartition(block, per_mentor - 1, axis=0)[:per_mentor]
            else:
                top = np.broadcast_to(np.arange(hi - lo)[:, None], block.shape)
            col_rows.append(top + lo)
            col_vals.append(np.take_along_axis(block, top, axis=0))
    if per_mentor:
        rows, vals = np.vstack(col_rows), np.vstack(col_vals)
        order = np.argsort(vals, axis=0, kind="stable")[:per_mentor]
        rows = np.take_along_axis(rows, order, axis=0)
        keep = np.arange(rows.shape[0])[:, None] < want[None, :]
        cols = np.broadcast_to(np.arange(m)[None, :], rows.shape)
        cand[rows[keep], cols[keep]] = True
    cand &= eligible
    return cand


def _solve_sparse(
    scores: np.ndarray,
    cap: np.ndarray,
    eligible: np.ndarray,
    *,
    per_mentee: int = CANDIDATES_PER_MENTEE,
    per_capacity: int = CANDIDATES_PER_CAPACITY,
    added_per_mentee: int = ADDED_PER_MENTEE,
    give_up_share: float = _SPARSE_GIVE_UP_SHARE,
    max_rounds: int = _MAX_ROUNDS,
    initial: np.ndarray | None = None,
    near_margin: int = NEAR_MARGIN,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Exact max-count/max-total pairs via candidates + certificates; None = use dense.

    Returns (mentee indices, mentor indices, final candidate mask). ``initial`` (bool mask)
    replaces the top-k candidates, e.g. with those of an earlier related solve; the other
    keyword arguments exist so tests can force tiny candidate sets and many rounds.
    """
    n, m = scores.shape
    num_nodes = n + m + 2
    source = n + m
    if initial is None:
        cand = _top_candidates(scores, eligible, cap, per_mentee, per_capacity)
    else:
        cand = initial & eligible
    ii, jj = np.nonzero(cand)
    # Allowed pairs not yet in the flow graph: the only ones the certificates must check.
    outside = eligible & ~cand
    del cand
    w = _scaled(scores[ii, jj])
    give_up = give_up_share * int(np.count_nonzero(eligible))
    step = max(1, _BLOCK_ELEMENTS // max(m, 1))
    for _ in range(max_rounds):
        if ii.size > give_up:
            return None
        used = _min_cost_max_flow(n, m, cap, ii, jj, w)
        tails, heads, costs = _residual_arcs(n, m, cap, ii, jj, w, used)

        # Count: the source side S of the residual graph is a min cut. If no allowed pair runs
        # from a mentee in S to a mentor outside S, the same cut bounds the full problem, so no
        # more mentees can be matched.
        reach = _reachable(num_nodes, tails, heads, source)
        rows = np.flatnonzero(reach[:n])
        cols = np.flatnonzero(~reach[n : n + m])
        add_i, add_j, prio = [], [], []
        if rows.size and cols.size:
            sub_step = max(1, _BLOCK_ELEMENTS // cols.size)
            for lo in range(0, rows.size, sub_step):
                r = rows[lo : lo + sub_step]
                bi, bj = np.nonzero(outside[np.ix_(r, cols)])
                add_i.append(r[bi])
                add_j.append(cols[bj])
                prio.append(scores[r[bi], cols[bj]])
        if not any(a.size for a in add_i):
            # Total: with potentials d, every residual arc of the candidate graph has
            # non-negative reduced cost; a missing pair's forward arc (cost -w) must too, i.e.
            # w <= d[i] - d[j]. If all do, no negative cycle exists in the full residual graph.
            # Integer arithmetic, so the certificate is exact.
            dist = _potentials(num_nodes, tails, heads, costs)
            d_i, d_j = dist[:n], dist[n : n + m]
            violated = False
            for lo in range(0, n, step):
                hi = min(n, lo + step)
                slack = d_i[lo:hi, None] - d_j[None, :]
                slack -= _scaled(scores[lo:hi])
                # Pairs that are nearly violating tend to become violating once the violating
                # ones are in, so they are added too, saving re-solves.
                bi, bj = np.nonzero((slack < near_margin) & outside[lo:hi])
                gap = slack[bi, bj]
                violated = violated or bool((gap < 0).any())
                add_i.append(lo + bi)
                add_j.append(bj)
                prio.append(-gap.astype(np.float64))
            if not violated:
                add_i = []
        add_rows = np.concatenate(add_i) if add_i else np.zeros(0, np.intp)
        if add_rows.size == 0:
            return ii[used], jj[used], ~outside & eligible
        add_rows, add_cols = _best_per_row(
            add_rows, np.concatenate(add_j), np.concatenate(prio), added_per_mentee
        )
        outside[add_rows, add_cols] = False
        ii = np.concatenate([ii, add_rows])
        jj = np.concatenate([jj, add_cols])
        w = np.concatenate([w, _scaled(scores[add_rows, add_cols])])
    return None


def _use_sparse(eligible: np.ndarray, method: str) -> bool:
    return method == "sparse" or (
        method == "auto" and np.count_nonzero(eligible) >= SPARSE_MIN_PAIRS
    )


def _solve_max_total(
    scores: np.ndarray,
    cap: np.ndarray,
    eligible: np.ndarray,
    method: str,
    initial: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(mentee indices, mentor indices, candidate mask if the sparse solve was used)."""
    n, m = scores.shape
    if _use_sparse(eligible, method):
        result = _solve_sparse(scores, cap, eligible, initial=initial)
        if result is not None:
            return result
    ii, jj = np.nonzero(eligible)
    used = _min_cost_max_flow(n, m, cap, ii, jj, _scaled(scores[ii, jj]))
    return ii[used], jj[used], None


# --------------------------------------------------------------------------------------------
# Fairest: maximise the weakest pair, then the total


class _Seed:
    """Candidate pairs reused across the threshold search; grows when a check needs more."""

    def __init__(self, scores: np.ndarray, mask: np.ndarray) -> None:
        self.mask = mask
        self.i, self.j = np.nonzero(mask)
        self.value = scores[self.i, self.j]

    def add(self, scores: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> None:
        self.mask[rows, cols] = True
        self.i = np.concatenate([self.i, rows])
        self.j = np.concatenate([self.j, cols])
        self.value = np.concatenate([self.value, scores[rows, cols]])


def _max_count(
    scores: np.ndarray,
    cap: np.ndarray,
    eligible: np.ndarray,
    threshold: float,
    seed: _Seed | None,
) -> int:
    """Maximum number of mentees matchable over eligible pairs scoring >= ``threshold``.

    With a ``seed`` the max flow runs on its pairs and is extended until its min cut is also a
    cut of the full eligible graph, which proves the count is maximal.
    """
    n, m = scores.shape
    if seed is None:
        ii, jj = np.nonzero(eligible & (scores >= threshold))
        return _max_flow_reach(n, m, cap, ii, jj)[0]
    keep = seed.value >= threshold
    ii, jj = seed.i[keep], seed.j[keep]
    while True:
        count, reach = _max_flow_reach(n, m, cap, ii, jj)
        rows = np.flatnonzero(reach[:n])
        cols = np.flatnonzero(~reach[n : n + m])
        if rows.size == 0 or cols.size == 0:
            return count
        block = np.ix_(rows, cols)
        bi, bj = np.nonzero(eligible[block] & (scores[block] >= threshold) & ~seed.mask[block])
        if bi.size == 0:
            return count
        seed.add(scores, rows[bi], cols[bj])
        ii = np.concatenate([ii, rows[bi]])
        jj = np.concatenate([jj, cols[bj]])


def _fairest_threshold(
    scores: np.ndarray,
    cap: np.ndarray,
    eligible: np.ndarray,
    base_i: np.ndarray,
    base_j: np.ndarray,
    seed_mask: np.ndarray | None,
) -> float:
    """Largest score t such that pairs scoring >= t still match as many mentees as the base."""
    target = base_i.size
    low = float(scores[base_i, base_j].min())  # the max_total optimum itself achieves this
    n = scores.shape[0]
    # Upper bound: ``target`` distinct mentees each need a pair >= t.
    row_best = np.max(scores, axis=1, where=eligible, initial=-np.inf)
    high = float(np.sort(row_best)[n - target])
    in_range = eligible & (scores >= low)
    in_range &= scores <= high
    thresholds = np.unique(scores[in_range])  # ascending; thresholds[0] == low is feasible
    del in_range
    seed = None if seed_mask is None else _Seed(scores, seed_mask)
    lo_idx, hi_idx = 0, thresholds.size - 1
    while lo_idx < hi_idx:
        mid = (lo_idx + hi_idx + 1) // 2
        if _max_count(scores, cap, eligible, float(thresholds[mid]), seed) == target:
            lo_idx = mid
        else:
            hi_idx = mid - 1
    return float(thresholds[lo_idx])


# --------------------------------------------------------------------------------------------
# Public API


def optimal_assignment(
    scores: np.ndarray,
    capacity: np.ndarray,
    allowed: np.ndarray | None = None,
    min_score: float = 0.0,
    objective: str = "max_total",
    *,
    method: str = "auto",
) -> Pairs:
    """Exact optimal assignment as sorted (mentee_index, mentor_index) pairs.

    Each mentee appears at most once, mentor ``j`` at most ``capacity[j]`` times, and only
    pairs that are ``allowed`` with score >= ``min_score`` are used. ``objective``:

    * ``"max_total"``: match as many mentees as possible, then maximise the total score.
    * ``"fairest"``: among assignments matching that many mentees, maximise the lowest pair
      score, then the total score.

    ``method`` picks the solve: ``"dense"`` puts every allowed pair in one flow graph,
    ``"sparse"`` solves on candidate pairs and proves optimality on the full matrix, ``"auto"``
    uses sparse for large inputs. All return an optimum (totals equal up to the 1e-6-per-pair
    score rounding; which optimum is returned may differ when there are ties).
    """
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}, got {objective!r}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    s, cap, eligible = _prepare(scores, capacity, allowed, min_score)
    if not eligible.any():
        return []
    ii, jj, cand = _solve_max_total(s, cap, eligible, method)
    if objective == "fairest" and ii.size:
        # The max_total candidates (which hold its optimum) seed the threshold search and the
        # final solve; both still prove their results on the full matrix.
        threshold = _fairest_threshold(s, cap, eligible, ii, jj, cand)
        ii, jj, _ = _solve_max_total(s, cap, eligible & (s >= threshold), method, cand)
    return _as_pairs(ii, jj)


def assignment_total(scores: np.ndarray, pairs: Sequence[tuple[int, int]]) -> float:
    """Sum of the scores of ``pairs``."""
    if not pairs:
        return 0.0
    idx = np.asarray(pairs, dtype=np.intp)
    return float(np.asarray(scores, dtype=np.float64)[idx[:, 0], idx[:, 1]].sum())


def greedy_assignment(
    scores: np.ndarray,
    capacity: np.ndarray,
    allowed: np.ndarray | None = None,
    min_score: float = 0.0,
) -> Pairs:
    """Baseline: take pairs best score first while mentee and mentor are still free.

    Ties go to the lower (mentee, mentor) index. Not optimal in count or total; kept to show
    what the exact solve gains.
    """
    s, cap, eligible = _prepare(scores, capacity, allowed, min_score)
    n = s.shape[0]
    ii, jj = np.nonzero(eligible)
    values = s[ii, jj]
    # Plain Python containers for the inner loop, numpy copies for the vectorised filtering.
    taken = bytearray(n)
    left = cap.tolist()
    out_i: list[int] = []
    out_j: list[int] = []
    band = max(_GREEDY_BAND_PER_MENTEE * n, _GREEDY_BAND_MIN)
    while ii.size and len(out_i) < n and any(left):
        # Pairs whose mentee is taken or mentor full would be skipped anyway; dropping them
        # keeps the Python loop to pairs that might still be taken.
        taken_np = np.frombuffer(bytes(taken), dtype=np.uint8).astype(bool)
        live = ~taken_np[ii] & (np.asarray(left)[jj] > 0)
        ii, jj, values = ii[live], jj[live], values[live]
        if ii.size > band:
            # The best `band` values (and all ties with the last) come strictly before the rest,
            # so handling them first keeps the exact global best-first order.
            kth = np.partition(values, ii.size - band)[ii.size - band]
            head = values >= kth
        else:
            head = np.ones(ii.size, dtype=bool)
        bi, bj, bv = ii[head], jj[head], values[head]
        ii, jj, values = ii[~head], jj[~head], values[~head]
        order = np.lexsort((bj, bi, -bv))
        for i, j in zip(bi[order].tolist(), bj[order].tolist(), strict=True):
            if not taken[i] and left[j] > 0:
                taken[i] = 1
                left[j] -= 1
                out_i.append(i)
                out_j.append(j)
    return _as_pairs(np.asarray(out_i, dtype=np.intp), np.asarray(out_j, dtype=np.intp))
