"""Ranking experimentation sites for a laureate project: business-line fit, region, remaining
capacity and willingness, each with its points so that the page can explain every rank.

Plain data in, plain data out (no Django): tremplin.network.queries feeds it.

Under-represented regions (DOMAIN.md: the entrepreneurs' experimentation sites should be more
representative of the network): a region is under-represented when its share of the
experiments so far is less than half its share of the network's sites. Until there are
MIN_EXPERIMENTS experiments, the laureate projects' regions are compared instead (the
portfolio itself under-represents some regions); with neither, no region is singled out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

LINE_POINTS = 50  # all the project's business lines found in the site
SAME_REGION_POINTS = {"intrapreneur": 20, "entrepreneur": 10}
UNDER_REPRESENTED_POINTS = 15  # entrepreneurs' programme only
CAPACITY_POINTS_PER_PLACE = 5
CAPACITY_POINTS_MAX = 15
FULL_POINTS = 0  # full sites are listed after those with a place free, whatever their points
UNWILLING_POINTS = 0  # sites not willing to host are listed last
MIN_EXPERIMENTS = 10
UNDER_REPRESENTED_RATIO = 0.5


@dataclass(frozen=True)
class ProjectProfile:
    region: int | None
    lines: frozenset[int]
    track: str  # "intrapreneur" or "entrepreneur"


@dataclass(frozen=True)
class SiteProfile:
    id: int
    region: int
    lines: frozenset[int]
    capacity: int
    occupied: int  # accepted and running experiments
    willing: bool

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.occupied, 0)


@dataclass(frozen=True)
class Reason:
    code: str  # lines, no_line, same_region, under_represented, capacity, full, unwilling
    points: int
    detail: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    site_id: int
    score: int
    remaining: int
    reasons: tuple[Reason, ...]
    tier: int = 0  # 0: willing with a place free; 1: full; 2: not willing to host


def under_represented_regions(
    sites_by_region: Mapping[int, int],
    experiments_by_region: Mapping[int, int],
    laureates_by_region: Mapping[int, int],
) -> set[int]:
    """The regions whose share of experiments (or, with too few experiments, of laureate
    projects) is under UNDER_REPRESENTED_RATIO times their share of the network's sites."""
    total_sites = sum(sites_by_region.values())
    if not total_sites:
        return set()
    counts = experiments_by_region
    if sum(experiments_by_region.values()) < MIN_EXPERIMENTS:
        counts = laureates_by_region
    total = sum(counts.values())
    if not total:
        return set()
    return {
        region
        for region, sites in sites_by_region.items()
        if sites and counts.get(region, 0) / total < UNDER_REPRESENTED_RATIO * sites / total_sites
    }


def score(project: ProjectProfile, site: SiteProfile, under_represented: set[int]) -> Suggestion:
    reasons = []
    shared = project.lines & site.lines
    if project.lines and shared:
        points = round(LINE_POINTS * len(shared) / len(project.lines))
        reasons.append(
            Reason("lines", points, {"shared": sorted(shared), "wanted": len(project.lines)})
        )
    else:
        reasons.append(Reason("no_line", 0))
    if project.region is not None and site.region == project.region:
        reasons.append(Reason("same_region", SAME_REGION_POINTS.get(project.track, 10)))
    if project.track == "entrepreneur" and site.region in under_represented:
        reasons.append(Reason("under_represented", UNDER_REPRESENTED_POINTS))
    remaining = site.remaining
    if remaining:
        points = min(CAPACITY_POINTS_PER_PLACE * remaining, CAPACITY_POINTS_MAX)
        reasons.append(Reason("capacity", points, {"remaining": remaining}))
    else:
        reasons.append(Reason("full", FULL_POINTS, {"capacity": site.capacity}))
    if not site.willing:
        reasons.append(Reason("unwilling", UNWILLING_POINTS))
    tier = 2 if not site.willing else (1 if not remaining else 0)
    return Suggestion(site.id, sum(r.points for r in reasons), remaining, tuple(reasons), tier)


def rank(
    project: ProjectProfile,
    sites: Iterable[SiteProfile],
    under_represented: set[int],
    *,
    exclude: Iterable[int] = (),
    limit: int | None = 20,
) -> list[Suggestion]:
    """The sites from best to worst: first the sites willing to host with a place free, then
    the full ones, then those not willing to host; by points within each. Ties keep the order `sites` came in (the caller gives
    them sorted by name), so a rank never depends on the database's whims."""
    excluded = set(exclude)
    scored = [score(project, site, under_represented) for site in sites if site.id not in excluded]
    ranked = sorted(scored, key=lambda s: (s.tier, -s.score, -s.remaining))
    return ranked if limit is None else ranked[:limit]
