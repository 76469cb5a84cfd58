"""Emerging hot spot patterns on histories whose answer is known by construction."""

import numpy as np
import pymannkendall
import pytest
from libpysal.weights import lat2W

from hedgerow.analytics.compute import emerging
from hedgerow.analytics.compute.emerging import (
    MIN_SLICES_ADVISED,
    classify_emerging,
    emerging_hotspots,
    mann_kendall,
)

SLICES = 12
ALPHA = 0.10


def reference(column: np.ndarray):
    return pymannkendall.original_test(column)


@pytest.mark.parametrize("slices", [2, 3, 10, 12, 36])
def test_mann_kendall_matches_pymannkendall_on_random_series(slices):
    rng = np.random.default_rng(slices)
    series = rng.normal(size=(slices, 8))
    series[:, 1] += np.linspace(0, 3, slices)  # a real upward trend
    series[:, 2] -= np.linspace(0, 3, slices)

    result = mann_kendall(series)

    for column in range(series.shape[1]):
        expected = reference(series[:, column])
        assert result.s[column] == expected.s
        assert result.tau[column] == pytest.approx(expected.Tau, abs=1e-12)
        assert result.z[column] == pytest.approx(expected.z, rel=1e-9, abs=1e-12)
        assert result.p[column] == pytest.approx(expected.p, rel=1e-9, abs=1e-12)


def test_mann_kendall_matches_pymannkendall_with_ties():
    rng = np.random.default_rng(3)
    series = rng.integers(0, 4, size=(15, 10)).astype(np.float64)
    series[:, 0] = [1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 5, 6]
    series[:, 1] = 7.0  # every value tied: S = 0, variance 0

    result = mann_kendall(series)

    for column in range(series.shape[1]):
        expected = reference(series[:, column])
        assert result.s[column] == expected.s
        assert result.z[column] == pytest.approx(expected.z, rel=1e-9, abs=1e-12)
        assert result.p[column] == pytest.approx(expected.p, rel=1e-9, abs=1e-12)
    assert result.z[1] == 0.0
    assert result.p[1] == 1.0


def test_mann_kendall_known_answers():
    rising = np.arange(10.0)[:, None]
    result = mann_kendall(np.hstack([rising, -rising]))

    # Strictly monotone: S = ±n(n-1)/2 = ±45, variance 10·9·25/18 = 125.
    np.testing.assert_array_equal(result.s, [45.0, -45.0])
    np.testing.assert_array_equal(result.tau, [1.0, -1.0])
    np.testing.assert_allclose(result.z, [44 / np.sqrt(125), -44 / np.sqrt(125)])


def test_mann_kendall_marks_columns_with_nan_untested():
    series = np.arange(20.0).reshape(10, 2)
    series[4, 1] = np.nan

    result = mann_kendall(series)

    assert np.isfinite(result.z[0])
    assert np.isnan([result.s[1], result.tau[1], result.z[1], result.p[1]]).all()


def test_mann_kendall_needs_two_slices():
    with pytest.raises(ValueError, match="T >= 2"):
        mann_kendall(np.ones((1, 3)))


def history(hot_slices=(), cold_slices=()):
    hot = np.zeros(SLICES, dtype=bool)
    cold = np.zeros(SLICES, dtype=bool)
    hot[list(hot_slices)] = True
    cold[list(cold_slices)] = True
    return hot, cold


EVERY = range(SLICES)
# (name, hot slices, cold slices, trend z, trend p); hot patterns only, the cold
# versions are the mirror image.
CASES = [
    ("new", [11], [], 0.5, 0.6),
    ("consecutive", [9, 10, 11], [], 1.0, 0.3),
    ("intensifying", EVERY, [], 3.0, 0.001),
    ("persistent", range(1, SLICES), [], 0.2, 0.8),
    ("diminishing", EVERY, [], -3.0, 0.001),
    ("sporadic", [2, 5, 10, 11], [], 0.5, 0.6),
    ("oscillating", [7, 11], [3], 0.5, 0.6),
    ("historical", range(SLICES - 1), [], -0.5, 0.6),
]


def classify(cases, *, mirror):
    columns = [history(h, c) for _, h, c, _, _ in cases]
    hot = np.column_stack([h for h, _ in columns])
    cold = np.column_stack([c for _, c in columns])
    trend_z = np.array([case[3] for case in cases])
    trend_p = np.array([case[4] for case in cases])
    if mirror:
        hot, cold, trend_z = cold, hot, -trend_z
    z = np.where(hot, 3.0, np.where(cold, -3.0, 0.4))
    return classify_emerging(z, hot, cold, trend_z, trend_p, alpha=ALPHA)


