"""The scoring maths: progress clamps to [0, 1], the objective score is the exact weighted mean, zones."""

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from okrs import scoring

values = st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
fractions = st.decimals(min_value=0, max_value=1, places=4)
weights = st.decimals(min_value=Decimal("0.01"), max_value=100, places=2)


@given(start=values, target=values, current=values, kind=st.sampled_from(["increase_to", "decrease_to", "milestone"]))
def test_progress_is_always_between_zero_and_one(start, target, current, kind):
    assume(start != target)
    assert 0 <= scoring.progress(kind, start, target, current) <= 1


@given(start=values, target=values, current=values)
def test_progress_is_the_clamped_share_of_the_way_from_start_to_target(start, target, current):
    assume(start != target)
    expected = min(Decimal(1), max(Decimal(0), (current - start) / (target - start)))
    assert abs(scoring.progress("increase_to", start, target, current) - expected) <= Decimal("0.00005")


def test_progress_counts_a_decrease_the_same_way():
    assert scoring.progress("decrease_to", 100, 40, 70) == Decimal("0.5")
    assert scoring.progress("decrease_to", 100, 40, 120) == 0
    assert scoring.progress("decrease_to", 100, 40, 10) == 1


def test_a_boolean_key_result_is_zero_or_one():
    assert scoring.progress("boolean", 0, 1, 0) == 0
    assert scoring.progress("boolean", 0, 1, 1) == 1


@given(st.lists(st.tuples(fractions, weights), min_size=1, max_size=5))
def test_the_score_is_in_range_and_the_exact_weighted_mean(items):
    result = scoring.score(items)
    assert 0 <= result <= 1
    exact = sum(p * w for p, w in items) / sum(w for _, w in items)
    assert result == scoring.quantize(exact)


@given(st.lists(st.tuples(fractions, weights), min_size=1, max_size=5), st.data())
def test_the_score_never_falls_when_a_key_result_progresses(items, data):
    index = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    better = data.draw(st.decimals(min_value=items[index][0], max_value=1, places=4))
    improved = [*items]
    improved[index] = (better, items[index][1])
    assert scoring.score(improved) >= scoring.score(items)


def test_an_objective_without_key_results_scores_zero():
    assert scoring.score([]) == 0


def test_equal_weights_give_the_plain_mean_and_a_heavier_key_result_counts_more():
    assert scoring.score([(Decimal("0.2"), 1), (Decimal("0.8"), 1)]) == Decimal("0.5")
    assert scoring.score([(Decimal("0.2"), 1), (Decimal("0.8"), 3)]) == Decimal("0.65")


def test_zones_are_red_below_three_tenths_yellow_below_seven_tenths_green_from_there():
    assert scoring.zone(Decimal("0.2999")) == "red"
    assert scoring.zone(Decimal("0.3")) == "yellow"
    assert scoring.zone(Decimal("0.6999")) == "yellow"
    assert scoring.zone(Decimal("0.7")) == "green"
    assert scoring.zone(1) == "green"
