"""The inclusive tie-break (selection/tiebreak.py): who moves, within which band, why, and
nothing else changes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tremplin.selection import tiebreak as tb
from tremplin.selection.tiebreak import Candidate

PORTFOLIO_REGIONS = {"FR-IDF": 12, "FR-BRE": 3, "FR-973": 0}
PORTFOLIO_LINES = {"elderly": 6, "disability": 1}


def ranked(*specs):
    """Candidates from (id, score, region, lines) or (id, score, region, lines, low, high)."""
    result = []
    for spec in specs:
        identifier, score, region, lines, *interval = spec
        low, high = interval or (score - 0.1, score + 0.1)
        result.append(Candidate(identifier, score, low, high, region, tuple(lines)))
    return result


CALL = ranked(
    ("a", 4.8, "FR-BRE", ["elderly"]),
    ("b", 3.54, "FR-IDF", ["elderly"]),
    ("c", 3.50, "FR-IDF", ["elderly"]),
    ("d", 3.46, "FR-973", ["elderly"]),
    ("e", 2.0, "FR-IDF", ["elderly"]),
)


def run(candidates=CALL, places=3, policy=tb.MARGIN, margin=0.2, counts=True):
    return tb.tie_break(
        candidates, places, PORTFOLIO_REGIONS, PORTFOLIO_LINES, policy, margin, counts
    )


def test_the_least_represented_region_moves_up_within_the_margin():
    outcome = run()
    assert outcome.status == tb.APPLIED
    assert outcome.line_score == pytest.approx(3.48)
    assert outcome.band == ["b", "c", "d"]
    assert outcome.order == ["a", "d", "b", "c", "e"]
    move = outcome.moves["d"]
    assert (move.before, move.after, move.places) == (4, 2, 2)
    assert move.priority == tb.Priority("FR-973", 0, "elderly", 6)
    assert [(o.behind, o.criterion) for o in move.overtook] == [("b", "region"), ("c", "region")]
    assert outcome.moves["b"].overtaken_by == (tb.Overtake("d", "b", tb.REGION),)
    assert set(outcome.moves) == {"b", "c", "d"}  # a and e did not move


def test_nothing_moves_where_representativeness_does_not_count():
    outcome = run(counts=False)
    assert outcome.status == tb.NOT_COUNTED
    assert outcome.order == outcome.before and not outcome.moves


def test_nothing_moves_with_the_policy_none():
    outcome = run(policy=tb.NONE)
    assert outcome.status == tb.POLICY_NONE
    assert outcome.order == [c.id for c in CALL] and not outcome.moves


@pytest.mark.parametrize("places", [0, 5, 9])
def test_nothing_moves_without_a_selection_line(places):
    outcome = run(places=places)
    assert outcome.status == tb.NO_LINE and not outcome.moves


def test_a_narrow_margin_leaves_the_order_alone():
    outcome = run(margin=0.01)
    assert outcome.band == []
    assert outcome.order == [c.id for c in CALL]


def test_interval_policy_moves_only_applications_whose_interval_holds_the_line():
    candidates = ranked(
        ("a", 4.0, "FR-IDF", ["elderly"], 3.0, 5.0),  # wide: holds the line at 3.45
        ("b", 3.6, "FR-IDF", ["elderly"], 3.55, 3.65),  # narrow: does not
        ("c", 3.5, "FR-IDF", ["elderly"], 3.4, 3.6),
        ("d", 3.4, "FR-973", ["elderly"], 3.3, 3.5),
        ("e", 2.0, "FR-973", ["elderly"], 1.9, 2.1),
    )
    outcome = run(candidates, places=3, policy=tb.INTERVAL)
    assert outcome.band == ["a", "c", "d"]
    # d takes the first place of the band, a's; b keeps its place although it is between.
    assert outcome.order == ["d", "b", "a", "c", "e"]
    assert outcome.moves["d"].before == 4 and outcome.moves["d"].after == 1


def test_interval_policy_needs_intervals():
    candidates = [Candidate("a", 3.0), Candidate("b", 2.0)]
    assert run(candidates, places=1, policy=tb.INTERVAL).status == tb.NEEDS_INTERVAL


def test_business_lines_decide_between_regions_equally_represented():
    candidates = ranked(
        ("a", 3.5, "FR-IDF", ["elderly"]),
        ("b", 3.45, "FR-IDF", ["disability", "elderly"]),
        ("c", 3.0, "FR-IDF", []),
    )
    outcome = run(candidates, places=1)
    assert outcome.order == ["b", "a", "c"]
    move = outcome.moves["b"]
    assert move.priority.business_line == "disability" and move.priority.business_line_count == 1
    assert move.overtook == (tb.Overtake("b", "a", tb.BUSINESS_LINE),)


def test_an_application_without_region_gets_no_priority():
    candidates = ranked(("a", 3.5, None, []), ("b", 3.45, "FR-IDF", ["elderly"]))
    outcome = run(candidates, places=1)
    assert outcome.order == ["b", "a"]
    assert outcome.moves["a"].priority.region_count is None


def test_a_region_absent_from_the_portfolio_counts_zero():
    candidates = ranked(("a", 3.5, "FR-BRE", []), ("b", 3.45, "FR-976", []))
    outcome = run(candidates, places=1)
    assert outcome.order == ["b", "a"]
    assert outcome.moves["b"].priority.region_count == 0


def test_refuses_an_unranked_input_or_an_unknown_policy():
    with pytest.raises(ValueError):
        run(list(reversed(CALL)))
    with pytest.raises(ValueError):
        run(policy="lottery")


# --- Properties ------------------------------------------------------------------------------

REGIONS = ["FR-IDF", "FR-BRE", "FR-973", "FR-976", None]
LINES = ["elderly", "disability", "health"]


@st.composite
def instances(draw):
    size = draw(st.integers(0, 14))
    scores = sorted(
        draw(st.lists(st.sampled_from([x / 20 for x in range(101)]), min_size=size, max_size=size)),
        reverse=True,
    )
    candidates = []
    for index, score in enumerate(scores):
        half = draw(st.sampled_from([0.0, 0.1, 0.3, 1.0]))
        candidates.append(
            Candidate(
                index,
                score,
                score - half,
                score + half,
                draw(st.sampled_from(REGIONS)),
                tuple(draw(st.lists(st.sampled_from(LINES), max_size=2, unique=True))),
            )
        )
    regions = {code: draw(st.integers(0, 4)) for code in REGIONS if code}
    lines = {code: draw(st.integers(0, 4)) for code in LINES}
    return {
        "ranked": candidates,
        "places": draw(st.integers(0, size + 1)),
        "region_counts": regions,
        "business_line_counts": lines,
        "policy": draw(st.sampled_from(tb.POLICIES)),
        "margin": draw(st.sampled_from([0.0, 0.05, 0.2, 0.5, 5.0])),
        "representativeness_counts": draw(st.booleans()),
    }


@settings(max_examples=300, deadline=None)
@given(instances())
def test_properties(instance):
    outcome = tb.tie_break(**instance)
    ids = [c.id for c in instance["ranked"]]
    assert outcome.before == ids
    assert sorted(outcome.order) == sorted(ids)  # a permutation
    if not instance["representativeness_counts"] or instance["policy"] == tb.NONE:
        assert outcome.order == ids and not outcome.moves
    band = set(outcome.band)
    # Outside the band, every application keeps its place.
    for position, identifier in enumerate(ids):
        if identifier not in band:
            assert outcome.order[position] == identifier
    # The band's places hold the band, in priority order, ties in their calibrated order.
    slots = [position for position, identifier in enumerate(ids) if identifier in band]
    inside = [outcome.order[position] for position in slots]
    keys = [(outcome.priorities[i].key, ids.index(i)) for i in inside]
    assert keys == sorted(keys)
    # The moves are exactly the applications whose place changed, with their places.
    moved = {i for position, i in enumerate(outcome.order) if ids[position] != i}
    assert set(outcome.moves) == moved
    for identifier, move in outcome.moves.items():
        assert move.before == ids.index(identifier) + 1
        assert move.after == outcome.order.index(identifier) + 1
        for overtake in move.overtook:
            assert outcome.priorities[identifier].key < outcome.priorities[overtake.behind].key
        assert move.overtook or move.overtaken_by
    # Band members are near the line (margin) or their interval holds it.
    for candidate in instance["ranked"]:
        if candidate.id in band and outcome.policy == tb.MARGIN:
            assert abs(candidate.score - outcome.line_score) <= instance["margin"] + 1e-6
        if candidate.id in band and outcome.policy == tb.INTERVAL:
            assert candidate.low - 1e-6 <= outcome.line_score <= candidate.high + 1e-6
