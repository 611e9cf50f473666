"""The calibration model (selection/calibration.py), on synthetic data: it recovers known
severities and scales, gives intervals that cover, and refuses data that cannot support it."""

from __future__ import annotations

import numpy as np
import pytest

from tremplin.selection import calibration as cal
from tremplin.selection.calibration import Review


def synthetic(alpha, beta, *, applications=120, per_application=4, noise=0.05, seed=1):
    """Reviews of `applications` with true scores in [1, 4], each by `per_application`
    reviewers drawn at random, with reviewer r scoring c + alpha[r] + beta[r] * (theta - c)
    plus a normal noise."""
    rng = np.random.default_rng(seed)
    theta = rng.uniform(1, 4, applications)
    reviewers = len(alpha)
    centre = 2.5
    reviews = []
    for a in range(applications):
        for r in rng.choice(reviewers, per_application, replace=False):
            score = centre + alpha[r] + beta[r] * (theta[a] - centre) + rng.normal(0, noise)
            reviews.append(Review(f"r{r}", a, float(score)))
    return theta, reviews


def normalised(alpha, beta, counts, reviews):
    """The true parameters as the model states them: around the mean c of the scores rather
    than 2.5 (alpha + (2.5 - c) * (1 - beta)), under its constraints (weighted means 0, 1)."""
    centre = np.mean([review.score for review in reviews])
    alpha = alpha + (2.5 - centre) * (1 - beta)
    weights = np.asarray(counts, dtype=float) / np.sum(counts)
    shift, stretch = weights @ alpha, weights @ beta
    return alpha - beta * shift / stretch, beta / stretch


def test_recovers_a_lenient_reviewer_and_one_who_doubles_the_spread():
    alpha = np.zeros(12)
    beta = np.ones(12)
    alpha[0] = 1.0  # adds a point to everything
    beta[1] = 2.0  # doubles the differences
    theta, reviews = synthetic(alpha, beta)
    result = cal.calibrate(reviews)
    assert result.supported and result.converged
    counts = [result.reviewers[f"r{r}"].count for r in range(12)]
    assert min(counts) >= 30
    true_alpha, true_beta = normalised(alpha, beta, counts, reviews)
    got_alpha = np.array([result.reviewers[f"r{r}"].alpha for r in range(12)])
    got_beta = np.array([result.reviewers[f"r{r}"].beta for r in range(12)])
    assert np.allclose(got_alpha, true_alpha, atol=0.06)
    assert np.allclose(got_beta, true_beta, atol=0.08)
    # Read plainly: the first adds about a point, the second about doubles the spread.
    others = np.r_[got_alpha[2:]].mean()
    assert got_alpha[0] - others == pytest.approx(1.0, abs=0.08)
    assert got_beta[1] / np.r_[got_beta[2:]].mean() == pytest.approx(2.0, abs=0.12)
    # The calibrated scores follow the true ones better than the raw means do.
    estimated = np.array([result.applications[a].theta for a in range(len(theta))])
    raw = cal.summarise(reviews)
    means = np.array([raw[a].mean for a in range(len(theta))])
    assert np.corrcoef(estimated, theta)[0, 1] > 0.999
    assert np.corrcoef(estimated, theta)[0, 1] > np.corrcoef(means, theta)[0, 1]
    # On the scale of the scores as given: the same mean as the reviews.
    assert estimated.mean() == pytest.approx(np.mean([r.score for r in reviews]), abs=0.05)


def test_exact_data_without_ridge_is_recovered_exactly():
    alpha = np.array([0.0, 0.5, -0.5, 0.2, 0.0, -0.2])
    beta = np.array([1.0, 1.5, 0.7, 1.0, 1.2, 0.6])
    _theta, reviews = synthetic(alpha, beta, applications=40, per_application=3, noise=0)
    result = cal.calibrate(reviews, ridge=0)
    counts = [result.reviewers[f"r{r}"].count for r in range(6)]
    true_alpha, true_beta = normalised(alpha, beta, counts, reviews)
    assert result.sigma == pytest.approx(0, abs=1e-6)
    for r in range(6):
        assert result.reviewers[f"r{r}"].alpha == pytest.approx(true_alpha[r], abs=1e-6)
        assert result.reviewers[f"r{r}"].beta == pytest.approx(true_beta[r], abs=1e-6)


def test_identical_reviewers_leave_the_scores_as_given():
    reviews = [
        Review(r, a, float(a) / 2 + 1)
        for a in range(8)
        for r in ("ana", "bruno", "chloe", "david")
        if (a + "abcd".index(r[0])) % 4 != 0  # each application by three of the four
    ]
    result = cal.calibrate(reviews)
    for a in range(8):
        assert result.applications[a].theta == pytest.approx(a / 2 + 1, abs=1e-9)
    for effect in result.reviewers.values():
        assert effect.alpha == pytest.approx(0, abs=1e-9)
        assert effect.beta == pytest.approx(1, abs=1e-9)


def test_intervals_cover_the_true_scores():
    alpha = np.array([0.3, -0.3, 0.0, 0.1, -0.1, 0.0, 0.2, -0.2])
    beta = np.ones(8)
    inside = total = 0
    widths = []
    for seed in range(20):
        theta, reviews = synthetic(
            alpha, beta, applications=60, per_application=3, noise=0.3, seed=seed
        )
        result = cal.calibrate(reviews)
        for a, value in enumerate(theta):
            score = result.applications[a]
            total += 1
            inside += score.low <= value <= score.high
            widths.append(score.high - score.low)
    assert 0.88 <= inside / total <= 0.99
    # About 2 * 1.96 * 0.3 / sqrt(3).
    assert np.mean(widths) == pytest.approx(2 * 1.97 * 0.3 / np.sqrt(3), rel=0.15)