@pytest.mark.parametrize(("name", "hot", "cold", "trend_z", "trend_p"), CASES)
def test_each_hot_pattern(name, hot, cold, trend_z, trend_p):
    classes = classify([(name, hot, cold, trend_z, trend_p)], mirror=False)

    assert list(classes) == [f"{name}-hot"]


@pytest.mark.parametrize(("name", "hot", "cold", "trend_z", "trend_p"), CASES)
def test_each_cold_pattern(name, hot, cold, trend_z, trend_p):
    classes = classify([(name, hot, cold, trend_z, trend_p)], mirror=True)

    assert list(classes) == [f"{name}-cold"]


def test_all_patterns_at_once_in_columns():
    assert list(classify(CASES, mirror=False)) == [f"{c[0]}-hot" for c in CASES]


@pytest.mark.parametrize(
    ("hot", "cold", "trend_z", "trend_p", "expected"),
    [
        # Never significant, or hot only in the middle of the series.
        ([], [], 0.0, 1.0, emerging.NO_PATTERN),
        ([5], [], 0.0, 1.0, emerging.NO_PATTERN),
        # A hot spell before the final run makes it sporadic, not consecutive.
        ([2, 9, 10, 11], [], 0.5, 0.6, emerging.SPORADIC_HOT),
        # New takes precedence over oscillating (documented, as sfdep).
        ([11], [3], 0.5, 0.6, emerging.NEW_HOT),
        # 11 of 12 slices (92 %) with a gap in the middle is still persistent;
        # 10 of 12 (83 %) is not, and is sporadic.
        ([*range(5), *range(6, 12)], [], 0.5, 0.6, emerging.PERSISTENT_HOT),
        ([*range(5), *range(7, 12)], [], 0.5, 0.6, emerging.SPORADIC_HOT),
        # A rising trend with p above alpha is no trend.
        (EVERY, [], 3.0, 0.2, emerging.PERSISTENT_HOT),
    ],
)
def test_boundaries_and_precedence(hot, cold, trend_z, trend_p, expected):
    classes = classify([("", hot, cold, trend_z, trend_p)], mirror=False)

    assert list(classes) == [expected]


def test_exactly_ninety_percent_of_ten_slices_is_mostly():
    hot = np.ones((10, 1), dtype=bool)
    hot[0] = False
    z = np.where(hot, 2.0, 0.0)

    classes = classify_emerging(
        z, hot, np.zeros_like(hot), np.array([0.0]), np.array([1.0]), alpha=ALPHA
    )

    assert list(classes) == [emerging.PERSISTENT_HOT]


def test_hot_slices_must_have_positive_z():
    hot = np.ones((3, 1), dtype=bool)
    with pytest.raises(ValueError, match="z > 0"):
        classify_emerging(
            -np.ones((3, 1)),
            hot,
            np.zeros_like(hot),
            np.zeros(1),
            np.ones(1),
            alpha=ALPHA,
        )


def test_end_to_end_growing_and_new_clusters():
    weights = lat2W(10, 10, rook=False)
    grid = np.arange(100).reshape(10, 10)
    growing, appearing = grid[1:4, 1:4].ravel(), grid[6:9, 6:9].ravel()
    rng = np.random.default_rng(7)
    values = rng.poisson(10, (SLICES, 100)).astype(np.float64)
    values[:, growing] = (20 + 4 * np.arange(SLICES))[:, None]
    values[-1, appearing] = 40

    result = emerging_hotspots(values, weights)

    assert SLICES >= MIN_SLICES_ADVISED
    assert result.z.shape == result.hot.shape == (SLICES, 100)
    assert result.classes[22] == emerging.INTENSIFYING_HOT
    assert result.trend_z[22] > 0
    assert result.trend_p[22] <= 0.10
    assert result.classes[77] == emerging.NEW_HOT
    assert result.hot[:, 22].all()
    np.testing.assert_array_equal(result.hot[:, 77], np.arange(SLICES) == 11)
    # Reproducible: the same seed gives the same patterns.
    again = emerging_hotspots(values, weights)
    np.testing.assert_array_equal(result.classes, again.classes)
