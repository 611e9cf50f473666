"""The weighted score of a review (tremplin.selection.scoring): plain inputs, no database."""

from decimal import Decimal

import pytest

from tremplin.selection.scoring import (
    Criterion,
    form_scale,
    normalised_score,
    weighted_score,
)


def test_one_shared_scale_gives_the_weighted_mean_of_the_scores_as_typed():
    criteria = [Criterion(1, Decimal("3"), 0, 5), Criterion(2, Decimal("1"), 0, 5)]
    assert weighted_score({1: 4, 2: 2}, criteria) == 3.5
    assert form_scale(criteria) == (0, 5)


def test_equal_weights_give_the_plain_mean():
    criteria = [Criterion(i, 1, 0, 5) for i in range(5)]
    assert weighted_score({0: 5, 1: 4, 2: 3, 3: 2, 4: 1}, criteria) == 3.0


def test_a_shared_scale_not_starting_at_zero_stays_that_scale():
    criteria = [Criterion(1, 1, 1, 4), Criterion(2, 1, 1, 4)]
    assert form_scale(criteria) == (1, 4)
    assert weighted_score({1: 1, 2: 4}, criteria) == 2.5
    assert weighted_score({1: 1, 2: 1}, criteria) == 1


def test_criteria_on_different_scales_are_normalised_before_they_combine():
    # 3 out of 0..5 is 0.6; 16 out of 0..20 is 0.8; 1 out of 1..3 is 0.
    criteria = [Criterion(1, 2, 0, 5), Criterion(2, 1, 0, 20), Criterion(3, 1, 1, 3)]
    assert form_scale(criteria) == (0, 10)
    normalised = (2 * 0.6 + 1 * 0.8 + 1 * 0.0) / 4
    assert normalised_score({1: 3, 2: 16, 3: 1}, criteria) == pytest.approx(normalised)
    assert weighted_score({1: 3, 2: 16, 3: 1}, criteria) == pytest.approx(10 * normalised)


def test_a_wide_scale_does_not_outweigh_a_narrow_one():
    """Without normalisation, a 0..20 criterion would count four times a 0..5 one."""
    criteria = [Criterion(1, 1, 0, 5), Criterion(2, 1, 0, 20)]
    top_on_narrow = weighted_score({1: 5, 2: 0}, criteria)
    top_on_wide = weighted_score({1: 0, 2: 20}, criteria)
    assert top_on_narrow == top_on_wide == 5.0


def test_weights_change_the_balance():
    criteria = [Criterion(1, Decimal("0.5"), 0, 5), Criterion(2, Decimal("2"), 0, 10)]
    # u1 = 1, u2 = 0.5: (0.5 * 1 + 2 * 0.5) / 2.5 = 0.6
    assert weighted_score({1: 5, 2: 5}, criteria) == pytest.approx(6.0)


def test_extremes_map_to_the_ends_of_the_scale():
    criteria = [Criterion(1, 1, 0, 5), Criterion(2, 3, 1, 10)]
    assert weighted_score({1: 0, 2: 1}, criteria) == 0
    assert weighted_score({1: 5, 2: 10}, criteria) == 10


def test_a_weight_of_zero_does_not_count_and_all_zero_weights_count_equally():
    criteria = [Criterion(1, 0, 0, 5), Criterion(2, 1, 0, 5)]
    assert weighted_score({1: 0, 2: 4}, criteria) == 4
    zero = [Criterion(1, 0, 0, 5), Criterion(2, 0, 0, 5)]
    assert weighted_score({1: 0, 2: 4}, zero) == 2


def test_unscored_criteria_are_left_out_and_nothing_scored_gives_none():
    criteria = [Criterion(1, 1, 0, 5), Criterion(2, 3, 0, 5)]
    assert weighted_score({1: 2}, criteria) == 2
    assert weighted_score({1: 2, 2: None}, criteria) == 2
    assert weighted_score({}, criteria) is None


def test_a_score_outside_its_scale_or_a_negative_weight_is_refused():
    with pytest.raises(ValueError, match="outside"):
        weighted_score({1: 6}, [Criterion(1, 1, 0, 5)])
    with pytest.raises(ValueError, match="negative"):
        weighted_score({1: 3}, [Criterion(1, -1, 0, 5)])
    with pytest.raises(ValueError, match="empty scale"):
        weighted_score({1: 3}, [Criterion(1, 1, 3, 3)])


def test_objects_with_the_model_s_attributes_are_accepted():
    class Row:
        def __init__(self, pk, weight, low, high):
            self.pk, self.weight, self.scale_min, self.scale_max = pk, weight, low, high

    assert weighted_score({7: 5, 8: 0}, [Row(7, Decimal("1"), 0, 5), Row(8, 1, 0, 5)]) == 2.5