def test_more_reviews_give_narrower_intervals():
    alpha = np.zeros(6)
    beta = np.ones(6)
    _t, reviews = synthetic(alpha, beta, applications=30, per_application=2, noise=0.3)
    extra = [
        Review(f"r{r}", 0, 2.5)
        for r in range(6)
        if (f"r{r}", 0) not in {(x.reviewer, x.application) for x in reviews}
    ]
    result = cal.calibrate(reviews + extra)
    assert result.applications[0].count == 6
    others = [result.applications[a].se for a in range(1, 30)]
    assert result.applications[0].se < min(others)


def test_refuses_disconnected_reviewers_and_names_the_components():
    reviews = []
    for a in range(4):
        for r in ("ana", "bruno"):
            reviews.append(Review(r, f"north-{a}", 3.0 + a / 4 + (r == "ana")))
        for r in ("chloe", "david"):
            reviews.append(Review(r, f"south-{a}", 2.0 + a / 3))
    result = cal.calibrate(reviews)
    assert result.status == cal.NOT_SUPPORTED
    assert not result.applications and not result.reviewers
    (reason,) = [r for r in result.reasons if r.code == cal.DISCONNECTED]
    groups = {component.reviewers: component.applications for component in reason.items}
    assert groups == {
        ("ana", "bruno"): tuple(f"north-{a}" for a in range(4)),
        ("chloe", "david"): tuple(f"south-{a}" for a in range(4)),
    }


def test_refuses_reviewers_and_applications_with_too_few_reviews():
    reviews = [Review(r, a, float(a + (r == "b"))) for a in range(5) for r in ("a", "b")]
    reviews.append(Review("c", 0, 2.0))
    reviews.append(Review("c", 1, 2.0))  # c has two reviews only
    reviews.append(Review("a", 5, 1.0))  # application 5 has one review only
    result = cal.calibrate(reviews, applications=list(range(7)))  # 6 has none
    assert result.status == cal.NOT_SUPPORTED
    reasons = {reason.code: reason for reason in result.reasons}
    assert reasons[cal.REVIEWER_TOO_FEW].items == (("c", 2),)
    assert reasons[cal.REVIEWER_TOO_FEW].needed == 3
    assert reasons[cal.APPLICATION_TOO_FEW].items == ((5, 1), (6, 0))
    assert reasons[cal.APPLICATION_TOO_FEW].needed == 2
    assert cal.DISCONNECTED not in reasons  # application 6 has no review: not in the graph


def test_refuses_no_reviews_no_variation_and_too_many_parameters():
    assert cal.calibrate([]).reasons[0].code == cal.NO_REVIEWS
    flat = [Review(r, a, 3.0) for a in range(6) for r in ("a", "b", "c")]
    assert [r.code for r in cal.calibrate(flat).reasons] == [cal.NO_VARIATION]
    # Three reviewers, each application reviewed twice: 6 reviews for 3 + 6 - 2 parameters.
    few = [Review("a", 1, 1.0), Review("b", 1, 2.0), Review("b", 2, 3.0), Review("c", 2, 2.0),
           Review("c", 3, 4.0), Review("a", 3, 3.0)]  # fmt: skip
    codes = [r.code for r in cal.calibrate(few, min_per_reviewer=2).reasons]
    assert codes == [cal.TOO_FEW_REVIEWS_FOR_PARAMETERS]


def test_one_review_per_reviewer_and_application():
    with pytest.raises(ValueError):
        cal.calibrate([Review("a", 1, 1.0), Review("a", 1, 2.0)])


def test_raw_summary_and_disagreement():
    reviews = [
        Review("a", "calm", 3.0), Review("b", "calm", 3.5), Review("c", "calm", 3.2),
        Review("a", "split", 1.0), Review("b", "split", 4.0),
        Review("a", "odd", 4.0), Review("b", "odd", 4.1), Review("c", "odd", 2.4),
    ]  # fmt: skip
    summary = cal.summarise(reviews, ["calm", "split", "odd", "none"], scale=(0, 5))
    calm = summary["calm"]
    assert (calm.count, calm.mean, calm.median) == (3, pytest.approx(3.2333, abs=1e-3), 3.2)
    assert calm.std == pytest.approx(0.2517, abs=1e-3) and calm.spread == pytest.approx(0.5)
    assert not calm.disagreement
    assert summary["split"].disagreement  # 3 points apart on a 5-point scale
    assert summary["split"].disagreement_reasons[0][0] == "range"
    odd = summary["odd"]
    assert ("outlier", "c", pytest.approx(1.65)) in odd.disagreement_reasons
    assert summary["none"].count == 0 and summary["none"].mean is None


@pytest.mark.parametrize(
    ("dof", "expected"), [(1, 12.706), (10, 2.228), (30, 2.042), (40, 2.021), (120, 1.980)]
)
def test_t_quantile(dof, expected):
    assert cal.t_quantile(0.95, dof) == pytest.approx(expected, abs=2e-3)
