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

# Scores are turned into integer arc costs; 1e6 keeps rounding error below 1e-6 per pair.
SCORE_SCALE = 10**6
# Beyond this many scaled units OR-Tools' cost scaling (which multiplies costs by the node
# count) could overflow int64.
_MAX_SCALED_SCORE = 2**40
# Below this many allowed pairs the dense solve is fast enough and the certificate loop would
# only add overhead.
SPARSE_MIN_PAIRS = 150_000
# Candidate pairs kept per mentee, and per mentor as a multiple of its capacity.
CANDIDATES_PER_MENTEE = 24
CANDIDATES_PER_CAPACITY = 3
# Cap on pairs added per mentee per certificate round, so one round cannot flood the graph.
ADDED_PER_MENTEE = 16
# If the candidate set grows past this share of the allowed pairs, the dense solve is cheaper.
_SPARSE_GIVE_UP_SHARE = 0.5
_MAX_ROUNDS = 60
# Rows per block when scanning the full (n, m) matrix, to bound temporary memory.
_BLOCK_ELEMENTS = 1 << 21

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
    # NaN compares False, so NaN scores are never eligible; +inf cannot become a finite cost.
    eligible = s >= min_score
    eligible &= s < np.inf
    if allowed is not None:
        mask = np.asarray(allowed, dtype=bool)
        if mask.shape != s.shape:
            raise ValueError(f"allowed must have shape {s.shape}, got {mask.shape}")
        eligible &= mask
    eligible &= (cap > 0)[None, :]
    if eligible.any():
        biggest = np.abs(s[eligible]).max()
        if biggest * SCORE_SCALE > _MAX_SCALED_SCORE:
            raise ValueError(f"scores up to {biggest:g} are too large to solve exactly")
    return s, cap, eligible


def _scaled(scores: np.ndarray) -> np.ndarray:
    return np.rint(scores * SCORE_SCALE).astype(np.int64)


