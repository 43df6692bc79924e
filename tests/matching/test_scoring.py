"""Tests for matching.scoring: plain functions, no database."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matching.scoring import (
    AVAILABILITY_SLOTS,
    CRITERIA,
    DEFAULT_WEIGHTS,
    FOCUS_AREAS,
    FORMATS,
    HARD_CRITERIA,
    PATHWAYS,
    Intake,
    MentorPool,
    Reason,
    build_scores,
    explain_pair,
    top_mentors,
)

# Small vocabularies so random people overlap often, plus values only one side uses.
LANGUAGES = ("en", "es", "fr", "vi")
REGIONS = ("", "north", "south", "east")
ZONES = ("", "America/New_York", "America/Chicago")
GENDERS = ("", "woman", "man", "nonbinary")
TAGS = tuple(f"tag{i}" for i in range(80))  # > 64 so the sparse product path runs
INDUSTRIES = ("health", "trades", "tech", "retail")


def _subset(rng: random.Random, pool: tuple[str, ...], hi: int) -> frozenset[str]:
    return frozenset(rng.sample(pool, rng.randint(0, min(hi, len(pool)))))


def random_intake(rng: random.Random, mentor: bool) -> Intake:
    return Intake(
        focus_areas=_subset(rng, FOCUS_AREAS, 4),
        pathways=_subset(rng, PATHWAYS, 2),
        languages=_subset(rng, LANGUAGES, 2),
        availability=_subset(rng, AVAILABILITY_SLOTS, 7),
        formats=_subset(rng, FORMATS, 3),
        region=rng.choice(REGIONS),
        timezone=rng.choice(ZONES),
        gender=rng.choice(GENDERS),
        gender_preference=rng.choice(GENDERS + ("", "", "agender")),
        interests=_subset(rng, TAGS[:12] if rng.random() < 0.7 else TAGS, 5),
        lived_experience=_subset(rng, FOCUS_AREAS, 3) if mentor else frozenset(),
        industries=_subset(rng, INDUSTRIES + ("law",) * (not mentor), 2),
        years_in_recovery=rng.randint(0, 20) if mentor else None,
    )


def random_people(seed: int, n: int, m: int) -> tuple[list[Intake], list[Intake]]:
    rng = random.Random(seed)
    return [random_intake(rng, False) for _ in range(n)], [
        random_intake(rng, True) for _ in range(m)
    ]


# Slow per-pair reference written straight from the spec, independent of the vectorised code.


def _saturating(shared: int, mentee_len: int, cap: int) -> float:
    denom = min(mentee_len, cap)
    return 0.0 if denom == 0 else min(shared, denom) / denom


def reference_similarity(a: Intake, b: Intake) -> dict[str, float]:
    pathways_a = a.pathways - {"prefer_not"}
    career = 0.0
    if a.focus_areas & {"career", "education"}:
        if a.industries & b.industries:
            career = 1.0
        elif b.industries:
            career = 0.5 if a.industries else 1.0
    if a.region and a.region == b.region:
        location = 1.0
    elif a.timezone and a.timezone == b.timezone:
        location = 0.5
    else:
        location = 0.0
    gender_ok = (not a.gender_preference or a.gender_preference == b.gender) and (
        not b.gender_preference or b.gender_preference == a.gender
    )
    return {
        "focus": _saturating(
            len(a.focus_areas & (b.focus_areas | b.lived_experience)), len(a.focus_areas), 3
        ),
        "pathway": _saturating(len(pathways_a & b.pathways), len(pathways_a), 1),
        "language": _saturating(len(a.languages & b.languages), len(a.languages), 1),
        "availability": _saturating(len(a.availability & b.availability), len(a.availability), 4),
        "format": _saturating(len(a.formats & b.formats), len(a.formats), 1),
        "location": location,
        "interests": _saturating(len(a.interests & b.interests), len(a.interests), 3),
        "career": career,
        "gender": 1.0 if gender_ok else 0.0,
    }


def reference_total(sim: dict[str, float], weights: dict[str, float]) -> float:
    total_w = sum(weights.get(c, 0.0) for c in CRITERIA)
    if total_w == 0:
        return 0.0
    return 100.0 * sum(weights.get(c, 0.0) * sim[c] for c in CRITERIA) / total_w


@pytest.mark.parametrize("seed", range(4))
def test_vectorised_matches_reference(seed: int) -> None:
    mentees, mentors = random_people(seed, 23, 17)
    rng = random.Random(1000 + seed)
    weights = {c: rng.choice([0.0, 0.5, 1.0, 3.0, 10.0]) for c in CRITERIA}
    hard = rng.sample(sorted(HARD_CRITERIA), rng.randint(0, 3))
    result = build_scores(mentees, mentors, weights, hard)
    assert result.total.shape == (23, 17)
    assert result.total.dtype == np.float64
    for i, a in enumerate(mentees):
        for j, b in enumerate(mentors):
            ref = reference_similarity(a, b)
            for c in CRITERIA:
                assert result.similarity[c][i, j] == pytest.approx(ref[c], abs=1e-6), (c, i, j)
            assert result.total[i, j] == pytest.approx(reference_total(ref, weights), abs=1e-4)
            assert result.allowed[i, j] == all(ref[c] > 0 for c in hard)


def test_scores_within_range_and_similarities_in_unit_interval() -> None:
    mentees, mentors = random_people(7, 40, 30)
    result = build_scores(mentees, mentors, DEFAULT_WEIGHTS)
    assert result.total.min() >= 0.0
    assert result.total.max() <= 100.0 + 1e-9
    for c in CRITERIA:
        sim = result.similarity[c]
        assert sim.shape == (40, 30)
        assert sim.min() >= 0.0 and sim.max() <= 1.0


def test_identical_rich_profiles_score_full_marks() -> None:
    person = Intake(
        focus_areas=frozenset({"career", "wellness"}),
        pathways=frozenset({"smart"}),
        languages=frozenset({"en"}),
        availability=frozenset({"mon-morning"}),
        formats=frozenset({"video"}),
        region="north",
        timezone="America/Chicago",
        interests=frozenset({"hiking"}),
        industries=frozenset({"tech"}),
    )
    result = build_scores([person], [person], DEFAULT_WEIGHTS)
    assert result.total[0, 0] == pytest.approx(100.0)


def test_explain_pair_agrees_exactly_with_build_scores() -> None:
    mentees, mentors = random_people(11, 15, 12)
    weights = dict(DEFAULT_WEIGHTS, gender=2.0)
    hard = ("language", "gender")
    result = build_scores(mentees, mentors, weights, hard)
    for i, a in enumerate(mentees):
        for j, b in enumerate(mentors):
            reasons = explain_pair(a, b, weights, hard)
            assert [r.points for r in reasons] == sorted((r.points for r in reasons), reverse=True)
            by_crit = {r.criterion: r for r in reasons}
            assert set(by_crit) == set(CRITERIA)
            total = 0.0
            for c in CRITERIA:
                total += by_crit[c].points
                assert by_crit[c].similarity == float(result.similarity[c][i, j])
            # Same float operations in the same order: exact equality, not approx.
            assert total == result.total[i, j]
            blocked = any(r.blocking for r in reasons)
            assert blocked == (not result.allowed[i, j])


def test_explain_pair_shared_codes() -> None:
    mentee = Intake(
        focus_areas=frozenset({"career", "wellness", "housing", "community"}),
        pathways=frozenset({"smart", "prefer_not"}),
        languages=frozenset({"en", "es"}),
        availability=frozenset({"mon-morning", "tue-evening"}),
        region="north",
        interests=frozenset({"chess", "running"}),
    )
    mentor = Intake(
        focus_areas=frozenset({"career"}),
        lived_experience=frozenset({"wellness", "community"}),
        pathways=frozenset({"smart", "prefer_not"}),
        languages=frozenset({"es"}),
        availability=frozenset({"tue-evening", "wed-evening"}),
        region="north",
        interests=frozenset({"running"}),
        industries=frozenset({"trades", "health"}),
    )
    reasons = {r.criterion: r for r in explain_pair(mentee, mentor, DEFAULT_WEIGHTS)}
    assert reasons["focus"].shared == ("career", "community", "wellness")
    assert reasons["focus"].similarity == 1.0
    assert reasons["pathway"].shared == ("smart",)
    assert reasons["language"].shared == ("es",)
    assert reasons["availability"].shared == ("tue-evening",)
    assert reasons["availability"].similarity == 0.5
    assert reasons["location"].shared == ("north",)
    assert reasons["interests"].shared == ("running",)
    # No industry named by the mentee: the mentor's whole background earns the credit.
    assert reasons["career"].shared == ("health", "trades")
    assert reasons["format"].shared == ()
    assert reasons["format"].points == 0.0
    assert all(isinstance(r, Reason) and not r.blocking for r in reasons.values())


def test_prefer_not_is_never_a_shared_pathway() -> None:
    only = Intake(pathways=frozenset({"prefer_not"}))
    result = build_scores([only], [only], {"pathway": 5})
    assert result.similarity["pathway"][0, 0] == 0.0
    assert result.total[0, 0] == 0.0
    # A mentee who also named a real pathway is judged on that one alone.
    mixed = Intake(pathways=frozenset({"prefer_not", "faith"}))
    faith = Intake(pathways=frozenset({"faith", "prefer_not"}))
    result = build_scores([mixed], [faith, only], {"pathway": 5})
    assert result.similarity["pathway"][0].tolist() == [1.0, 0.0]
    reasons = explain_pair(mixed, faith, {"pathway": 5})
    assert reasons[0].shared == ("faith",)


def test_hard_constraints_disallow_pairs() -> None:
    mentee = Intake(
        languages=frozenset({"en"}),
        formats=frozenset({"video"}),
        gender="woman",
        gender_preference="woman",
    )
    ok = Intake(languages=frozenset({"en", "fr"}), formats=frozenset({"video"}), gender="woman")
    wrong_language = Intake(
        languages=frozenset({"fr"}), formats=frozenset({"video"}), gender="woman"
    )
    wrong_format = Intake(languages=frozenset({"en"}), formats=frozenset({"phone"}), gender="woman")
    wrong_gender = Intake(languages=frozenset({"en"}), formats=frozenset({"video"}), gender="man")
    unknown_gender = Intake(languages=frozenset({"en"}), formats=frozenset({"video"}))
    # The mentor's own preference counts too.
    picky = Intake(
        languages=frozenset({"en"}),
        formats=frozenset({"video"}),
        gender="woman",
        gender_preference="man",
    )
    mentors = [ok, wrong_language, wrong_format, wrong_gender, unknown_gender, picky]
    free = build_scores([mentee], mentors, DEFAULT_WEIGHTS)
    assert free.allowed.all()
    hard = build_scores([mentee], mentors, DEFAULT_WEIGHTS, hard=HARD_CRITERIA)
    assert hard.allowed[0].tolist() == [True, False, False, False, False, False]
    only_language = build_scores([mentee], mentors, DEFAULT_WEIGHTS, hard=["language"])
    assert only_language.allowed[0].tolist() == [True, False, True, True, True, True]
    reasons = explain_pair(mentee, picky, DEFAULT_WEIGHTS, hard=["gender"])
    blocking = [r.criterion for r in reasons if r.blocking]
    assert blocking == ["gender"]
    # Totals are unaffected by hard constraints; only the mask changes.
    np.testing.assert_array_equal(free.total, hard.total)


def test_no_gender_preference_is_always_satisfied() -> None:
    a = Intake(gender="")
    b = Intake(gender="man")
    result = build_scores([a, b], [a, b], {"gender": 1}, hard=["gender"])
    assert result.allowed.all()
    assert (result.total == 100.0).all()


def test_location_region_then_timezone() -> None:
    mentee = Intake(region="north", timezone="America/Chicago")
    mentors = [
        Intake(region="north", timezone="America/New_York"),
        Intake(region="south", timezone="America/Chicago"),
        Intake(region="south", timezone="America/New_York"),
        Intake(),
    ]
    result = build_scores([mentee], mentors, {"location": 3})
    assert result.similarity["location"][0].tolist() == [1.0, 0.5, 0.0, 0.0]
    # Blank fields never match each other.
    blank = build_scores([Intake()], [Intake()], {"location": 3})
    assert blank.similarity["location"][0, 0] == 0.0


def test_career_criterion() -> None:
    career = frozenset({"career"})
    mentors = [
        Intake(industries=frozenset({"tech"})),
        Intake(industries=frozenset({"retail"})),
        Intake(),
    ]
    open_minded = Intake(focus_areas=career)
    specific = Intake(focus_areas=frozenset({"education"}), industries=frozenset({"tech"}))
    not_looking = Intake(focus_areas=frozenset({"housing"}), industries=frozenset({"tech"}))
    result = build_scores([open_minded, specific, not_looking], mentors, {"career": 4})
    assert result.similarity["career"].tolist() == [
        [1.0, 1.0, 0.0],
        [1.0, 0.5, 0.0],
        [0.0, 0.0, 0.0],
    ]


def test_saturation() -> None:
    mentee = Intake(
        focus_areas=frozenset(FOCUS_AREAS[:5]), availability=frozenset(AVAILABILITY_SLOTS[:8])
    )
    mentors = [
        Intake(
            focus_areas=frozenset(FOCUS_AREAS[:1]), availability=frozenset(AVAILABILITY_SLOTS[:2])
        ),
        Intake(
            focus_areas=frozenset(FOCUS_AREAS[:3]), availability=frozenset(AVAILABILITY_SLOTS[:4])
        ),
        Intake(focus_areas=frozenset(FOCUS_AREAS), availability=frozenset(AVAILABILITY_SLOTS)),
    ]
    result = build_scores([mentee], mentors, DEFAULT_WEIGHTS)
    assert result.similarity["focus"][0].tolist() == pytest.approx([1 / 3, 1.0, 1.0])
    assert result.similarity["availability"][0].tolist() == [0.5, 1.0, 1.0]


def test_weights_zero_and_partial() -> None:
    mentees, mentors = random_people(3, 6, 5)
    zero = build_scores(mentees, mentors, {c: 0.0 for c in CRITERIA})
    assert (zero.total == 0.0).all()
    assert build_scores(mentees, mentors, {}).total.max() == 0.0
    reasons = explain_pair(mentees[0], mentors[0], {})
    assert all(r.points == 0.0 for r in reasons)
    # A single weighted criterion: the total is just that similarity scaled to 100.
    only_focus = build_scores(mentees, mentors, {"focus": 2.5})
    np.testing.assert_allclose(only_focus.total, 100.0 * only_focus.similarity["focus"])
    # Scaling all weights changes nothing.
    base = build_scores(mentees, mentors, DEFAULT_WEIGHTS)
    doubled = build_scores(mentees, mentors, {c: w / 2 for c, w in DEFAULT_WEIGHTS.items()})
    np.testing.assert_allclose(base.total, doubled.total)


@pytest.mark.parametrize(
    "weights, hard",
    [
        ({"focus": -1.0}, ()),
        ({"focus": 11.0}, ()),
        ({"bogus": 1.0}, ()),
        (DEFAULT_WEIGHTS, ("focus",)),
        (DEFAULT_WEIGHTS, ("nope",)),
    ],
)
def test_invalid_weights_or_hard_rejected(weights: dict[str, float], hard: tuple[str]) -> None:
    with pytest.raises(ValueError):
        build_scores([Intake()], [Intake()], weights, hard)


def test_empty_sides() -> None:
    mentees, mentors = random_people(5, 3, 4)
    assert build_scores([], mentors, DEFAULT_WEIGHTS).total.shape == (0, 4)
    none = build_scores(mentees, [], DEFAULT_WEIGHTS, hard=["language"])
    assert none.total.shape == (3, 0)
    assert none.allowed.shape == (3, 0)
    assert top_mentors(none, 0) == []


def test_mentor_pool_and_keep_similarity_give_same_scores() -> None:
    mentees, mentors = random_people(9, 30, 25)
    hard = ("format",)
    plain = build_scores(mentees, mentors, DEFAULT_WEIGHTS, hard)
    pool = MentorPool.from_intakes(mentors)
    pooled = build_scores(mentees, pool, DEFAULT_WEIGHTS, hard)
    lean = build_scores(mentees, pool, DEFAULT_WEIGHTS, hard, keep_similarity=False)
    np.testing.assert_array_equal(plain.total, pooled.total)
    np.testing.assert_array_equal(plain.total, lean.total)
    np.testing.assert_array_equal(plain.allowed, lean.allowed)
    assert lean.similarity == {}
    # Row by row equals the whole matrix: nothing depends on which mentees are scored together.
    for i in (0, 17):
        single = build_scores([mentees[i]], pool, DEFAULT_WEIGHTS, hard)
        np.testing.assert_array_equal(single.total[0], plain.total[i])


def test_block_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    import matching.scoring as scoring

    mentees, mentors = random_people(12, 37, 9)
    whole = build_scores(mentees, mentors, DEFAULT_WEIGHTS, ["language"])
    monkeypatch.setattr(scoring, "_BLOCK_ELEMENTS", 20)  # 2 rows per block
    blocked = build_scores(mentees, mentors, DEFAULT_WEIGHTS, ["language"])
    np.testing.assert_array_equal(whole.total, blocked.total)
    np.testing.assert_array_equal(whole.allowed, blocked.allowed)
    for c in CRITERIA:
        np.testing.assert_array_equal(whole.similarity[c], blocked.similarity[c])


@pytest.mark.parametrize("limit", [0, 1, 1000])
def test_bitmask_and_gather_counts_agree(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    import matching.scoring as scoring

    mentees, mentors = random_people(13, 25, 20)
    mentees.append(Intake())  # nobody's items at all
    reference = build_scores(mentees, mentors, DEFAULT_WEIGHTS)
    monkeypatch.setattr(scoring, "_MAX_BITMASK_WORDS", limit)
    other = build_scores(mentees, mentors, DEFAULT_WEIGHTS)
    for c in CRITERIA:
        np.testing.assert_array_equal(reference.similarity[c], other.similarity[c])


def _brute_top(total: np.ndarray, mask: np.ndarray, k: int) -> list[tuple[int, float]]:
    items = [(j, float(total[j])) for j in range(total.size) if mask[j]]
    items.sort(key=lambda t: (-t[1], t[0]))
    return items[:k]


@pytest.mark.parametrize("k", [0, 1, 3, 10, 50])
def test_top_mentors_matches_brute_force(k: int) -> None:
    mentees, mentors = random_people(21, 4, 40)
    result = build_scores(mentees, mentors, DEFAULT_WEIGHTS, hard=["language"])
    # Coarse scores to force ties, which must be broken by the lower index.
    result.total = np.round(result.total / 10.0) * 10.0
    extra = np.arange(40) % 3 != 0
    for i in range(4):
        assert top_mentors(result, i, k) == _brute_top(result.total[i], result.allowed[i], k)
        assert top_mentors(result, i, k, extra_mask=extra) == _brute_top(
            result.total[i], result.allowed[i] & extra, k
        )
        # Raw arrays: no allowed mask.
        assert top_mentors(result.total[i], k=k) == _brute_top(
            result.total[i], np.ones(40, bool), k
        )
        assert top_mentors(result.total, i, k) == _brute_top(result.total[i], np.ones(40, bool), k)


def test_top_mentors_single_row_scores() -> None:
    mentees, mentors = random_people(22, 1, 30)
    pool = MentorPool.from_intakes(mentors)
    row = build_scores(mentees, pool, DEFAULT_WEIGHTS)
    best = top_mentors(row, 0, k=5)
    assert len(best) == 5
    assert best == _brute_top(row.total[0], row.allowed[0], 5)
