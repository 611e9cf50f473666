"""Reviewer assignment for a selection committee: an exact min-cost flow, with no Django.

Every application gets exactly k distinct reviewers, no reviewer exceeds their capacity, no
conflicted (or forbidden) pair is used, forced pairs (pinned by staff, or reviews already
started) are kept, and the total affinity is maximal; among the assignments of maximal
affinity, the one with the most even load (smallest sum of squared loads) is returned.
When the constraints cannot all be met the result says why, in data, and carries the partial
assignment that covers as many reviews as possible.

The model, the flow network, the precision of the affinities and the JSON format are
described in docs/assignment.md. The solver is OR-Tools' SimpleMinCostFlow (cost scaling,
exact on integers); the arcs are built with numpy from dense (applications x reviewers)
matrices, so the instance is held in about 10 bytes per pair.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "Instance",
    "InvalidInstance",
    "Result",
    "check_assignment",
    "solve",
    "solve_json",
]

# Affinities are rounded to at most this many decimals before the integer flow sees them.
MAX_DECIMALS = 9
# OR-Tools refuses a unit cost above INT64_MAX / (2 (n + 1)), n the nodes of its graph
# (ours plus the source and sink it adds); we stay SAFETY times below that limit so that its
# node potentials have room too. If it still reports BAD_COST_RANGE we retry coarser.
_INT64_MAX = np.iinfo(np.int64).max
_SAFETY = 16
# The balancing term multiplies the affinities by (its largest possible total + 1); it is
# kept only while that leaves at least this many significant digits for the affinities.
_MIN_AFFINITY_DIGITS = 6


class InvalidInstance(ValueError):
    """The instance is malformed: unknown ids, negative capacity, k < 1, a bad value..."""


@dataclass(frozen=True)
class Instance:
    """An assignment problem on dense matrices indexed (application, reviewer).

    Build it with `Instance.from_json` (the documented JSON format) or `Instance.from_arrays`
    (numpy matrices, the fast path for large instances).
    """

    application_ids: list
    reviewer_ids: list
    capacities: np.ndarray  # int64, (R,)
    reviews_per_application: int
    affinity: np.ndarray  # float64, (N, R); 0 where not given
    conflict: np.ndarray  # bool, (N, R); conflicts and forbidden pairs
    forced: np.ndarray  # bool, (N, R); pinned pairs and reviews already started

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.application_ids), len(self.reviewer_ids)

    @classmethod
    def from_arrays(
        cls,
        application_ids,
        reviewer_ids,
        capacities,
        reviews_per_application: int,
        affinity=None,
        conflict=None,
        forced=None,
    ) -> Instance:
        application_ids = [_plain(x) for x in application_ids]
        reviewer_ids = [_plain(x) for x in reviewer_ids]
        _check_ids(application_ids, "application")
        _check_ids(reviewer_ids, "reviewer")
        n, r = len(application_ids), len(reviewer_ids)
        k = _check_k(reviews_per_application)
        capacities = np.asarray(capacities)
        if capacities.shape != (r,):
            raise InvalidInstance(f"capacities: expected {r} values, one per reviewer")
        if capacities.size and not np.issubdtype(capacities.dtype, np.integer):
            raise InvalidInstance("capacities: expected whole numbers")
        capacities = capacities.astype(np.int64)
        if capacities.size and capacities.min() < 0:
            bad = reviewer_ids[int(np.argmin(capacities))]
            raise InvalidInstance(f"reviewer {bad!r}: the capacity must not be negative")

        def matrix(value, dtype, name):
            if value is None:
                return np.zeros((n, r), dtype=dtype)
            value = np.asarray(value, dtype=dtype)
            if value.shape != (n, r):
                raise InvalidInstance(f"{name}: expected a {n} x {r} matrix")
            return value

        affinity = matrix(affinity, np.float64, "affinity")
        if affinity.size and not np.isfinite(affinity).all():
            raise InvalidInstance("affinity: every value must be a finite number")
        return cls(
            application_ids,
            reviewer_ids,
            capacities,
            k,
            affinity,
            matrix(conflict, bool, "conflicts"),
            matrix(forced, bool, "forced"),
        )

    @classmethod
    def from_json(cls, data: Any) -> Instance:
        """Read the documented JSON instance (already parsed); InvalidInstance says what is wrong."""
        if not isinstance(data, dict):
            raise InvalidInstance("the instance must be a JSON object")
        known = {
            "applications",
            "reviewers",
            "reviews_per_application",
            "affinity",
            "conflicts",
            "forbidden",
            "forced",
            "started",
        }
        unknown = sorted(set(data) - known)
        if unknown:
            raise InvalidInstance(f"unknown key(s): {', '.join(unknown)}")
        for key in ("applications", "reviewers", "reviews_per_application"):
            if key not in data:
                raise InvalidInstance(f'"{key}" is missing')

        applications = data["applications"]
        if not isinstance(applications, list):
            raise InvalidInstance('"applications" must be a list of ids')
        _check_ids(applications, "application")

        reviewers = data["reviewers"]
        if not isinstance(reviewers, list):
            raise InvalidInstance('"reviewers" must be a list of {"id": ..., "capacity": ...}')
        reviewer_ids, capacities = [], []
        for position, reviewer in enumerate(reviewers):
            where = f"reviewers[{position}]"
            if not isinstance(reviewer, dict) or "id" not in reviewer or "capacity" not in reviewer:
                raise InvalidInstance(f'{where}: expected {{"id": ..., "capacity": ...}}')
            extra = sorted(set(reviewer) - {"id", "capacity"})
            if extra:
                raise InvalidInstance(f"{where}: unknown key(s): {', '.join(extra)}")
            capacity = reviewer["capacity"]
            if not _is_int(capacity):
                raise InvalidInstance(f"{where}: the capacity must be a whole number")
            if capacity < 0:
                raise InvalidInstance(
                    f"reviewer {reviewer['id']!r}: the capacity must not be negative"
                )
            reviewer_ids.append(reviewer["id"])
            capacities.append(capacity)
        _check_ids(reviewer_ids, "reviewer")
        k = _check_k(data["reviews_per_application"])

        n, r = len(applications), len(reviewer_ids)
        app_index = {_key(a): i for i, a in enumerate(applications)}
        rev_index = {_key(x): j for j, x in enumerate(reviewer_ids)}

        def pairs(key: str, width: int) -> tuple[np.ndarray, np.ndarray, list]:
            value = data.get(key, [])
            if not isinstance(value, list):
                raise InvalidInstance(f'"{key}" must be a list')
            rows = np.empty(len(value), dtype=np.int64)
            cols = np.empty(len(value), dtype=np.int64)
            numbers = []
            for position, item in enumerate(value):
                if not isinstance(item, list | tuple) or len(item) != width:
                    shape = (
                        "[application_id, reviewer_id, number]"
                        if width == 3
                        else "[application_id, reviewer_id]"
                    )
                    raise InvalidInstance(f"{key}[{position}]: expected {shape}")
                try:
                    rows[position] = app_index[_key(item[0])]
                except (KeyError, TypeError):
                    raise InvalidInstance(
                        f"{key}[{position}]: unknown application {item[0]!r}"
                    ) from None
                try:
                    cols[position] = rev_index[_key(item[1])]
                except (KeyError, TypeError):
                    raise InvalidInstance(
                        f"{key}[{position}]: unknown reviewer {item[1]!r}"
                    ) from None
                if width == 3:
                    number = item[2]
                    if not _is_number(number) or not math.isfinite(number):
                        raise InvalidInstance(
                            f"{key}[{position}]: the affinity must be a finite number"
                        )
                    numbers.append(number)
            return rows, cols, numbers

        affinity = np.zeros((n, r), dtype=np.float64)
        rows, cols, numbers = pairs("affinity", 3)
        if len(rows):
            linear = rows * r + cols
            counts = np.bincount(linear, minlength=n * r)
            if counts.max() > 1:
                twice = int(np.flatnonzero(counts > 1)[0])
                raise InvalidInstance(
                    f"affinity: the pair [{applications[twice // r]!r}, "
                    f"{reviewer_ids[twice % r]!r}] is given more than once"
                )
            affinity[rows, cols] = np.asarray(numbers, dtype=np.float64)
        conflict = np.zeros((n, r), dtype=bool)
        forced = np.zeros((n, r), dtype=bool)
        for key, target in (
            ("conflicts", conflict),
            ("forbidden", conflict),
            ("forced", forced),
            ("started", forced),
        ):
            rows, cols, _ = pairs(key, 2)
            target[rows, cols] = True
        return cls(
            list(applications),
            reviewer_ids,
            np.asarray(capacities, dtype=np.int64).reshape(r),
            k,
            affinity,
            conflict,
            forced,
        )


@dataclass
class Result:
    status: str  # "optimal" or "infeasible"
    assignment: list  # [[application_id, reviewer_id], ...]; empty when infeasible
    objective: float | None  # total affinity of `assignment` (original floats)
    message: str
    loads: list  # [[reviewer_id, reviews], ...] of the assignment (or the partial one)
    diagnostics: dict
    partial_assignment: list | None = None
    partial_objective: float | None = None
    solver: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        data = {
            "status": self.status,
            "assignment": self.assignment,
            "objective": self.objective,
            "message": self.message,
            "loads": self.loads,
            "diagnostics": self.diagnostics,
        }
        if self.status != "optimal":
            data["partial_assignment"] = self.partial_assignment
            data["partial_objective"] = self.partial_objective
        data["solver"] = self.solver
        return data


def solve_json(data: Any, balance: bool = True) -> dict:
    """Solve a JSON instance (parsed) and return the JSON result; InvalidInstance if malformed."""
    return solve(Instance.from_json(data), balance=balance).to_json()


def solve(instance: Instance, balance: bool = True) -> Result:
    """The assignment of maximal total affinity, then of most even load; see the module doc."""
    started = time.perf_counter()
    n, r = instance.shape
    k = instance.reviews_per_application
    cap = instance.capacities
    apps, revs = instance.application_ids, instance.reviewer_ids

    diagnostics = _diagnose(instance)
    forced, dropped = _sanitise_forced(instance)
    diagnostics["forced_dropped"] = [[apps[a], revs[b]] for a, b in dropped]

    forced_per_app = forced.sum(axis=1, dtype=np.int64)
    forced_per_rev = forced.sum(axis=0, dtype=np.int64)
    demand = k - forced_per_app  # >= 0 after sanitising
    room = cap - forced_per_rev  # >= 0 after sanitising

    flow = _FlowModel(instance, forced, demand, room, forced_per_rev, balance)
    chosen = flow.solve()  # (app index, reviewer index) arrays of the free pairs chosen

    assigned = forced.copy()
    assigned[chosen[0], chosen[1]] = True
    covered = assigned.sum(axis=1, dtype=np.int64)
    loads = assigned.sum(axis=0, dtype=np.int64)
    a_idx, r_idx = np.nonzero(assigned)  # row-major: by application, then reviewer order
    pairs = [[apps[a], revs[b]] for a, b in zip(a_idx.tolist(), r_idx.tolist(), strict=True)]
    total = float(instance.affinity[a_idx, r_idx].sum()) if len(a_idx) else 0.0
    needed = n * k
    missing = needed - int(covered.sum())

    infeasible = missing > 0 or _has_problems(diagnostics)
    if missing > 0:
        cut_apps, cut_revs = flow.bottleneck(assigned)
        diagnostics["bottleneck"] = {
            "applications": [apps[a] for a in cut_apps],
            "reviewers": [revs[b] for b in cut_revs],
            "reviews_needed": k * len(cut_apps),
            "reviews_possible": int(covered[cut_apps].sum()),
            "missing": int(k * len(cut_apps) - covered[cut_apps].sum()),
        }
    diagnostics["reviews_needed"] = needed
    diagnostics["reviews_assigned"] = needed - missing
    diagnostics["reviews_missing"] = missing
    diagnostics["unmet"] = [[apps[a], int(k - covered[a])] for a in np.flatnonzero(covered < k)]

    solver_info = {
        "name": "OR-Tools SimpleMinCostFlow (max flow, then min cost)",
        "affinity_decimals": flow.decimals,
        # The result is optimal for the affinities rounded to `affinity_decimals`; the float
        # optimum can exceed `objective` by at most this much (docs/assignment.md, precision).
        "objective_tolerance": float(flow.free_pairs * 10.0 ** (-flow.decimals))
        if flow.free_pairs
        else 0.0,
        "balancing": flow.balancing,
        "arcs": flow.num_arcs,
        "seconds": round(time.perf_counter() - started, 3),
        "seconds_building_arcs": round(flow.seconds[0], 3),
        "seconds_in_solver": round(flow.seconds[1], 3),
    }
    load_list = [[revs[b], int(loads[b])] for b in range(r)]
    if not infeasible:
        return Result(
            status="optimal",
            assignment=pairs,
            objective=total,
            message=(
                f"Optimal: {len(pairs)} reviews for {n} applications "
                f"({k} each) by {int((loads > 0).sum())} reviewers, "
                f"total affinity {total:.6g}."
            ),
            loads=load_list,
            diagnostics=diagnostics,
            solver=solver_info,
        )
    return Result(
        status="infeasible",
        assignment=[],
        objective=None,
        message=_explain(diagnostics, k),
        loads=load_list,
        diagnostics=diagnostics,
        partial_assignment=pairs,
        partial_objective=total,
        solver=solver_info,
    )


def check_assignment(instance: Instance, pairs: list) -> list[str]:
    """Every way `pairs` breaks the constraints of `instance` (empty if it breaks none).

    Written independently of the solver, with plain Python, so that a result can be checked
    by someone who does not trust the flow model.
    """
    k = instance.reviews_per_application
    app_index = {_key(a): i for i, a in enumerate(instance.application_ids)}
    rev_index = {_key(x): j for j, x in enumerate(instance.reviewer_ids)}
    problems = []
    seen = set()
    per_app = [0] * len(app_index)
    per_rev = [0] * len(rev_index)
    for a, x in pairs:
        if _key(a) not in app_index or _key(x) not in rev_index:
            problems.append(f"unknown pair {[a, x]!r}")
            continue
        i, j = app_index[_key(a)], rev_index[_key(x)]
        if (i, j) in seen:
            problems.append(f"pair {[a, x]!r} assigned twice")
            continue
        seen.add((i, j))
        per_app[i] += 1
        per_rev[j] += 1
        if instance.conflict[i, j]:
            problems.append(f"pair {[a, x]!r} is in conflict")
    for i, count in enumerate(per_app):
        if count != k:
            problems.append(f"application {instance.application_ids[i]!r} has {count} reviewers")
    for j, count in enumerate(per_rev):
        if count > instance.capacities[j]:
            problems.append(
                f"reviewer {instance.reviewer_ids[j]!r} has {count} reviews "
                f"for a capacity of {int(instance.capacities[j])}"
            )
    for i, j in zip(*np.nonzero(instance.forced), strict=True):
        if (int(i), int(j)) not in seen:
            problems.append(
                f"forced pair {[instance.application_ids[i], instance.reviewer_ids[j]]!r} missing"
            )
    return problems


# -- the flow model ---------------------------------------------------------------------------


class _FlowModel:
    """Nodes: applications 0..N-1 (supply = reviews still needed), reviewers N..N+R-1, sink N+R.

    Arcs: application -> reviewer, capacity 1, for every allowed pair that is not already
    forced; reviewer -> sink, one arc of capacity 1 per possible extra review, the j-th review
    of the reviewer costing j (a convex cost: sum of squared loads, halved).
    """

    def __init__(self, instance, forced, demand, room, forced_per_rev, balance):
        n, r = instance.shape
        self.n, self.r = n, r
        self.conflict = instance.conflict
        usable = ~instance.conflict & ~forced
        usable &= (demand > 0)[:, None]
        usable &= (room > 0)[None, :]
        linear = np.flatnonzero(usable)  # row-major, so grouped by application
        del usable
        self.tails = (linear // r).astype(np.int32)
        self.heads = (linear % r).astype(np.int32)
        self.values = instance.affinity.reshape(-1)[linear]
        del linear
        self.demand = demand
        self.room = room
        self.free_pairs = int(demand.sum())
        self.num_arcs = 0
        self.seconds = (0.0, 0.0)  # building the network, solving it

        # Extra reviews a reviewer can take: no more than their room, their arcs, the demand.
        arcs_per_rev = np.bincount(self.heads, minlength=r).astype(np.int64)
        self.levels = np.minimum(np.minimum(room, arcs_per_rev), self.free_pairs)
        first = forced_per_rev.astype(np.int64)
        last = first + self.levels
        # The balancing cost of a reviewer with load L is sum_{j<=L} j; its largest total
        # over the loads the network allows bounds every difference between two solutions.
        balancing_max = int(((last * (last + 1) - first * (first + 1)) // 2).sum())
        self.first_level = first
        n_nodes = n + r + 1
        self.limit = _INT64_MAX // (2 * (n_nodes + 3)) // _SAFETY
        self.multiplier = balancing_max + 1
        if balance and self.limit // self.multiplier >= 10**_MIN_AFFINITY_DIGITS:
            self.balancing = "sum of squared loads, secondary to affinity"
        else:
            self.multiplier = 1
            self.balancing = "off" if not balance else "off (too many load levels)"
        largest = float(np.abs(self.values).max()) if len(self.values) else 0.0
        if largest == 0.0:
            self.decimals = MAX_DECIMALS
        else:
            room_for = self.limit / (self.multiplier * largest)
            self.decimals = min(MAX_DECIMALS, math.floor(math.log10(room_for)))

    def _build(self, decimals):
        from ortools.graph.python import min_cost_flow  # noqa: PLC0415 (slow import)

        n, r = self.n, self.r
        sink = n + r
        scale = 10.0**decimals
        q = np.rint(self.values * scale).astype(np.int64)
        while len(q) and int(np.abs(q).max()) * self.multiplier > self.limit:
            decimals -= 1  # float rounding at the edge of the range
            scale = 10.0**decimals
            q = np.rint(self.values * scale).astype(np.int64)
        self.decimals = decimals
        costs = q
        costs *= -self.multiplier  # in place: maximise affinity first

        if self.balancing.startswith("off"):
            level_rev = np.flatnonzero(self.levels > 0)
            level_caps = self.levels[level_rev]
            level_costs = np.zeros(len(level_rev), dtype=np.int64)
        else:
            level_rev = np.repeat(np.arange(r, dtype=np.int64), self.levels)
            starts = np.cumsum(self.levels) - self.levels
            offset = np.arange(len(level_rev), dtype=np.int64) - np.repeat(starts, self.levels)
            level_costs = self.first_level[level_rev] + offset + 1
            level_caps = np.ones(len(level_rev), dtype=np.int64)

        network = min_cost_flow.SimpleMinCostFlow()
        network.add_arcs_with_capacity_and_unit_cost(
            self.tails, (self.heads + n).astype(np.int32), np.ones(len(q), dtype=np.int64), costs
        )
        del costs, q
        network.add_arcs_with_capacity_and_unit_cost(
            (level_rev + n).astype(np.int32),
            np.full(len(level_rev), sink, dtype=np.int32),
            level_caps,
            level_costs,
        )
        supplies = np.zeros(n + r + 1, dtype=np.int64)
        supplies[:n] = self.demand
        supplies[sink] = -self.free_pairs
        network.set_nodes_supplies(np.arange(n + r + 1, dtype=np.int32), supplies)
        self.num_arcs = len(self.tails) + len(level_rev)
        return network

    def solve(self):
        from ortools.graph.python import min_cost_flow  # noqa: PLC0415 (slow import)

        status_type = min_cost_flow.SimpleMinCostFlow
        if self.free_pairs == 0 or len(self.tails) == 0:
            self.flows = np.zeros(len(self.tails), dtype=np.int64)
            return self.tails[:0], self.heads[:0]
        decimals = self.decimals
        for _attempt in range(4):
            started = time.perf_counter()
            network = self._build(decimals)
            built = time.perf_counter()
            status = network.solve_max_flow_with_min_cost()
            self.seconds = (built - started, time.perf_counter() - built)
            if status == status_type.OPTIMAL:
                break
            if status != status_type.BAD_COST_RANGE:
                raise RuntimeError(f"the min-cost flow solver failed: {status}")
            decimals = self.decimals - 3  # overflow detected by OR-Tools: retry coarser
        else:
            raise RuntimeError("the min-cost flow solver failed: costs out of range")
        self.flows = network.flows(np.arange(len(self.tails), dtype=np.int32))
        del network
        chosen = self.flows > 0
        return self.tails[chosen], self.heads[chosen]

    def bottleneck(self, assigned):
        """A set of applications that cannot get more reviewers, from a minimum cut.

        Starting from the applications still short, follow the residual network: to a reviewer
        by an unused allowed pair, back to an application by a used pair. Every reviewer
        reached is full (otherwise the flow would not be maximal), so the applications reached
        need more reviews than these reviewers can give them, however reviews are moved.
        """
        n, r = self.n, self.r
        flow_out = np.bincount(self.tails[self.flows > 0], minlength=n)
        short = flow_out < self.demand
        in_apps = short.copy()
        in_revs = np.zeros(r, dtype=bool)
        # Unused arcs grouped by application (the arcs are in application order).
        unused = self.flows == 0
        unused_tails, unused_heads = self.tails[unused], self.heads[unused]
        offsets = np.searchsorted(unused_tails, np.arange(n + 1))
        used = ~unused
        used_tails, used_heads = self.tails[used], self.heads[used]
        frontier = np.flatnonzero(in_apps)
        while len(frontier):
            starts, ends = offsets[frontier], offsets[frontier + 1]
            lengths = ends - starts
            index = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(
                lengths.sum()
            )
            reached = np.unique(unused_heads[index])
            new_revs = reached[~in_revs[reached]]
            in_revs[new_revs] = True
            back = used_tails[in_revs[used_heads]]
            new_apps = np.unique(back[~in_apps[back]])
            in_apps[new_apps] = True
            frontier = new_apps
        # Reviewers left out of the network because forced reviews already fill them.
        in_revs |= (self.room == 0) & (~self.conflict[in_apps] & ~assigned[in_apps]).any(axis=0)
        return np.flatnonzero(in_apps), np.flatnonzero(in_revs)


# -- diagnostics ------------------------------------------------------------------------------


def _diagnose(instance: Instance) -> dict:
    """What makes the instance infeasible on its face, before any flow is computed."""
    n = instance.shape[0]
    k = instance.reviews_per_application
    apps, revs = instance.application_ids, instance.reviewer_ids
    cap = instance.capacities
    allowed = ~instance.conflict
    eligible = (allowed & (cap > 0)[None, :]).sum(axis=1, dtype=np.int64)
    lacking = [
        {"application": apps[a], "eligible": int(eligible[a]), "needed": k,
         "missing": int(k - eligible[a])}
        for a in np.flatnonzero(eligible < k)
    ]  # fmt: skip
    total = int(cap.sum())
    bad_forced = instance.forced & instance.conflict
    forced_per_app = instance.forced.sum(axis=1, dtype=np.int64)
    forced_per_rev = instance.forced.sum(axis=0, dtype=np.int64)
    return {
        "applications_lacking_reviewers": lacking,
        "capacity": {
            "total": total,
            "needed": n * k,
            "missing": max(0, n * k - total),
        },
        "forced_conflicts": [
            [apps[a], revs[b]] for a, b in zip(*np.nonzero(bad_forced), strict=True)
        ],
        "forced_over_reviews": [
            {"application": apps[a], "forced": int(forced_per_app[a]), "reviews_per_application": k}
            for a in np.flatnonzero(forced_per_app > k)
        ],
        "forced_over_capacity": [
            {"reviewer": revs[b], "forced": int(forced_per_rev[b]), "capacity": int(cap[b])}
            for b in np.flatnonzero(forced_per_rev > cap)
        ],
        "bottleneck": None,
    }


def _has_problems(diagnostics: dict) -> bool:
    return bool(
        diagnostics["applications_lacking_reviewers"]
        or diagnostics["capacity"]["missing"]
        or diagnostics["forced_conflicts"]
        or diagnostics["forced_over_reviews"]
        or diagnostics["forced_over_capacity"]
    )


def _sanitise_forced(instance: Instance) -> tuple[np.ndarray, list]:
    """The forced pairs that can be kept together: without conflicts, at most k per application
    and at most the capacity per reviewer, the pairs of higher affinity kept first."""
    k = instance.reviews_per_application
    forced = instance.forced & ~instance.conflict
    dropped = list(zip(*np.nonzero(instance.forced & instance.conflict), strict=True))
    for axis, limit in ((1, np.full(instance.shape[0], k)), (0, instance.capacities)):
        counts = forced.sum(axis=axis, dtype=np.int64)
        for line in np.flatnonzero(counts > limit):
            mask = forced[line, :] if axis == 1 else forced[:, line]
            others = np.flatnonzero(mask)
            values = (
                instance.affinity[line, others] if axis == 1 else instance.affinity[others, line]
            )
            order = others[np.argsort(-values, kind="stable")]
            for other in order[int(limit[line]) :]:
                pair = (line, other) if axis == 1 else (other, line)
                forced[pair] = False
                dropped.append(pair)
    return forced, [(int(a), int(b)) for a, b in dropped]


def _explain(diagnostics: dict, k: int) -> str:
    parts = []
    lacking = diagnostics["applications_lacking_reviewers"]
    if lacking:
        listed = ", ".join(
            f"{item['application']!r} ({item['eligible']} eligible)" for item in lacking[:10]
        )
        more = f" and {len(lacking) - 10} more" if len(lacking) > 10 else ""
        parts.append(
            f"{len(lacking)} application(s) have fewer than {k} eligible reviewers: {listed}{more}"
        )
    capacity = diagnostics["capacity"]
    if capacity["missing"]:
        parts.append(
            f"the reviewers' total capacity is {capacity['total']}, "
            f"{capacity['missing']} short of the {capacity['needed']} reviews needed"
        )
    for key, label in (
        ("forced_conflicts", "forced pair(s) in conflict"),
        ("forced_over_reviews", f"application(s) with more than {k} forced reviewers"),
        ("forced_over_capacity", "reviewer(s) with more forced reviews than their capacity"),
    ):
        if diagnostics[key]:
            parts.append(f"{len(diagnostics[key])} {label}")
    bottleneck = diagnostics.get("bottleneck")
    if bottleneck and not lacking and not capacity["missing"]:
        parts.append(
            f"{len(bottleneck['applications'])} application(s) compete for "
            f"{len(bottleneck['reviewers'])} eligible reviewer(s) who are all full: "
            f"{bottleneck['missing']} review(s) missing among them"
        )
    missing = diagnostics["reviews_missing"]
    coverage = (
        f"; the partial assignment covers {diagnostics['reviews_assigned']} of "
        f"{diagnostics['reviews_needed']} reviews ({missing} missing)"
    )
    return "Infeasible: " + "; ".join(parts) + coverage + "."


# -- small helpers ----------------------------------------------------------------------------


def _is_int(value) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _plain(value):
    return int(value) if isinstance(value, np.integer) else value


def _key(value):
    # JSON's 1 and "1" are different ids; a bool is not an id (True == 1 in a dict).
    if isinstance(value, bool) or not isinstance(value, int | str | np.integer):
        raise TypeError(value)
    return (type(value) is str, value)


def _check_ids(ids: list, kind: str) -> None:
    seen = set()
    for id_ in ids:
        try:
            key = _key(id_)
        except TypeError:
            raise InvalidInstance(f"{kind} id {id_!r}: ids must be integers or strings") from None
        if key in seen:
            raise InvalidInstance(f"{kind} id {id_!r} is given more than once")
        seen.add(key)


def _check_k(k) -> int:
    if not _is_int(k) or k < 1:
        raise InvalidInstance(f"reviews_per_application must be a whole number >= 1, not {k!r}")
    return int(k)
