"""Tests for matching.assignment: plain functions, no database."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from matching import assignment
from matching.assignment import (
    assignment_total,
    greedy_assignment,
    optimal_assignment,
)

# Scores are rounded to 1e-6 per pair inside the solver.
PAIR_TOL = 1e-6


def eligible_mask(scores, capacity, allowed, min_score):
    mask = scores >= min_score
    if allowed is not None:
        mask &= allowed
    return mask & (np.asarray(capacity) > 0)[None, :]


def check_valid(pairs, scores, capacity, allowed, min_score):
    assert pairs == sorted(pairs)
    mentees = [i for i, _ in pairs]
    assert len(mentees) == len(set(mentees))
    load = np.bincount([j for _, j in pairs], minlength=scores.shape[1])
    assert (load <= capacity).all()
    mask = eligible_mask(scores, capacity, allowed, min_score)
    assert all(mask[i, j] for i, j in pairs)


def brute_force(scores, capacity, allowed, min_score):
    """Best (count, total) and best (count, min, total) over every feasible assignment."""
    n, m = scores.shape
    mask = eligible_mask(scores, capacity, allowed, min_score)
    options = [[j for j in range(m) if mask[i, j]] for i in range(n)]
    left = list(capacity)
    best_total = (0, 0.0)
    best_fair = (0, float("inf"), 0.0)

    def visit(i: int, count: int, total: float, low: float) -> None:
        nonlocal best_total, best_fair
        if i == n:
            if (count, total) > best_total:
                best_total = (count, total)
            if (count, low, total) > best_fair:
                best_fair = (count, low, total)
            return
        visit(i + 1, count, total, low)
        for j in options[i]:
            if left[j]:
                left[j] -= 1
                s = float(scores[i, j])
                visit(i + 1, count + 1, total + s, min(low, s))
                left[j] += 1

    visit(0, 0, 0.0, float("inf"))
    return best_total, best_fair


@st.composite
def small_instances(draw):
    n = draw(st.integers(0, 7))
    m = draw(st.integers(0, 4))
    # A few distinct values make ties likely; the rest are arbitrary floats, some negative.
    value = st.one_of(
        st.sampled_from([0.0, 10.0, 50.0, 50.0, 99.5]),
        st.floats(-20.0, 100.0, allow_nan=False).map(lambda x: round(x, 3)),
    )
    scores = np.array(draw(st.lists(value, min_size=n * m, max_size=n * m)), dtype=float)
    scores = scores.reshape(n, m)
    capacity = np.array(draw(st.lists(st.integers(0, 3), min_size=m, max_size=m)), dtype=int)
    density = draw(st.sampled_from([0.3, 0.7, 1.0]))
    seed = draw(st.integers(0, 2**31))
    allowed = np.random.default_rng(seed).random((n, m)) < density
    if draw(st.booleans()):
        allowed = None
    min_score = draw(st.sampled_from([-30.0, 0.0, 0.0, 20.0, 60.0]))
    return scores, capacity, allowed, min_score


@settings(max_examples=150, deadline=None)
@given(small_instances())
def test_matches_brute_force(instance) -> None:
    scores, capacity, allowed, min_score = instance
    (count, total), (fair_count, fair_low, fair_total) = brute_force(
        scores, capacity, allowed, min_score
    )
    for method in ("dense", "sparse"):
        pairs = optimal_assignment(scores, capacity, allowed, min_score, method=method)
        check_valid(pairs, scores, capacity, allowed, min_score)
        assert len(pairs) == count
        assert assignment_total(scores, pairs) == pytest.approx(total, abs=PAIR_TOL * 8)

        fair = optimal_assignment(scores, capacity, allowed, min_score, "fairest", method=method)
        check_valid(fair, scores, capacity, allowed, min_score)
        assert len(fair) == fair_count == count
        if fair:
            assert min(scores[i, j] for i, j in fair) == fair_low
        assert assignment_total(scores, fair) == pytest.approx(fair_total, abs=PAIR_TOL * 8)


@settings(max_examples=60, deadline=None)
@given(small_instances())
def test_sparse_certificate_rounds_match_brute_force(instance) -> None:
    """Start from one candidate per mentee so the certificates have to add the rest."""
    scores, capacity, allowed, min_score = instance
    (count, total), _ = brute_force(scores, capacity, allowed, min_score)
    s, cap, eligible = assignment._prepare(scores, capacity, allowed, min_score)
    result = assignment._solve_sparse(
        s,
        cap,
        eligible,
        per_mentee=1,
        per_capacity=0,
        added_per_mentee=1,
        give_up_share=2.0,
        max_rounds=10_000,
        near_margin=0,
    )
    assert result is not None
    ii, jj, _ = result
    pairs = sorted(zip(ii.tolist(), jj.tolist(), strict=True))
    check_valid(pairs, scores, capacity, allowed, min_score)
    assert len(pairs) == count
    assert assignment_total(scores, pairs) == pytest.approx(total, abs=PAIR_TOL * 8)


def _sparse_from(scores, capacity, initial, min_score=0.0):
    s, cap, eligible = assignment._prepare(scores, np.asarray(capacity), None, min_score)
    result = assignment._solve_sparse(
        s, cap, eligible, initial=np.asarray(initial, bool), give_up_share=2.0, max_rounds=10_000
    )
    assert result is not None
    ii, jj, _ = result
    return sorted(zip(ii.tolist(), jj.tolist(), strict=True))


def test_count_certificate_adds_missing_pair() -> None:
    # Candidates A-X and B-X match one mentee. B-Y scores 0, so only the min-cut check (not
    # the reduced-cost check) can notice that it lets both mentees be matched.
    scores = np.array([[90.0, 0.0], [80.0, 0.0]])
    allowed_initial = [[True, False], [True, False]]
    pairs = _sparse_from(scores, [1, 1], allowed_initial)
    assert pairs == [(0, 0), (1, 1)]


def test_cost_certificate_adds_improving_pair() -> None:
    # Candidates A-X, B-Y already match everyone (120); only the reduced-cost check can see
    # that swapping to A-Y, B-X gives 150.
    scores = np.array([[50.0, 90.0], [60.0, 70.0]])
    pairs = _sparse_from(scores, [1, 1], [[True, False], [False, True]])
    assert pairs == [(0, 1), (1, 0)]


def test_cost_certificate_moves_mentee_to_open_mentor() -> None:
    # Everyone matched, but mentee 0 would do better with the empty mentor 1: a cycle through
    # the sink, not an augmenting path.
    scores = np.array([[40.0, 95.0], [70.0, 10.0]])
    pairs = _sparse_from(scores, [2, 1], [[True, False], [True, False]])
    assert pairs == [(0, 1), (1, 0)]


@settings(max_examples=100, deadline=None)
@given(small_instances(), st.integers(0, 2**31))
def test_sparse_from_random_candidates_matches_brute_force(instance, seed) -> None:
    scores, capacity, allowed, min_score = instance
    (count, total), _ = brute_force(scores, capacity, allowed, min_score)
    s, cap, eligible = assignment._prepare(scores, capacity, allowed, min_score)
    initial = np.random.default_rng(seed).random(s.shape) < 0.3
    result = assignment._solve_sparse(
        s, cap, eligible, initial=initial, give_up_share=2.0, max_rounds=10_000
    )
    assert result is not None
    pairs = sorted(zip(result[0].tolist(), result[1].tolist(), strict=True))
    check_valid(pairs, scores, capacity, allowed, min_score)
    assert len(pairs) == count
    assert assignment_total(scores, pairs) == pytest.approx(total, abs=PAIR_TOL * 8)


def lsa_oracle(scores, capacity, allowed, min_score):
    """(count, total) via linear_sum_assignment on capacity-expanded columns.

    Every allowed pair gets a bonus BIG that outweighs any total-score difference, so the
    assignment maximises the count first; one dummy column per mentee means "unmatched".
    """
    n, m = scores.shape
    mask = eligible_mask(scores, capacity, allowed, min_score)
    big = 1e3 * (np.abs(scores).max() + 1) * (n + 1)
    forbidden = 1e3 * big * (n + 1)  # never better than a dummy column
    cols = np.repeat(np.arange(m), capacity)
    cost = np.where(mask[:, cols], -(big + scores[:, cols]), forbidden)
    cost = np.hstack([cost, np.zeros((n, n))])
    rows, picked = linear_sum_assignment(cost)
    real = picked < cols.size
    real &= cost[rows, picked] < forbidden
    chosen_scores = scores[rows[real], cols[picked[real]]]
    return int(real.sum()), float(chosen_scores.sum())


@pytest.mark.parametrize("seed", range(6))
def test_matches_linear_sum_assignment_oracle(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = 60, 15
    # Low-rank structure plus noise: popular mentors and picky mentees, like real scores.
    scores = np.clip(
        50 + 30 * np.outer(rng.normal(size=n), rng.normal(size=m)) + rng.normal(0, 10, (n, m)),
        0,
        100,
    ).round(2)
    capacity = rng.integers(0, 6, size=m)
    allowed = rng.random((n, m)) < rng.choice([0.15, 0.5, 0.9])
    min_score = float(rng.choice([0.0, 30.0]))
    count, total = lsa_oracle(scores, capacity, allowed, min_score)
    for method in ("dense", "sparse"):
        pairs = optimal_assignment(scores, capacity, allowed, min_score, method=method)
        check_valid(pairs, scores, capacity, allowed, min_score)
        assert len(pairs) == count
        assert assignment_total(scores, pairs) == pytest.approx(total, abs=PAIR_TOL * n)

    fair = optimal_assignment(scores, capacity, allowed, min_score, "fairest")
    check_valid(fair, scores, capacity, allowed, min_score)
    assert len(fair) == count
    if pairs:
        assert min(scores[i, j] for i, j in fair) >= min(scores[i, j] for i, j in pairs)
        assert assignment_total(scores, fair) <= total + PAIR_TOL * n
    # The fair minimum is the best possible: raising the bar above it loses a mentee.
    if fair:
        low = min(scores[i, j] for i, j in fair)
        above = np.unique(scores[scores > low])
        if above.size:
            stricter = optimal_assignment(scores, capacity, allowed, float(above[0]))
            assert len(stricter) < count


@pytest.mark.parametrize("seed", range(3))
def test_sparse_equals_dense_on_larger_instances(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    n, m = 400, 100
    taste = rng.normal(size=(n, 3)) @ rng.normal(size=(3, m))
    scores = np.clip(50 + 12 * taste + rng.normal(0, 8, (n, m)), 0, 100).round(1)
    capacity = rng.integers(0, 6, size=m)
    allowed = rng.random((n, m)) < 0.7
    dense = optimal_assignment(scores, capacity, allowed, method="dense")
    sparse = optimal_assignment(scores, capacity, allowed, method="sparse")
    check_valid(sparse, scores, capacity, allowed, 0.0)
    assert len(sparse) == len(dense)
    assert assignment_total(scores, sparse) == pytest.approx(
        assignment_total(scores, dense), abs=PAIR_TOL * n
    )
    fair_dense = optimal_assignment(scores, capacity, allowed, objective="fairest", method="dense")
    fair_sparse = optimal_assignment(
        scores, capacity, allowed, objective="fairest", method="sparse"
    )
    assert len(fair_sparse) == len(fair_dense) == len(dense)
    low = min(scores[i, j] for i, j in fair_dense)
    assert min(scores[i, j] for i, j in fair_sparse) == low
    assert low >= min(scores[i, j] for i, j in dense)
    assert assignment_total(scores, fair_sparse) == pytest.approx(
        assignment_total(scores, fair_dense), abs=PAIR_TOL * n
    )


@pytest.mark.parametrize(
    "scores, capacity, allowed",
    [
        (np.zeros((5, 0)), np.zeros(0, int), None),  # no mentors
        (np.zeros((0, 3)), np.ones(3, int), None),  # no mentees
        (np.full((4, 3), 80.0), np.zeros(3, int), None),  # all capacity 0
        (np.full((4, 3), 80.0), np.ones(3, int), np.zeros((4, 3), bool)),  # nothing allowed
        (np.full((4, 3), -1.0), np.ones(3, int), None),  # all below min_score
        (np.full((2, 2), np.nan), np.ones(2, int), None),  # NaN is never eligible
    ],
)
def test_edge_cases_return_empty(scores, capacity, allowed) -> None:
    for objective in ("max_total", "fairest"):
        assert optimal_assignment(scores, capacity, allowed, objective=objective) == []
    assert greedy_assignment(scores, capacity, allowed) == []


def test_counts_first_then_total() -> None:
    # Mentor 0 is everyone's favourite but can take one person: the optimum gives it to the
    # mentee who has no alternative rather than to the highest score.
    scores = np.array([[90.0, 80.0], [60.0, 0.0]])
    allowed = np.array([[True, True], [True, False]])
    pairs = optimal_assignment(scores, np.array([1, 1]), allowed)
    assert pairs == [(0, 1), (1, 0)]
    assert greedy_assignment(scores, np.array([1, 1]), allowed) == [(0, 0)]


def test_fairest_trades_total_for_the_weakest_pair() -> None:
    scores = np.array([[100.0, 60.0], [45.0, 10.0]])
    cap = np.array([1, 1])
    assert optimal_assignment(scores, cap) == [(0, 0), (1, 1)]  # total 110, min 10
    assert optimal_assignment(scores, cap, objective="fairest") == [
        (0, 1),
        (1, 0),
    ]  # total 105, min 45


def test_greedy_is_valid_and_never_beats_optimal() -> None:
    rng = np.random.default_rng(5)
    for _ in range(10):
        n, m = 30, 8
        scores = rng.integers(0, 100, (n, m)).astype(float)
        capacity = rng.integers(0, 5, size=m)
        allowed = rng.random((n, m)) < 0.5
        greedy = greedy_assignment(scores, capacity, allowed, 20.0)
        check_valid(greedy, scores, capacity, allowed, 20.0)
        best = optimal_assignment(scores, capacity, allowed, 20.0)
        assert (len(greedy), assignment_total(scores, greedy)) <= (
            len(best),
            assignment_total(scores, best) + 1e-6,
        )


def test_greedy_order_and_ties() -> None:
    scores = np.array([[5.0, 5.0], [5.0, 9.0], [1.0, 5.0]])
    assert greedy_assignment(scores, np.array([1, 2])) == [(0, 0), (1, 1), (2, 1)]
    assert greedy_assignment(scores, np.array([1, 1])) == [(0, 0), (1, 1)]


def test_greedy_bands_keep_global_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # A tiny band forces several passes; the result must equal a one-pass greedy.
    rng = np.random.default_rng(8)
    scores = rng.integers(0, 20, (50, 10)).astype(float)
    capacity = rng.integers(0, 4, size=10)
    expected = greedy_assignment(scores, capacity)
    monkeypatch.setattr(assignment, "_GREEDY_BAND_PER_MENTEE", 0)
    monkeypatch.setattr(assignment, "_GREEDY_BAND_MIN", 7)
    assert greedy_assignment(scores, capacity) == expected


def test_assignment_total() -> None:
    scores = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert assignment_total(scores, []) == 0.0
    assert assignment_total(scores, [(0, 1), (1, 0)]) == 5.0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"scores": np.zeros(3), "capacity": np.ones(3, int)},
        {"scores": np.zeros((2, 3)), "capacity": np.ones(2, int)},
        {"scores": np.zeros((2, 3)), "capacity": np.array([1, -1, 1])},
        {"scores": np.zeros((2, 3)), "capacity": np.array([1, 1.5, 1])},
        {"scores": np.zeros((2, 3)), "capacity": np.ones(3, int), "allowed": np.ones((3, 2))},
        {"scores": np.zeros((2, 3)), "capacity": np.ones(3, int), "objective": "best"},
        {"scores": np.zeros((2, 3)), "capacity": np.ones(3, int), "method": "magic"},
        {"scores": np.full((2, 3), 1e12), "capacity": np.ones(3, int)},
    ],
)
def test_invalid_input_rejected(kwargs) -> None:
    with pytest.raises(ValueError):
        optimal_assignment(**kwargs)
