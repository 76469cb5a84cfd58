"""Legend classes checked against mapclassify on the same data."""

import warnings

import mapclassify
import numpy as np
import pytest

from hedgerow.analytics.compute import classify
from hedgerow.analytics.compute.classify import assign_classes, class_breaks


def rates(n: int, seed: int = 7) -> np.ndarray:
    return np.random.default_rng(seed).lognormal(mean=3, sigma=0.8, size=n)


def reference(kind: type, values: np.ndarray, k: int):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return kind(values, k=k)


@pytest.mark.parametrize("k", [3, 5, 7])
def test_quantiles_match_mapclassify(k):
    values = rates(500)
    expected = reference(mapclassify.Quantiles, values, k)

    classes = class_breaks(values, k=k, method="quantile")

    np.testing.assert_allclose(classes.breaks, expected.bins)
    assert classes.counts == tuple(expected.counts.tolist())
    assert classes.lower == values.min()
    np.testing.assert_array_equal(assign_classes(values, classes), expected.yb)


@pytest.mark.parametrize("k", [3, 5])
def test_natural_breaks_match_mapclassify_fisher_jenks(k):
    values = rates(300, seed=3)
    expected = reference(mapclassify.FisherJenks, values, k)

    classes = class_breaks(values, k=k, method="natural-breaks")

    np.testing.assert_allclose(classes.breaks, expected.bins)
    assert classes.counts == tuple(expected.counts.tolist())
    np.testing.assert_array_equal(assign_classes(values, classes), expected.yb)


def test_large_inputs_are_fitted_on_a_deterministic_sample():
    # Three well-separated clusters of different sizes: any sensible natural
    # breaks put each cluster in its own class, sampled or not.
    rng = np.random.default_rng(11)
    values = np.concatenate(
        [rng.uniform(0, 10, 1800), rng.uniform(50, 60, 900), rng.uniform(200, 210, 300)]
    )
    rng.shuffle(values)
    assert values.size > classify.EXACT_LIMIT

    first = class_breaks(values, k=3, method="natural-breaks")
    again = class_breaks(values[::-1], k=3, method="natural-breaks")

    assert first == again
    assert first.counts == (1800, 900, 300)
    assert first.breaks[-1] == values.max()
    assert first.lower == values.min()


def test_ties_reduce_k_without_repeating_breaks():
    values = np.array([1.0, 1.0, 1.0, 2.0, 2.0])

    for method in ("quantile", "natural-breaks"):
        classes = class_breaks(values, k=5, method=method)
        assert classes.breaks == (1.0, 2.0)
        assert classes.counts == (3, 2)
    # Asked for 5 classes, mapclassify interpolates a break (1.4) no value
    # reaches, leaving an empty class; k is cut to the 2 distinct values first.
    assert reference(mapclassify.Quantiles, values, 5).counts.tolist() == [3, 0, 2]
    assert reference(mapclassify.Quantiles, values, 2).bins.tolist() == [1.0, 2.0]


def test_many_zeros_collapse_quantiles_like_mapclassify():
    values = np.concatenate([np.zeros(60), np.arange(1, 41, dtype=float)])
    expected = reference(mapclassify.Quantiles, values, 5)

    classes = class_breaks(values, k=5)

    np.testing.assert_allclose(classes.breaks, expected.bins)
    assert classes.breaks[0] == 0.0
    assert classes.counts == tuple(expected.counts.tolist())
    assert len(set(classes.breaks)) == len(classes.breaks)


def test_a_single_value_is_one_class():
    classes = class_breaks(np.array([3.0, 3.0]), method="natural-breaks")

    assert classes.breaks == (3.0,)
    assert classes.counts == (2,)


def test_missing_values_are_ignored_and_get_no_class():
    values = rates(200)
    with_gaps = values.copy()
    with_gaps[::7] = np.nan
    with_gaps[3] = np.inf  # a zero population
    finite = with_gaps[np.isfinite(with_gaps)]

    classes = class_breaks(with_gaps, k=4)
    expected = reference(mapclassify.Quantiles, finite, 4)
    assigned = assign_classes(with_gaps, classes)

    np.testing.assert_allclose(classes.breaks, expected.bins)
    assert sum(classes.counts) == finite.size
    assert (assigned[~np.isfinite(with_gaps)] == -1).all()
    np.testing.assert_array_equal(assigned[np.isfinite(with_gaps)], expected.yb)


def test_no_values_give_no_classes():
    classes = class_breaks(np.array([np.nan, np.nan]))

    assert classes.breaks == ()
    assert classes.counts == ()
    assert np.isnan(classes.lower)
    assert assign_classes(np.array([np.nan, 4.0]), classes).tolist() == [-1, -1]
    assert class_breaks(np.array([])).k == 0


def test_boundaries_and_outside_values_follow_mapclassify():
    values = rates(100)
    fitted = reference(mapclassify.Quantiles, values, 4)
    classes = class_breaks(values, k=4)
    breaks = np.array(classes.breaks)
    # On a break belongs to that class; just above to the next; outside the
    # fitted range to the nearest class.
    probes = np.concatenate([breaks, breaks[:-1] + 1e-9, [-5.0, breaks[-1] * 10]])

    np.testing.assert_array_equal(
        assign_classes(probes, classes), fitted.find_bin(probes)
    )
    assert assign_classes(breaks, classes).tolist() == [0, 1, 2, 3]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="method"):
        class_breaks(rates(10), method="equal-interval")
    with pytest.raises(ValueError, match="k must"):
        class_breaks(rates(10), k=0)
