"""rank.score on small hand-computed cases, and the properties every ranking must keep."""

from __future__ import annotations

import math
import random

from hypothesis import given
from hypothesis import strategies as st

from netmap.rank import LEVEL_WEIGHTS, Features, Query, order, reachability, score
from netmap.roles import resolve_role
from netmap.ties import tie_strength


def person(
    pid: int = 1,
    bridges=((10, 0.5, 0.5),),
    level: str = "mid",
    function: str = "finance",
    title: str = "analyst",
    confidence: float = 1.0,
    degree: int = 2,
) -> Features:
    return Features(pid, frozenset(title.split()), "finance", function, level, confidence, degree, list(bridges))


def test_hand_computed_scores() -> None:
    # one neutral bridge: reach = 0.5 * 0.5 = 0.25, sqrt = 0.5; mid level weighs 1.0; no filters -> 50
    assert score(person(), Query())[0] == 50.0
    # two neutral bridges: reach = 1 - 0.75^2 = 0.4375; 100 * sqrt(0.4375) = 66.1
    assert score(person(bridges=[(10, 0.5, 0.5), (11, 0.5, 0.5)]), Query())[0] == 66.1
    # a strong tie to the bridge (0.9 * 0.5 = 0.45): 100 * sqrt(0.45) = 67.1
    assert score(person(bridges=[(10, 0.9, 0.5)]), Query())[0] == 67.1
    # --industry with a 0.6-confident classification: 0.85 + 0.15 * 0.6 = 0.94 -> 47.0
    assert score(person(confidence=0.6), Query(industry="finance"))[0] == 47.0
    # a director (0.6) for the role "engineer" that the title lacks (0.35): 100 * 0.6 * 0.35 * 0.5 = 10.5
    assert score(person(level="director"), Query(role=resolve_role("engineer")))[0] == 10.5
    # a first-degree contact: reach is your own tie
    assert score(person(degree=1, bridges=()), Query())[0] == round(100 * math.sqrt(0.5), 1)
    _, parts = score(person(), Query(role=resolve_role("analyst")))
    assert parts == {"industry": 1.0, "role": 1.0, "seniority": 1.0, "fit": 1.0, "reachability": 0.25, "bridges": 1.0}


def test_entry_to_senior_beat_executives_by_default() -> None:
    ranks = {level: score(person(level=level), Query())[0] for level in LEVEL_WEIGHTS}
    assert ranks["entry"] == ranks["mid"] > ranks["director"] > ranks["c_level"]
    assert min(ranks["entry"], ranks["senior"]) > ranks["vp"]
    # --seniority filters instead, and then every allowed level weighs the same
    assert score(person(level="c_level"), Query(seniority=frozenset({"c_level"})))[0] == 50.0


ties = st.floats(min_value=0.01, max_value=1.0)
bridge_lists = st.lists(st.tuples(st.integers(1, 50), ties, ties), min_size=1, max_size=6)


@given(bridge_lists, st.tuples(st.integers(51, 99), ties, ties))
def test_another_bridge_never_scores_lower(bridges, extra) -> None:
    assert score(person(bridges=[*bridges, extra]), Query())[0] >= score(person(bridges=bridges), Query())[0]


@given(bridge_lists, st.integers(0, 5), st.floats(0.0, 0.99))
def test_a_stronger_bridge_never_scores_lower(bridges, which, more) -> None:
    which %= len(bridges)
    stronger = list(bridges)
    bid, mine, theirs = stronger[which]
    stronger[which] = (bid, mine + (1 - mine) * more, theirs)
    assert reachability(person(bridges=stronger)) >= reachability(person(bridges=bridges))
    assert score(person(bridges=stronger), Query())[0] >= score(person(bridges=bridges), Query())[0]


@given(bridge_lists, st.sampled_from(sorted(LEVEL_WEIGHTS)), st.sampled_from(sorted(LEVEL_WEIGHTS)))
def test_better_fit_never_scores_lower(bridges, a, b) -> None:
    better, worse = (a, b) if LEVEL_WEIGHTS[a] >= LEVEL_WEIGHTS[b] else (b, a)
    assert (
        score(person(bridges=bridges, level=better), Query())[0]
        >= score(person(bridges=bridges, level=worse), Query())[0]
    )
    fits = person(bridges=bridges, title="m&a analyst")
    misses = person(bridges=bridges, title="software engineer")
    assert score(fits, Query(role=resolve_role("analyst")))[0] >= score(misses, Query(role=resolve_role("analyst")))[0]


def test_order_is_deterministic_and_breaks_ties() -> None:
    people = [person(pid=i, bridges=[(10 + i % 3, 0.5, 0.5)]) for i in range(30)]
    scored = [(score(p, Query())[0], p, f"name {p.person_id % 7}") for p in people]
    first = [p.person_id for _, p in order(scored, Query(limit=30))]
    for seed in range(5):
        random.Random(seed).shuffle(scored)
        assert [p.person_id for _, p in order(scored, Query(limit=30))] == first
    # equal scores: the name key decides, then the id
    assert first[:3] == [0, 7, 14]


def test_max_per_bridge_caps_results_through_one_person() -> None:
    via_ava = [person(pid=i, bridges=[(10, 0.9, 0.5)]) for i in range(5)]
    via_ben = [person(pid=10 + i, bridges=[(11, 0.5, 0.5)]) for i in range(5)]
    scored = [(score(p, Query())[0], p, str(p.person_id)) for p in via_ava + via_ben]
    capped = order(scored, Query(max_per_bridge=2, limit=10))
    assert [p.person_id for _, p in capped] == [0, 1, 10, 11]
    assert len(order(scored, Query(limit=10))) == 10


def test_tie_strength_rises_with_evidence() -> None:
    assert tie_strength() == 0.5
    assert tie_strength(messages=1, as_of="2026-01-01") > tie_strength()
    assert tie_strength(messages=20, as_of="2026-01-01") > tie_strength(messages=2, as_of="2026-01-01")
    old = tie_strength(messages=20, last_message="2020-01-01", as_of="2026-01-01")
    assert tie_strength() < old < tie_strength(messages=20, last_message="2025-12-01", as_of="2026-01-01")
    assert tie_strength(weight=0.9) == 0.9
    assert 0 < tie_strength(messages=10_000, connected_on="1990-01-01", as_of="2026-01-01") <= 1
