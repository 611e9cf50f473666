"""Calibration of review scores: each reviewer's severity and scale, corrected by a least-squares
additive/multiplicative model fitted on every review of a call (plain Python and numpy, no
Django; docs/calibration.md gives the model, its constraints, its interval and a worked
example).

The model, for reviewer r and application a, with c the mean of all the scores:

    score[r, a] = c + alpha[r] + beta[r] * (theta[a] - c) + noise

theta[a] is the calibrated score of the application, on the scale of the scores as given;
alpha[r] is how many points reviewer r adds to an application of average score (their
leniency: negative for a severe reviewer), beta[r] how much they stretch the differences
between applications (2: they double them; 0.5: they halve them). The model is identified
up to a shift and a stretch of theta; the constraints fix both: the mean alpha is 0 and the
mean beta is 1, means over reviewers weighted by their number of reviews (the average review
is the reference). A small ridge penalty pulls each reviewer towards alpha = 0, beta = 1 with
the weight of RIDGE reviews, so that a reviewer with few reviews is not given an extreme
severity on little evidence. The fit alternates two exact least-squares steps (theta given
the reviewers; each reviewer's alpha and beta given theta) until theta stops moving.

The data must support it: reviewers and applications connected through reviews (one
component), every reviewer with at least MIN_REVIEWS_PER_REVIEWER reviews, every
application with at least MIN_REVIEWS_PER_APPLICATION, more reviews than parameters, scores
that vary. Otherwise `calibrate` returns the status NOT_SUPPORTED with its reasons, and no
numbers.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

CALIBRATED = "calibrated"
NOT_SUPPORTED = "not_supported"

MIN_REVIEWS_PER_REVIEWER = 3
MIN_REVIEWS_PER_APPLICATION = 2
# The weight, in reviews, of the prior alpha = 0, beta = 1 (see the module docstring).
RIDGE = 1.0
# A reviewer's beta is kept in this range: a reviewer whose scores do not follow the others'
# at all (beta near 0) or inverts them would otherwise swallow the applications' differences.
BETA_BOUNDS = (0.2, 5.0)
LEVEL = 0.95
MAX_ITERATIONS = 5000
TOLERANCE = 1e-9

# Disagreement: the reviews of an application are flagged for discussion when their range
# reaches this share of the scale, or when one review lies this share of the scale away from
# the median of the others while those others agree (their range at most half that distance).
DISAGREEMENT_RANGE = 0.4
OUTLIER_DISTANCE = 0.3

# Reasons why the data cannot support calibration (codes; the pages word them).
NO_REVIEWS = "no_reviews"
DISCONNECTED = "disconnected"
REVIEWER_TOO_FEW = "reviewer_too_few"
APPLICATION_TOO_FEW = "application_too_few"
TOO_FEW_REVIEWS_FOR_PARAMETERS = "too_few_reviews_for_parameters"
NO_VARIATION = "no_variation"

# Two-sided 97.5 % quantiles of Student's t for 1 to 30 degrees of freedom (a table, so that
# production needs numpy only); above 30 a Cornish-Fisher expansion is exact to 1e-3.
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


@dataclass(frozen=True)
class Review:
    reviewer: Hashable
    application: Hashable
    score: float


@dataclass(frozen=True)
class RawSummary:
    """What the reviews of one application say before any calibration."""

    count: int
    mean: float | None
    median: float | None
    std: float | None  # sample standard deviation (n - 1), None below two reviews
    low: float | None
    high: float | None
    disagreement: bool
    # Why it is flagged: ("range", the range) and/or ("outlier", reviewer, distance).
    disagreement_reasons: tuple = ()

    @property
    def spread(self) -> float | None:
        return None if self.low is None else self.high - self.low


@dataclass(frozen=True)
class CalibratedScore:
    theta: float
    se: float
    low: float
    high: float
    count: int


@dataclass(frozen=True)
class ReviewerEffect:
    alpha: float  # points added to an application of average score
    beta: float  # stretch of the differences between applications
    count: int
    at_bound: bool = False  # beta was held at BETA_BOUNDS


@dataclass(frozen=True)
class Component:
    reviewers: tuple
    applications: tuple


@dataclass(frozen=True)
class Reason:
    code: str
    # reviewer or application -> number of reviews (too few), or the components.
    items: tuple = ()
    needed: int | None = None


@dataclass
class Calibration:
    status: str
    reasons: list[Reason] = field(default_factory=list)
    components: list[Component] = field(default_factory=list)
    applications: dict = field(default_factory=dict)  # id -> CalibratedScore
    reviewers: dict = field(default_factory=dict)  # id -> ReviewerEffect
    centre: float | None = None  # c, the mean of all scores
    sigma: float | None = None  # residual standard deviation of one review
    degrees_of_freedom: int = 0
    level: float = LEVEL
    iterations: int = 0
    converged: bool = False

    @property
    def supported(self) -> bool:
        return self.status == CALIBRATED


# --- Raw statistics --------------------------------------------------------------------------


def summarise(
    reviews: Iterable[Review],
    applications: Iterable[Hashable] = (),
    scale: tuple[float, float] = (0.0, 5.0),
) -> dict:
    """Per application: number of reviews, mean, median, standard deviation, range, and the
    disagreement flag. Applications listed in `applications` without any review get an empty
    summary."""
    width = float(scale[1] - scale[0]) or 1.0
    by_application: dict = defaultdict(list)
    for review in reviews:
        by_application[review.application].append((review.reviewer, float(review.score)))
    result = {a: RawSummary(0, None, None, None, None, None, False) for a in applications}
    for application, pairs in by_application.items():
        scores = [score for _reviewer, score in pairs]
        count = len(scores)
        low, high = min(scores), max(scores)
        reasons = []
        if count >= 2 and high - low >= DISAGREEMENT_RANGE * width - 1e-12:
            reasons.append(("range", high - low))
        if count >= 3:
            for index, (reviewer, score) in enumerate(pairs):
                others = scores[:index] + scores[index + 1 :]
                distance = abs(score - statistics.median(others))
                agree = max(others) - min(others) <= distance / 2
                if distance >= OUTLIER_DISTANCE * width - 1e-12 and agree:
                    reasons.append(("outlier", reviewer, distance))
        mean = math.fsum(scores) / count
        std = None
        if count >= 2:
            std = math.sqrt(math.fsum((s - mean) ** 2 for s in scores) / (count - 1))
        result[application] = RawSummary(
            count=count,
            mean=mean,
            median=statistics.median(scores),
            std=std,
            low=low,
            high=high,
            disagreement=bool(reasons),
            disagreement_reasons=tuple(reasons),
        )
    return result


# --- Checks ----------------------------------------------------------------------------------


def components(reviews: Sequence[Review]) -> list[Component]:
    """The connected components of the bipartite graph of reviewers and applications (an edge per
    review), largest first."""
    parent: dict = {}

    def find(node):
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    for review in reviews:
        for node in (("r", review.reviewer), ("a", review.application)):
            parent.setdefault(node, node)
        left, right = find(("r", review.reviewer)), find(("a", review.application))
        if left != right:
            parent[left] = right
    groups: dict = defaultdict(lambda: ([], []))
    for node in parent:
        kind, key = node
        groups[find(node)][0 if kind == "r" else 1].append(key)
    result = [
        Component(tuple(sorted(r, key=_sort_key)), tuple(sorted(a, key=_sort_key)))
        for r, a in groups.values()
    ]
    return sorted(result, key=lambda c: (-len(c.applications) - len(c.reviewers), c.reviewers))


def _sort_key(value):
    return (str(type(value)), value) if isinstance(value, int | float | str) else (str(value),)


def check(
    reviews: Sequence[Review],
    applications: Iterable[Hashable] = (),
    min_per_reviewer: int = MIN_REVIEWS_PER_REVIEWER,
    min_per_application: int = MIN_REVIEWS_PER_APPLICATION,
) -> tuple[list[Reason], list[Component]]:
    """Why the data cannot support calibration (empty when it can), and the components."""
    if not reviews:
        return [Reason(NO_REVIEWS)], []
    reasons = []
    found = components(reviews)
    if len(found) > 1:
        reasons.append(Reason(DISCONNECTED, tuple(found)))
    per_reviewer: dict = defaultdict(int)
    per_application: dict = dict.fromkeys(applications, 0)
    for review in reviews:
        per_reviewer[review.reviewer] += 1
        per_application[review.application] = per_application.get(review.application, 0) + 1
    few = tuple(sorted(((r, n) for r, n in per_reviewer.items() if n < min_per_reviewer), key=_k))
    if few:
        reasons.append(Reason(REVIEWER_TOO_FEW, few, min_per_reviewer))
    few = tuple(
        sorted(((a, n) for a, n in per_application.items() if n < min_per_application), key=_k)
    )
    if few:
        reasons.append(Reason(APPLICATION_TOO_FEW, few, min_per_application))
    parameters = len(per_application) + 2 * len(per_reviewer) - 2
    if len(reviews) <= parameters:
        reasons.append(Reason(TOO_FEW_REVIEWS_FOR_PARAMETERS, (len(reviews), parameters)))
    scores = [review.score for review in reviews]
    if max(scores) - min(scores) <= 1e-12:
        reasons.append(Reason(NO_VARIATION))
    return reasons, found


def _k(pair):
    return _sort_key(pair[0])


# --- The fit ---------------------------------------------------------------------------------


def calibrate(
    reviews: Iterable[Review],
    applications: Iterable[Hashable] = (),
    *,
    min_per_reviewer: int = MIN_REVIEWS_PER_REVIEWER,
    min_per_application: int = MIN_REVIEWS_PER_APPLICATION,
    ridge: float = RIDGE,
    level: float = LEVEL,
) -> Calibration:
    """Fit the model on `reviews` (one per reviewer and application). `applications` lists
    every application that should be ranked, so that one without reviews is reported."""
    reviews = list(reviews)
    applications = list(applications)
    pairs = {(review.reviewer, review.application) for review in reviews}
    if len(pairs) != len(reviews):
        raise ValueError("one review per reviewer and application")
    reasons, found = check(reviews, applications, min_per_reviewer, min_per_application)
    if reasons:
        return Calibration(NOT_SUPPORTED, reasons=reasons, components=found, level=level)

    reviewer_ids = sorted({review.reviewer for review in reviews}, key=_sort_key)
    application_ids = sorted({review.application for review in reviews}, key=_sort_key)
    r_index = {key: i for i, key in enumerate(reviewer_ids)}
    a_index = {key: i for i, key in enumerate(application_ids)}
    r = np.fromiter((r_index[review.reviewer] for review in reviews), dtype=np.int64)
    a = np.fromiter((a_index[review.application] for review in reviews), dtype=np.int64)
    s = np.fromiter((review.score for review in reviews), dtype=np.float64)
    fit = _fit(r, a, s, len(reviewer_ids), len(application_ids), ridge)

    n_r = np.bincount(r, minlength=len(reviewer_ids))
    n_a = np.bincount(a, minlength=len(application_ids))
    residual = s - (fit.centre + fit.alpha[r] + fit.beta[r] * fit.u[a])
    dof = len(s) - (len(application_ids) + 2 * len(reviewer_ids) - 2)
    sigma = math.sqrt(float(residual @ residual) / dof)
    # Conditional on the reviewers' parameters, theta[a] is a weighted least-squares mean of
    # its reviews: its variance is sigma^2 / sum of beta^2 over its reviewers.
    information = np.bincount(a, weights=fit.beta[r] ** 2, minlength=len(application_ids))
    se = sigma / np.sqrt(information)
    quantile = t_quantile(level, dof)
    theta = fit.u + fit.centre
    return Calibration(
        CALIBRATED,
        components=found,
        applications={
            key: CalibratedScore(
                theta=float(theta[i]),
                se=float(se[i]),
                low=float(theta[i] - quantile * se[i]),
                high=float(theta[i] + quantile * se[i]),
                count=int(n_a[i]),
            )
            for key, i in a_index.items()
        },
        reviewers={
            key: ReviewerEffect(
                alpha=float(fit.alpha[i]),
                beta=float(fit.beta[i]),
                count=int(n_r[i]),
                at_bound=bool(fit.at_bound[i]),
            )
            for key, i in r_index.items()
        },
        centre=fit.centre,
        sigma=sigma,
        degrees_of_freedom=dof,
        level=level,
        iterations=fit.iterations,
        converged=fit.converged,
    )


@dataclass
class _Fit:
    centre: float
    u: np.ndarray  # theta - centre
    alpha: np.ndarray
    beta: np.ndarray
    at_bound: np.ndarray
    iterations: int
    converged: bool


def _fit(r, a, s, n_reviewers: int, n_applications: int, ridge: float) -> _Fit:
    """Alternating least squares. Each step is exact given the other block; after each round
    the gauge (shift and stretch of theta) is reset so that the weighted means of alpha and
    beta are 0 and 1, which leaves the fitted values unchanged."""
    centre = float(s.mean())
    y = s - centre
    n_r = np.bincount(r, minlength=n_reviewers).astype(np.float64)
    n_a = np.bincount(a, minlength=n_applications).astype(np.float64)
    weights = n_r / n_r.sum()
    u = previous = np.bincount(a, weights=y, minlength=n_applications) / n_a
    alpha = np.zeros(n_reviewers)
    beta = np.ones(n_reviewers)
    at_bound = np.zeros(n_reviewers, dtype=bool)
    low, high = BETA_BOUNDS
    converged = False
    iterations = 0
    while iterations < MAX_ITERATIONS:
        iterations += 1
        # Reviewers given theta: a ridge regression of y on u for each reviewer, penalised by
        # ridge * (alpha^2 + var(u) * (beta - 1)^2) (the second term in score units).
        x = u[a]
        k_alpha = ridge
        k_beta = ridge * max(float(np.var(x)), 1e-12)
        sx = np.bincount(r, weights=x, minlength=n_reviewers)
        sxx = np.bincount(r, weights=x * x, minlength=n_reviewers)
        sy = np.bincount(r, weights=y, minlength=n_reviewers)
        sxy = np.bincount(r, weights=x * y, minlength=n_reviewers)
        m11, m12, m22 = n_r + k_alpha, sx, sxx + k_beta
        b1, b2 = sy, sxy + k_beta
        det = m11 * m22 - m12 * m12
        beta = (m11 * b2 - m12 * b1) / det
        at_bound = (beta < low) | (beta > high)
        beta = np.clip(beta, low, high)
        alpha = (sy - beta * sx) / m11
        # Gauge: u' = b u + m with m, b the weighted means of alpha and beta.
        shift = float(weights @ alpha)
        stretch = float(weights @ beta)
        alpha = alpha - beta * shift / stretch
        beta = beta / stretch
        u = stretch * u + shift
        # Applications given the reviewers: weighted least squares of (y - alpha) / beta.
        numerator = np.bincount(a, weights=beta[r] * (y - alpha[r]), minlength=n_applications)
        denominator = np.bincount(a, weights=beta[r] ** 2, minlength=n_applications)
        new_u = numerator / denominator
        # Compared with the previous round's theta: the gauge reset moves u within a round.
        change = float(np.max(np.abs(new_u - previous)))
        u = previous = new_u
        if change < TOLERANCE * max(1.0, float(np.max(np.abs(y)))):
            converged = True
            break
    return _Fit(centre, u, alpha, beta, at_bound, iterations, converged)


def t_quantile(level: float, dof: int) -> float:
    """The two-sided `level` quantile of Student's t with `dof` degrees of freedom."""
    z = statistics.NormalDist().inv_cdf(0.5 + level / 2)
    if abs(level - 0.95) < 1e-12 and dof <= len(_T975):
        return _T975[dof - 1]
    # Cornish-Fisher expansion of t around the normal quantile.
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    return z + g1 / dof + g2 / dof**2 + g3 / dof**3
