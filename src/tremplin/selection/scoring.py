"""The weighted score of a review, from its criterion scores, weights and scales (no Django).

Each criterion i has a weight w_i >= 0 and a scale [min_i, max_i]; a reviewer gives it a score
v_i in that scale. Criteria with different scales are made comparable by normalising each
score to [0, 1]:

    u_i = (v_i - min_i) / (max_i - min_i)

The review's normalised score is the weighted mean of the normalised scores of the criteria it
scored:

    n = sum(w_i * u_i) / sum(w_i)

(when every weight is 0, the plain mean of the u_i: each criterion then counts the same).
The score stored and shown is n placed on the scale of the review form:

    score = S_min + n * (S_max - S_min)

where [S_min, S_max] is the scale that every criterion of the form shares (0 to 5 by default),
or [0, 10] when the criteria do not all have the same scale, rounded to 6 decimal places. With
one shared scale the score is therefore the plain weighted mean of the scores as typed (4 and 2
with weights 3 and 1 give 3.5).
A criterion added to the form after a review was submitted does not count for that review until
its reviewer scores it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

MIXED_SCALE = (0, 10)
ROUNDING = 6  # decimal places of a stored score


@dataclass(frozen=True)
class Criterion:
    """What the score needs of a review criterion."""

    id: int
    weight: float | Decimal
    scale_min: int
    scale_max: int

    def normalised(self, value: float) -> float:
        if self.scale_max <= self.scale_min:
            raise ValueError(f"criterion {self.id}: empty scale {self.scale_min}..{self.scale_max}")
        if not self.scale_min <= value <= self.scale_max:
            raise ValueError(
                f"criterion {self.id}: {value} is outside {self.scale_min}..{self.scale_max}"
            )
        return (value - self.scale_min) / (self.scale_max - self.scale_min)


def as_criterion(item) -> Criterion:
    """A Criterion from anything with id (or pk), weight, scale_min and scale_max."""
    if isinstance(item, Criterion):
        return item
    identifier = getattr(item, "id", None)
    if identifier is None:
        identifier = item.pk
    return Criterion(identifier, item.weight, item.scale_min, item.scale_max)


def form_scale(criteria: Iterable) -> tuple[int, int]:
    """The scale a review's score is shown on: the criteria's own when they all share one,
    otherwise 0 to 10."""
    scales = {(c.scale_min, c.scale_max) for c in map(as_criterion, criteria)}
    if len(scales) == 1:
        return scales.pop()
    return MIXED_SCALE


def normalised_score(values: Mapping[int, float], criteria: Iterable) -> float | None:
    """The weighted mean in [0, 1] of the normalised scores, over the criteria scored in
    `values` ({criterion id: score}); None when no criterion of `criteria` is scored."""
    total = 0.0
    weights = 0.0
    plain = []
    for criterion in map(as_criterion, criteria):
        value = values.get(criterion.id)
        if value is None:
            continue
        weight = float(criterion.weight)
        if weight < 0:
            raise ValueError(f"criterion {criterion.id}: negative weight {weight}")
        normalised = criterion.normalised(value)
        plain.append(normalised)
        total += weight * normalised
        weights += weight
    if not plain:
        return None
    if weights == 0:
        return sum(plain) / len(plain)
    return total / weights


def weighted_score(values: Mapping[int, float], criteria: Iterable) -> float | None:
    """The review's score on the form's scale (see the module's docstring); None when no
    criterion is scored."""
    criteria = [as_criterion(c) for c in criteria]
    normalised = normalised_score(values, criteria)
    if normalised is None:
        return None
    low, high = form_scale(criteria)
    # Rounded so that 4 and 2 weighted 3 and 1 give 3.5, not 3.5000000000000004.
    return round(low + normalised * (high - low), ROUNDING)
