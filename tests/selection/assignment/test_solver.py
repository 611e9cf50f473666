"""The reviewer-assignment solver against an independent exact method (scipy's MILP solver on
the same integer program), every constraint on every result, the diagnostics of infeasible
instances, invalid input, and the `tremplin assign` command."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from tremplin import cli
from tremplin.selection import assignment
from tremplin.selection.assignment import (
    Instance,
    InvalidInstance,
    check_assignment,
    solve,
    solve_json,
)

# -- an independent exact method --------------------------------------------------------------


def _milp_model(instance: Instance, forced=True):
    """Variables x[a, r] for the allowed pairs; rows: k per application, capacity per reviewer."""
    n, r = instance.shape
    pairs = [(a, b) for a in range(n) for b in range(r) if not instance.conflict[a, b]]
    rows, lower, upper = [], [], []
    for a in range(n):
        rows.append([1.0 if pa == a else 0.0 for pa, _ in pairs])
        lower.append(instance.reviews_per_application)
        upper.append(instance.reviews_per_application)
    for b in range(r):
        rows.append([1.0 if pb == b else 0.0 for _, pb in pairs])
        lower.append(-np.inf)
        upper.append(instance.capacities[b])
    lb = np.array([1.0 if forced and instance.forced[a, b] else 0.0 for a, b in pairs])
    return pairs, np.array(rows).reshape(len(rows), len(pairs)), lower, upper, lb


def milp_optimum(instance: Instance):
    """(max total affinity, min sum over reviewers of L(L+1)/2 among the maximal ones), or None
    if infeasible. Two MILP solves with scipy (HiGHS), knowing nothing of the flow model."""
    n, r = instance.shape
    if n == 0:
        return 0.0, 0
    pairs, matrix, lower, upper, lb = _milp_model(instance)
    if any(instance.forced[a, b] and instance.conflict[a, b] for a in range(n) for b in range(r)):
        return None
    if not pairs:
        return None
    values = np.array([instance.affinity[a, b] for a, b in pairs])
    first = milp(
        -values,
        constraints=LinearConstraint(matrix, lower, upper),
        integrality=np.ones(len(pairs)),
        bounds=Bounds(lb, np.ones(len(pairs))),
    )
    if first.status == 2:
        return None
    assert first.status == 0, first.message
    best = -first.fun

    # Second stage: load levels y[b, j] (j-th review of reviewer b costs j), affinity kept.
    levels = [(b, j) for b in range(r) for j in range(1, int(instance.capacities[b]) + 1)]
    size = len(pairs) + len(levels)
    rows = [np.concatenate([row, np.zeros(len(levels))]) for row in matrix]
    lows, highs = list(lower), list(upper)
    for b in range(r):
        row = np.zeros(size)
        for i, (_, pb) in enumerate(pairs):
            row[i] = 1.0 if pb == b else 0.0
        for i, (lb_rev, _) in enumerate(levels):
            if lb_rev == b:
                row[len(pairs) + i] = -1.0
        rows.append(row)
        lows.append(0)
        highs.append(0)
    rows.append(np.concatenate([values, np.zeros(len(levels))]))
    lows.append(best - 1e-7)
    highs.append(np.inf)
    cost = np.concatenate([np.zeros(len(pairs)), [float(j) for _, j in levels]])
    second = milp(
        cost,
        constraints=LinearConstraint(np.array(rows), lows, highs),
        integrality=np.ones(size),
        bounds=Bounds(np.concatenate([lb, np.zeros(len(levels))]), np.ones(size)),
    )
    assert second.status == 0, second.message
    return best, round(second.fun)


def max_coverage(instance: Instance) -> int:
    """The most reviews that can be assigned (at most k per application), forced pairs kept."""
    pairs, matrix, _lower, upper, lb = _milp_model(instance)
    if not pairs:
        return 0
    n = instance.shape[0]
    lower = [0] * n + [-np.inf] * instance.shape[1]
    res = milp(
        -np.ones(len(pairs)),
        constraints=LinearConstraint(matrix, lower, upper),
        integrality=np.ones(len(pairs)),
        bounds=Bounds(lb, np.ones(len(pairs))),
    )
    assert res.status == 0, res.message
    return round(-res.fun)


def balancing_cost(loads) -> int:
    return sum(load * (load + 1) // 2 for load in loads)


# -- plain checks of a result, written again here ---------------------------------------------


def assert_valid(instance: Instance, pairs, complete=True):
    n, r = instance.shape
    k = instance.reviews_per_application
    app_index = {a: i for i, a in enumerate(instance.application_ids)}
    rev_index = {x: j for j, x in enumerate(instance.reviewer_ids)}
    seen = set()
    per_app, per_rev = [0] * n, [0] * r
    for a, x in pairs:
        i, j = app_index[a], rev_index[x]
        assert (i, j) not in seen, "a reviewer twice on one application"
        seen.add((i, j))
        assert not instance.conflict[i, j], f"conflicted pair {a, x}"
        per_app[i] += 1
        per_rev[j] += 1
    for i in range(n):
        assert per_app[i] == k if complete else per_app[i] <= k
    for j in range(r):
        assert per_rev[j] <= instance.capacities[j]
    if complete:
        for i, j in zip(*np.nonzero(instance.forced), strict=True):
            assert (i, j) in seen, "a forced pair is missing"
        assert check_assignment(instance, pairs) == []
    return per_app, per_rev


# -- random small instances -------------------------------------------------------------------


@st.composite
def instances(draw, max_apps=8, max_revs=6, roomy=False):
    """Random small instances; `roomy` ones have enough capacity in total, so that more of
    them are feasible and the optimum is compared."""
    n = draw(st.integers(0, max_apps))
    r = draw(st.integers(1, max_revs))
    k = draw(st.integers(1, min(3, r)))
    low = -(-n * k // r) if roomy else 0
    capacities = draw(st.lists(st.integers(low, low + 5), min_size=r, max_size=r))
    cells = st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, r - 1))

    def matrix(max_size):
        m = np.zeros((n, r), dtype=bool)
        if n:
            for a, b in draw(st.lists(cells, max_size=max_size)):
                m[a, b] = True
        return m

    affinity = np.zeros((n, r))
    if n:
        # Hundredths: rounding is exact, so the optimum compares exactly.
        values = draw(st.lists(st.integers(-100, 300), min_size=n * r, max_size=n * r))
        given_mask = draw(st.lists(st.booleans(), min_size=n * r, max_size=n * r))
        affinity = np.where(given_mask, np.array(values) / 100, 0.0).reshape(n, r)
    conflict = matrix(n * r // (6 if roomy else 3))
    forced = matrix(2 if roomy else 3)
    return Instance.from_arrays(
        application_ids=[f"app-{i}" if i % 2 else i for i in range(n)],
        reviewer_ids=[f"rev-{j}" for j in range(r)],
        capacities=capacities,
        reviews_per_application=k,
        affinity=affinity,
        conflict=conflict,
        forced=forced,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(instances(), instances(roomy=True)))
def test_random_instances_match_an_independent_exact_method(instance):
    result = solve(instance)
    reference = milp_optimum(instance)
    event(f"{result.status}, {'no forced' if not instance.forced.any() else 'forced'}")
    if reference is None:
        assert result.status == "infeasible"
        assert result.assignment == []
        assert result.objective is None
        assert result.message.startswith("Infeasible")
        assert_valid(instance, result.partial_assignment, complete=False)
        return
    best, least_balancing = reference
    assert result.status == "optimal", result.message
    _per_app, per_rev = assert_valid(instance, result.assignment)
    assert math.isclose(result.objective, best, abs_tol=1e-9)
    # Secondary goal: the most even load among the assignments of maximal affinity.
    assert balancing_cost(per_rev) == least_balancing
    assert dict(result.loads) == dict(zip(instance.reviewer_ids, per_rev, strict=True))


@settings(max_examples=150, deadline=None)
@given(instances())
def test_infeasible_diagnostics_are_right_and_the_partial_assignment_covers_the_most(instance):
    result = solve(instance)
    data = result.to_json()
    event(result.status)
    diagnostics = data["diagnostics"]
    n, r = instance.shape
    k = instance.reviews_per_application
    cap = instance.capacities

    # Each figure recomputed here in plain Python.
    lacking = {}
    for a in range(n):
        eligible = sum(1 for b in range(r) if not instance.conflict[a, b] and cap[b] > 0)
        if eligible < k:
            lacking[instance.application_ids[a]] = k - eligible
    assert {
        d["application"]: d["missing"] for d in diagnostics["applications_lacking_reviewers"]
    } == lacking
    assert diagnostics["capacity"]["missing"] == max(0, n * k - int(cap.sum()))
    conflicts = sorted(
        (a, b)
        for a in range(n)
        for b in range(r)
        if instance.forced[a, b] and instance.conflict[a, b]
    )
    assert len(diagnostics["forced_conflicts"]) == len(conflicts)
    over_k = [a for a in range(n) if instance.forced[a].sum() > k]
    assert len(diagnostics["forced_over_reviews"]) == len(over_k)
    over_cap = [b for b in range(r) if instance.forced[:, b].sum() > cap[b]]
    assert len(diagnostics["forced_over_capacity"]) == len(over_cap)

    if result.status == "optimal":
        assert not (lacking or conflicts or over_k or over_cap)
        assert diagnostics["reviews_missing"] == 0
        return
    partial = data["partial_assignment"]
    per_app, per_rev = assert_valid(instance, partial, complete=False)
    assert diagnostics["reviews_assigned"] == len(partial)
    assert diagnostics["reviews_missing"] == n * k - len(partial)
    assert dict(diagnostics["unmet"]) == {
        instance.application_ids[a]: k - per_app[a] for a in range(n) if per_app[a] < k
    }
    if not (conflicts or over_k or over_cap):
        # Forced pairs consistent: the partial assignment keeps them and covers the most.
        for a, b in zip(*np.nonzero(instance.forced), strict=True):
            assert [instance.application_ids[a], instance.reviewer_ids[b]] in partial
        assert len(partial) == max_coverage(instance)
    if diagnostics["reviews_missing"]:
        cut = diagnostics["bottleneck"]
        assert cut["missing"] == diagnostics["reviews_missing"]
        rev_index = {x: j for j, x in enumerate(instance.reviewer_ids)}
        app_index = {x: i for i, x in enumerate(instance.application_ids)}
        members = {rev_index[x] for x in cut["reviewers"]}
        for b in members:
            assert per_rev[b] == cap[b], "a reviewer of the bottleneck still has room"
        # Any reviewer who could still take one of these applications is in the bottleneck.
        assigned = {(app_index[a], rev_index[x]) for a, x in partial}
        for a in map(app_index.get, cut["applications"]):
            for b in range(r):
                if not instance.conflict[a, b] and (a, b) not in assigned and cap[b] > 0:
                    assert b in members


@settings(max_examples=80, deadline=None)
@given(instances(max_apps=6, max_revs=5, roomy=True), st.integers(0, 2**32 - 1))
def test_float_affinities_within_the_stated_tolerance(instance, seed):
    rng = np.random.default_rng(seed)
    affinity = rng.random(instance.shape) * rng.choice([1e-3, 1.0, 1e4])
    instance = Instance.from_arrays(
        instance.application_ids,
        instance.reviewer_ids,
        instance.capacities,
        instance.reviews_per_application,
        affinity,
        instance.conflict,
        instance.forced,
    )
    result = solve(instance)
    reference = milp_optimum(instance)
    if reference is None:
        assert result.status == "infeasible"
        return
    assert result.status == "optimal"
    assert_valid(instance, result.assignment)
    tolerance = result.solver["objective_tolerance"] + 1e-9 * max(1.0, abs(reference[0]))
    assert (
        reference[0] - tolerance
        <= result.objective
        <= reference[0] + 1e-9 * max(1.0, abs(reference[0]))
    )


# -- the behaviour, example by example --------------------------------------------------------

EXAMPLE = {
    "applications": [101, 102, "a-103"],
    "reviewers": [
        {"id": "ana", "capacity": 2},
        {"id": "bo", "capacity": 2},
        {"id": 7, "capacity": 3},
    ],
    "reviews_per_application": 2,
    "affinity": [[101, "ana", 0.9], [101, 7, 0.4], [102, "bo", 0.8], ["a-103", "ana", 0.7]],
    "conflicts": [[102, "ana"]],
    "forced": [["a-103", "bo"]],
}


def test_the_documented_example():
    result = solve_json(EXAMPLE)
    assert result["status"] == "optimal"
    assert result["assignment"] == [
        [101, "ana"],
        [101, 7],
        [102, "bo"],
        [102, 7],
        ["a-103", "ana"],
        ["a-103", "bo"],
    ]
    assert result["objective"] == pytest.approx(0.9 + 0.4 + 0.8 + 0.7)
    assert result["loads"] == [["ana", 2], ["bo", 2], [7, 2]]
    assert "partial_assignment" not in result
    json.dumps(result)  # plain JSON types only


def test_equal_affinities_give_even_loads():
    instance = {
        "applications": list(range(6)),
        "reviewers": [{"id": f"r{j}", "capacity": 6} for j in range(4)],
        "reviews_per_application": 2,
    }
    result = solve_json(instance)
    assert [load for _r, load in result["loads"]] == [3, 3, 3, 3]
    unbalanced = solve_json(instance, balance=False)
    assert unbalanced["solver"]["balancing"] == "off"
    assert unbalanced["status"] == "optimal"


def test_balancing_never_costs_affinity():
    # Sending both applications to "a" is better by 2e-6 in affinity, and worse in balance.
    result = solve_json(
        {
            "applications": [1, 2],
            "reviewers": [{"id": "a", "capacity": 2}, {"id": "b", "capacity": 2}],
            "reviews_per_application": 1,
            "affinity": [[1, "a", 1.0], [2, "a", 1.0], [1, "b", 0.999999], [2, "b", 0.999999]],
        }
    )
    assert result["assignment"] == [[1, "a"], [2, "a"]]
    assert result["objective"] == 2.0
    assert result["solver"]["affinity_decimals"] >= 7


def test_without_room_for_exact_balancing_the_affinity_stays_optimal(monkeypatch):
    # With huge capacities the balancing term could leave too few digits for the affinities:
    # the solver then drops it rather than the precision of the primary objective.

    monkeypatch.setattr(assignment, "_MIN_AFFINITY_DIGITS", 30)
    instance = Instance.from_json(EXAMPLE)
    result = solve(instance)
    assert result.solver["balancing"] == "off (too many load levels)"
    assert result.objective == pytest.approx(milp_optimum(instance)[0])
    assert check_assignment(instance, result.assignment) == []


def test_forced_and_started_pairs_are_kept_and_forbidden_pairs_avoided():
    result = solve_json(
        {
            "applications": [1, 2],
            "reviewers": [{"id": x, "capacity": 2} for x in "abc"],
            "reviews_per_application": 1,
            "affinity": [[1, "a", 5], [2, "a", 5], [2, "b", 4]],
            "forced": [[1, "c"]],
            "started": [[2, "c"]],
            "forbidden": [[1, "a"]],
        }
    )
    assert result["assignment"] == [[1, "c"], [2, "c"]]
    assert result["objective"] == 0


def test_applications_without_enough_eligible_reviewers():
    result = solve_json(
        {
            "applications": ["x", "y"],
            "reviewers": [
                {"id": 1, "capacity": 5},
                {"id": 2, "capacity": 5},
                {"id": 3, "capacity": 0},
            ],
            "reviews_per_application": 2,
            "conflicts": [["x", 1]],
        }
    )
    assert result["status"] == "infeasible"
    assert result["assignment"] == [] and result["objective"] is None
    assert result["diagnostics"]["applications_lacking_reviewers"] == [
        {"application": "x", "eligible": 1, "needed": 2, "missing": 1}
    ]
    assert result["diagnostics"]["unmet"] == [["x", 1]]
    assert result["partial_assignment"] == [["x", 2], ["y", 1], ["y", 2]]
    assert "'x' (1 eligible)" in result["message"]


def test_missing_capacity():
    result = solve_json(
        {
            "applications": [1, 2, 3],
            "reviewers": [{"id": "a", "capacity": 2}, {"id": "b", "capacity": 2}],
            "reviews_per_application": 2,
        }
    )
    assert result["status"] == "infeasible"
    assert result["diagnostics"]["capacity"] == {"total": 4, "needed": 6, "missing": 2}
    assert len(result["partial_assignment"]) == 4
    assert "2 short of the 6 reviews needed" in result["message"]


def test_forced_pairs_that_break_the_rules():
    result = solve_json(
        {
            "applications": [1, 2],
            "reviewers": [{"id": x, "capacity": 1} for x in "abcd"],
            "reviews_per_application": 1,
            "affinity": [[1, "b", 0.5]],
            "conflicts": [[2, "d"]],
            "forced": [[1, "a"], [1, "b"], [2, "d"]],
        }
    )
    d = result["diagnostics"]
    assert result["status"] == "infeasible"
    assert d["forced_conflicts"] == [[2, "d"]]
    assert d["forced_over_reviews"] == [
        {"application": 1, "forced": 2, "reviews_per_application": 1}
    ]
    # The partial assignment keeps the forced pair of higher affinity and drops the others.
    assert [1, "b"] in result["partial_assignment"]
    assert sorted(map(tuple, d["forced_dropped"]), key=str) == [(1, "a"), (2, "d")]
    assert len(result["partial_assignment"]) == 2

    over = solve_json(
        {
            "applications": [1, 2],
            "reviewers": [{"id": "a", "capacity": 1}, {"id": "b", "capacity": 2}],
            "reviews_per_application": 1,
            "forced": [[1, "a"], [2, "a"]],
        }
    )
    assert over["diagnostics"]["forced_over_capacity"] == [
        {"reviewer": "a", "forced": 2, "capacity": 1}
    ]
    assert sorted(over["partial_assignment"], key=str) == [[1, "a"], [2, "b"]] or sorted(
        over["partial_assignment"], key=str
    ) == [[1, "b"], [2, "a"]]


def test_a_bottleneck_that_no_single_figure_shows():
    # Applications 1 and 2 may only be read by a and b (capacity 1 each): 2 reviews missing,
    # although every application has 2 eligible reviewers and capacity is plentiful overall.
    result = solve_json(
        {
            "applications": [1, 2, 3],
            "reviewers": [
                {"id": "a", "capacity": 1},
                {"id": "b", "capacity": 1},
                {"id": "c", "capacity": 10},
                {"id": "d", "capacity": 10},
            ],
            "reviews_per_application": 2,
            "conflicts": [[1, "c"], [1, "d"], [2, "c"], [2, "d"]],
        }
    )
    d = result["diagnostics"]
    assert result["status"] == "infeasible"
    assert d["applications_lacking_reviewers"] == [] and d["capacity"]["missing"] == 0
    assert d["bottleneck"]["applications"] == [1, 2]
    assert d["bottleneck"]["reviewers"] == ["a", "b"]
    assert d["bottleneck"]["missing"] == 2
    assert d["reviews_missing"] == 2
    assert "compete for 2 eligible reviewer(s)" in result["message"]


def test_no_applications():
    result = solve_json({"applications": [], "reviewers": [], "reviews_per_application": 3})
    assert result["status"] == "optimal"
    assert result["assignment"] == [] and result["objective"] == 0


# -- invalid input ----------------------------------------------------------------------------

BASE = {
    "applications": [1, 2],
    "reviewers": [{"id": "a", "capacity": 2}, {"id": "b", "capacity": 2}],
    "reviews_per_application": 1,
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"affinity": [[3, "a", 1.0]]}, "affinity[0]: unknown application 3"),
        ({"affinity": [[1, "z", 1.0]]}, "affinity[0]: unknown reviewer 'z'"),
        ({"affinity": [[1, "a"]]}, "affinity[0]: expected [application_id, reviewer_id, number]"),
        ({"affinity": [[1, "a", "high"]]}, "affinity[0]: the affinity must be a finite number"),
        ({"affinity": [[1, "a", float("nan")]]}, "the affinity must be a finite number"),
        ({"affinity": [[1, "a", 1], [1, "a", 2]]}, "is given more than once"),
        ({"conflicts": [["1", "a"]]}, "conflicts[0]: unknown application '1'"),
        ({"forced": [[1, "b", 3]]}, "forced[0]: expected [application_id, reviewer_id]"),
        (
            {"reviewers": [{"id": "a", "capacity": -1}]},
            "reviewer 'a': the capacity must not be negative",
        ),
        ({"reviewers": [{"id": "a", "capacity": 1.5}]}, "the capacity must be a whole number"),
        ({"reviewers": [{"id": "a"}]}, 'reviewers[0]: expected {"id": ..., "capacity": ...}'),
        ({"reviews_per_application": 0}, "reviews_per_application must be a whole number >= 1"),
        ({"reviews_per_application": "3"}, "reviews_per_application must be a whole number >= 1"),
        ({"reviews_per_application": True}, "reviews_per_application must be a whole number >= 1"),
        ({"applications": [1, 1]}, "application id 1 is given more than once"),
        ({"applications": [1, 2.5]}, "ids must be integers or strings"),
        ({"applications": [True]}, "ids must be integers or strings"),
        ({"applications": "1,2"}, '"applications" must be a list of ids'),
        ({"affinities": []}, "unknown key(s): affinities"),
    ],
)
def test_invalid_instances_are_refused_with_a_clear_message(change, message):
    with pytest.raises(InvalidInstance) as error:
        Instance.from_json({**BASE, **change})
    assert message in str(error.value)


def test_missing_keys_and_non_objects():
    with pytest.raises(InvalidInstance, match='"reviewers" is missing'):
        Instance.from_json({"applications": [], "reviews_per_application": 1})
    with pytest.raises(InvalidInstance, match="must be a JSON object"):
        Instance.from_json([1, 2])


# -- the command ------------------------------------------------------------------------------


def test_command_round_trip(tmp_path, capsys):
    source, target = tmp_path / "instance.json", tmp_path / "result.json"
    source.write_text(json.dumps(EXAMPLE))
    assert cli.main(["assign", "--input", str(source), "--output", str(target)]) == 0
    result = json.loads(target.read_text())
    assert result == json.loads(json.dumps(solve_json(EXAMPLE))) | {"solver": result["solver"]}
    assert check_assignment(Instance.from_json(EXAMPLE), result["assignment"]) == []
    assert capsys.readouterr().out.startswith("Optimal: 6 reviews for 3 applications")


def test_command_writes_an_infeasible_result_without_failing(tmp_path):
    source, target = tmp_path / "instance.json", tmp_path / "result.json"
    source.write_text(json.dumps({**BASE, "reviews_per_application": 3}))
    assert cli.main(["assign", "--input", str(source), "--output", str(target)]) == 0
    result = json.loads(target.read_text())
    assert result["status"] == "infeasible"
    assert result["diagnostics"]["capacity"]["missing"] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"applications": [1,', "is not valid JSON"),
        (
            json.dumps({**BASE, "reviews_per_application": 0}),
            "invalid instance: reviews_per_application",
        ),
        (
            json.dumps({**BASE, "forced": [[9, "a"]]}),
            "invalid instance: forced[0]: unknown application 9",
        ),
        (None, "cannot read"),
    ],
)
def test_command_refuses_bad_input_in_one_line(tmp_path, capsys, content, message):
    source, target = tmp_path / "instance.json", tmp_path / "result.json"
    if content is not None:
        source.write_text(content)
    assert cli.main(["assign", "--input", str(source), "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tremplin assign: ") and message in err
    assert "Traceback" not in err
    assert not target.exists()