def _row_blocks(n: int, m: int) -> range:
    return range(0, n, max(1, _BLOCK_ELEMENTS // max(m, 1)))


def _as_pairs(ii: np.ndarray, jj: np.ndarray) -> Pairs:
    order = np.lexsort((jj, ii))
    return list(zip(ii[order].tolist(), jj[order].tolist(), strict=True))


# --------------------------------------------------------------------------------------------
# Flow solves


def _min_cost_max_flow(
    n: int, m: int, cap: np.ndarray, ii: np.ndarray, jj: np.ndarray, w: np.ndarray
) -> np.ndarray:
    """Max flow of min cost over the given pair arcs; returns a bool 'used' per pair arc."""
    from ortools.graph.python import min_cost_flow

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
    from ortools.graph.python import max_flow

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
    scores: np.ndarray, eligible: np.ndarray, cap: np.ndarray, per_mentee: int
) -> np.ndarray:
    """Bool (n, m) mask of initial candidate pairs: each mentee's and mentor's best pairs."""
    n, m = scores.shape
    cand = np.zeros((n, m), dtype=bool)
    k = min(per_mentee, m)
    step = max(1, _BLOCK_ELEMENTS // max(m, 1))
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        block = np.where(eligible[lo:hi], scores[lo:hi], -np.inf)
        if k < m:
            top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        else:
            top = np.broadcast_to(np.arange(m), block.shape)
        cand[np.arange(lo, hi)[:, None], top] = True
    # Per mentor, enough mentees to fill it a few times over: a mentor nobody ranks highly
    # would otherwise have no arcs, and the certificate rounds would have to add them.
    per_mentor = np.minimum(cap * CANDIDATES_PER_CAPACITY, n)
    block_cols = max(1, _BLOCK_ELEMENTS // max(n, 1))
    for lo in range(0, m, block_cols):
        hi = min(m, lo + block_cols)
        block = np.where(eligible[:, lo:hi], scores[:, lo:hi], -np.inf)
        kk = int(per_mentor[lo:hi].max(initial=0))
        if kk == 0:
            continue
        if kk < n:
            top = np.argpartition(-block, kk - 1, axis=0)[:kk]
            rank_ok = np.arange(kk)[:, None] < per_mentor[lo:hi][None, :]
            # argpartition's first kk are the best kk but unordered; keep the best per_mentor.
            vals = np.take_along_axis(block, top, axis=0)
            order = np.argsort(-vals, axis=0, kind="stable")
            top = np.take_along_axis(top, order, axis=0)
            cols = np.broadcast_to(np.arange(lo, hi), top.shape)
            cand[top[rank_ok], cols[rank_ok]] = True
        else:
            cand[:, lo:hi] = True
    cand &= eligible
    return cand


def _solve_sparse(
    scores: np.ndarray, cap: np.ndarray, eligible: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Exact max-count/max-total pairs via candidates + certificates; None = use dense."""
    n, m = scores.shape
    num_nodes = n + m + 2
    source = n + m
    cand = _top_candidates(scores, eligible, cap, CANDIDATES_PER_MENTEE)
    give_up = _SPARSE_GIVE_UP_SHARE * int(np.count_nonzero(eligible))
    for _ in range(_MAX_ROUNDS):
        ii, jj = np.nonzero(cand)
        if ii.size > give_up:
            return None
        w = _scaled(scores[ii, jj])
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
            for lo in range(0, rows.size, max(1, _BLOCK_ELEMENTS // cols.size)):
                r = rows[lo : lo + max(1, _BLOCK_ELEMENTS // cols.size)]
                sub = eligible[np.ix_(r, cols)] & ~cand[np.ix_(r, cols)]
                bi, bj = np.nonzero(sub)
                add_i.append(r[bi])
                add_j.append(cols[bj])
                prio.append(scores[r[bi], cols[bj]])
        if not any(a.size for a in add_i):
            # Total: with potentials d, every residual arc of the candidate graph has
            # non-negative reduced cost; a missing pair's forward arc (cost -w) must too, i.e.
            # w <= d[i] - d[j]. If all do, no negative cycle exists in the full residual graph.
            dist = _potentials(num_nodes, tails, heads, costs)
            d_i, d_j = dist[:n], dist[n : n + m]
            step = max(1, _BLOCK_ELEMENTS // max(m, 1))
            for lo in range(0, n, step):
                hi = min(n, lo + step)
                slack = (d_i[lo:hi, None] - d_j[None, :]) - _scaled(scores[lo:hi])
                bad = (slack < 0) & eligible[lo:hi] & ~cand[lo:hi]
                bi, bj = np.nonzero(bad)
                add_i.append(lo + bi)
                add_j.append(bj)
                prio.append(-slack[bi, bj].astype(np.float64))
        add_rows = np.concatenate(add_i) if add_i else np.zeros(0, np.intp)
        if add_rows.size == 0:
            return ii[used], jj[used]
        add_rows, add_cols = _best_per_row(
            add_rows, np.concatenate(add_j), np.concatenate(prio), ADDED_PER_MENTEE
        )
        cand[add_rows, add_cols] = True
    return None


def _solve_max_total(
    scores: np.ndarray, cap: np.ndarray, eligible: np.ndarray, method: str
) -> tuple[np.ndarray, np.ndarray]:
    n, m = scores.shape
    pairs = int(np.count_nonzero(eligible))
    if method == "sparse" or (method == "auto" and pairs >= SPARSE_MIN_PAIRS):
        result = _solve_sparse(scores, cap, eligible)
        if result is not None:
            return result
    ii, jj = np.nonzero(eligible)
    used = _min_cost_max_flow(n, m, cap, ii, jj, _scaled(scores[ii, jj]))
    return ii[used], jj[used]


# --------------------------------------------------------------------------------------------
# Fairest: maximise the weakest pair, then the total


def _max_count(
    scores: np.ndarray, cap: np.ndarray, eligible: np.ndarray, seed: np.ndarray | None
) -> int:
    """Maximum number of mentees matchable over ``eligible`` pairs.

    With a ``seed`` candidate mask the max flow runs on the candidates and is extended until its
    min cut is also a cut of the full eligible graph, which proves the count is maximal.
    """
    n, m = scores.shape
    if seed is None:
        ii, jj = np.nonzero(eligible)
        return _max_flow_reach(n, m, cap, ii, jj)[0]
    cand = seed & eligible
    while True:
        ii, jj = np.nonzero(cand)
        count, reach = _max_flow_reach(n, m, cap, ii, jj)
        rows = np.flatnonzero(reach[:n])
        cols = np.flatnonzero(~reach[n : n + m])
        if rows.size == 0 or cols.size == 0:
            return count
        sub = eligible[np.ix_(rows, cols)] & ~cand[np.ix_(rows, cols)]
        bi, bj = np.nonzero(sub)
        if bi.size == 0:
            return count
        cand[rows[bi], cols[bj]] = True


def _fairest_threshold(
    scores: np.ndarray,
    cap: np.ndarray,
    eligible: np.ndarray,
    base_i: np.ndarray,
    base_j: np.ndarray,
    sparse: bool,
) -> float:
    """Largest score t such that pairs scoring >= t still match as many mentees as the base."""
    target = base_i.size
    low = float(scores[base_i, base_j].min())  # the max_total optimum itself achieves this
    n, m = scores.shape
    # Upper bound: ``target`` distinct mentees each need a pair >= t.
    row_best = np.where(eligible, scores, -np.inf).max(axis=1)
    high = float(np.sort(row_best)[n - target])
    values = scores[eligible & (scores >= low) & (scores <= high)]
    thresholds = np.unique(values)  # ascending; thresholds[0] == low is feasible
    seed = None
    if sparse:
        seed = _top_candidates(scores, eligible & (scores >= low), cap, CANDIDATES_PER_MENTEE)
        seed[base_i, base_j] = True
    lo_idx, hi_idx = 0, thresholds.size - 1
    while lo_idx < hi_idx:
        mid = (lo_idx + hi_idx + 1) // 2
        mask = eligible & (scores >= thresholds[mid])
        if _max_count(scores, cap, mask, seed) == target:
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
    ii, jj = _solve_max_total(s, cap, eligible, method)
    if objective == "fairest" and ii.size:
        sparse = method == "sparse" or (
            method == "auto" and np.count_nonzero(eligible) >= SPARSE_MIN_PAIRS
        )
        threshold = _fairest_threshold(s, cap, eligible, ii, jj, sparse)
        ii, jj = _solve_max_total(s, cap, eligible & (s >= threshold), method)
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
    n, m = s.shape
    ii, jj = np.nonzero(eligible)
    if ii.size == 0:
        return []
    order = np.argsort(-s[ii, jj], kind="stable")
    ii, jj = ii[order], jj[order]
    # Plain Python containers: the inner loop indexes them one element at a time.
    taken = bytearray(n)
    left = cap.tolist()
    taken_np = np.zeros(n, dtype=bool)
    left_np = cap.copy()
    out_i: list[int] = []
    out_j: list[int] = []
    remaining_mentees = n
    remaining_slots = int(cap.sum())
    batch = 65_536
    for lo in range(0, ii.size, batch):
        if remaining_mentees == 0 or remaining_slots == 0:
            break
        bi, bj = ii[lo : lo + batch], jj[lo : lo + batch]
        # Drop pairs already ruled out before this batch, so the Python loop only sees pairs
        # that might still be taken.
        live = ~taken_np[bi] & (left_np[bj] > 0)
        for i, j in zip(bi[live].tolist(), bj[live].tolist(), strict=True):
            if not taken[i] and left[j] > 0:
                taken[i] = 1
                left[j] -= 1
                out_i.append(i)
                out_j.append(j)
                remaining_mentees -= 1
                remaining_slots -= 1
        taken_np[np.asarray(out_i, dtype=np.intp)] = True
        left_np = np.asarray(left, dtype=np.int64)
    return _as_pairs(np.asarray(out_i, dtype=np.intp), np.asarray(out_j, dtype=np.intp))
