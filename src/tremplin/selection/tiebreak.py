"""The inclusive tie-break of a ranking (plain Python, no Django; docs/selection.md, "Ranking
and inclusive tie-break").

At equal promise of impact, projects from under-represented regions and business lines rank
first (DOMAIN.md, Selection). "Equal promise" is a band around the selection line, chosen per
call: the applications whose calibrated score lies within a margin of the line, or whose
uncertainty interval contains the line. "Under-represented" compares counts in the portfolio
(past laureates of the programme plus this call's shortlisted and selected applications):
within the band, applications are ordered by the number of portfolio projects from their
region (fewest first), then by the number of portfolio projects of the least represented of
their business lines (fewest first), then in their calibrated order. Only band members move,
and only among the places the band holds; everything else keeps its place. Where
representativeness does not count (entrepreneur programmes) or the policy is "none", nothing
moves.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

NONE = "none"
MARGIN = "margin"
INTERVAL = "interval"
POLICIES = (NONE, MARGIN, INTERVAL)

# Outcome status: the tie-break was applied (maybe with no move), or why it was not.
APPLIED = "applied"
POLICY_NONE = "policy_none"
NOT_COUNTED = "not_counted"  # representativeness does not count for this programme
NO_LINE = "no_line"  # no place, or at least as many places as applications
NEEDS_INTERVAL = "needs_interval"  # the interval policy without intervals (no calibration)

# Which criterion put one application before another.
REGION = "region"
BUSINESS_LINE = "business_line"

_EPSILON = 1e-9


@dataclass(frozen=True)
class Candidate:
    """A ranked application: its score (calibrated), the interval of that score, its region
    code and business line codes."""

    id: Hashable
    score: float
    low: float | None = None
    high: float | None = None
    region: str | None = None
    business_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Priority:
    """How represented an application's region and business lines are in the portfolio.
    None: no region (or no business line) given, which gives no priority."""

    region: str | None
    region_count: int | None
    business_line: str | None  # the least represented of its lines
    business_line_count: int | None

    @property
    def key(self) -> tuple[float, float]:
        return (
            math.inf if self.region_count is None else self.region_count,
            math.inf if self.business_line_count is None else self.business_line_count,
        )


@dataclass(frozen=True)
class Overtake:
    """One application placed before another by the tie-break, and the criterion that decided
    (REGION: fewer portfolio projects from its region; BUSINESS_LINE: same region count,
    fewer from its least represented business line)."""

    ahead: Hashable
    behind: Hashable
    criterion: str


@dataclass(frozen=True)
class Move:
    id: Hashable
    before: int  # 1-based positions
    after: int
    priority: Priority
    overtook: tuple[Overtake, ...] = ()  # applications it now ranks before
    overtaken_by: tuple[Overtake, ...] = ()  # applications that now rank before it

    @property
    def places(self) -> int:
        """Places gained (negative: lost)."""
        return self.before - self.after


@dataclass
class Outcome:
    status: str
    policy: str
    order: list  # ids, after the tie-break
    before: list  # ids, as given
    places: int
    margin: float | None = None
    line_score: float | None = None
    band: list = field(default_factory=list)  # ids, in the order given
    moves: dict = field(default_factory=dict)  # id -> Move
    priorities: dict = field(default_factory=dict)  # id -> Priority (band members)

    @property
    def applied(self) -> bool:
        return self.status == APPLIED


def priority(
    candidate: Candidate, regions: Mapping[str, int], business_lines: Mapping[str, int]
) -> Priority:
    region_count = None if candidate.region is None else int(regions.get(candidate.region, 0))
    line, line_count = None, None
    for code in sorted(candidate.business_lines):
        count = int(business_lines.get(code, 0))
        if line_count is None or count < line_count:
            line, line_count = code, count
    return Priority(candidate.region, region_count, line, line_count)


def line_score(scores: Sequence[float], places: int) -> float | None:
    """The score of the selection line: halfway between the last application inside and the
    first outside. None when there is no line to draw."""
    if places <= 0 or places >= len(scores):
        return None
    return (scores[places - 1] + scores[places]) / 2


def tie_break(
    ranked: Sequence[Candidate],
    places: int,
    region_counts: Mapping[str, int],
    business_line_counts: Mapping[str, int],
    policy: str,
    margin: float = 0.0,
    representativeness_counts: bool = True,
) -> Outcome:
    """Reorder `ranked` (best first, scores not increasing) within the band of equal promise.
    `region_counts` and `business_line_counts` are the portfolio's counts (missing codes
    count 0)."""
    if policy not in POLICIES:
        raise ValueError(f"unknown tie-break policy {policy!r}")
    ranked = list(ranked)
    if any(later.score > earlier.score + _EPSILON for earlier, later in pairwise(ranked)):
        raise ValueError("candidates must be ranked by score, best first")
    ids = [candidate.id for candidate in ranked]
    outcome = Outcome(
        status=APPLIED,
        policy=policy,
        order=list(ids),
        before=list(ids),
        places=places,
        margin=margin if policy == MARGIN else None,
        line_score=line_score([c.score for c in ranked], places),
    )
    if not representativeness_counts:
        outcome.status = NOT_COUNTED
    elif policy == NONE:
        outcome.status = POLICY_NONE
    elif outcome.line_score is None:
        outcome.status = NO_LINE
    elif policy == INTERVAL and any(c.low is None or c.high is None for c in ranked):
        outcome.status = NEEDS_INTERVAL
    if not outcome.applied:
        return outcome

    line = outcome.line_score
    if policy == MARGIN:
        members = [i for i, c in enumerate(ranked) if abs(c.score - line) <= margin + _EPSILON]
    else:
        members = [i for i, c in enumerate(ranked) if c.low - _EPSILON <= line <= c.high + _EPSILON]
    outcome.band = [ids[i] for i in members]
    priorities = {ids[i]: priority(ranked[i], region_counts, business_line_counts) for i in members}
    outcome.priorities = priorities
    if len(members) < 2:
        return outcome

    # The band's members take the band's places, in priority order; ties keep their order.
    reordered = sorted(members, key=lambda i: (priorities[ids[i]].key, i))
    order = list(ids)
    for slot, index in zip(members, reordered, strict=True):
        order[slot] = ids[index]
    outcome.order = order

    old = {ids[i]: i for i in members}
    new = {application: position for position, application in enumerate(order)}
    for application in outcome.band:
        if new[application] == old[application]:
            continue
        overtook, overtaken_by = [], []
        for other in outcome.band:
            if other == application:
                continue
            if old[other] < old[application] and new[other] > new[application]:
                overtook.append(_overtake(application, other, priorities))
            elif old[other] > old[application] and new[other] < new[application]:
                overtaken_by.append(_overtake(other, application, priorities))
        outcome.moves[application] = Move(
            id=application,
            before=old[application] + 1,
            after=new[application] + 1,
            priority=priorities[application],
            overtook=tuple(sorted(overtook, key=lambda o: old[o.behind])),
            overtaken_by=tuple(sorted(overtaken_by, key=lambda o: old[o.ahead])),
        )
    return outcome


def _overtake(ahead, behind, priorities) -> Overtake:
    first, second = priorities[ahead].key, priorities[behind].key
    return Overtake(ahead, behind, REGION if first[0] < second[0] else BUSINESS_LINE)
