"""Gi* and local Moran's I against esda run directly on the same input."""

import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from esda.getisord import G_Local
from esda.moran import Moran_Local
from libpysal.weights import W, lat2W

from hedgerow.analytics.compute.hotspots import (
    COLD_90,
    COLD_95,
    COLD_99,
    HIGH_HIGH,
    HOT_90,
    HOT_95,
    HOT_99,
    LOW_LOW,
    NOT_SIGNIFICANT,
    fdr_significant,
    gi_star,
    local_moran,
    significance_classes,
)

GRID = np.arange(100).reshape(10, 10)
HOT_CLUSTER = GRID[1:4, 1:4].ravel()
COLD_CLUSTER = GRID[6:9, 6:9].ravel()
HOT_CENTRE = 22
COLD_CENTRE = 77


@pytest.fixture
def lattice() -> W:
    return lat2W(10, 10, rook=False)


@pytest.fixture
def planted() -> np.ndarray:
    rng = np.random.default_rng(2024)
    values = rng.poisson(10, 100).astype(np.float64)
    values[HOT_CLUSTER] = 30.0
    values[COLD_CLUSTER] = 0.0
    return values


def esda_quietly(cls, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cls(*args, **kwargs)


def test_gi_star_statistics_are_esdas(lattice, planted):
    result = gi_star(planted, lattice, permutations=999, seed=7)
    reference = esda_quietly(
        G_Local,
        planted,
        lat2W(10, 10, rook=False),
        transform="B",
        star=True,
        permutations=999,
        seed=7,
        keep_simulations=False,
        n_jobs=1,
    )

    np.testing.assert_allclose(result.g, reference.Gs, rtol=1e-12)
    np.testing.assert_allclose(result.z, reference.Zs, rtol=1e-12)
    np.testing.assert_allclose(result.p_norm, 2 * reference.p_norm, rtol=1e-12)
    # esda's directed p is one tail; the two-sided p doubles it (capped at 1).
    np.testing.assert_allclose(
        result.p_sim, np.minimum(1, 2 * reference.p_sim), rtol=1e-6
    )
    assert result.p is result.p_sim
    assert result.p_sim.dtype == np.float64


def test_gi_star_finds_the_planted_clusters(lattice, planted):
    result = gi_star(planted, lattice, fdr=False)
    # With 999 permutations the smallest two-sided p is 0.002; BH over 100
    # areas may lift it past 0.01, so the corrected centre may be hot-95.
    corrected = gi_star(planted, lattice, fdr=True)

    assert result.classes[HOT_CENTRE] == HOT_99
    assert corrected.classes[HOT_CENTRE] in {HOT_99, HOT_95}
    assert set(result.classes[HOT_CLUSTER]) <= {HOT_99, HOT_95, HOT_90}
    assert result.classes[COLD_CENTRE] in {COLD_99, COLD_95}
    assert set(result.classes[COLD_CLUSTER]) <= {
        COLD_99,
        COLD_95,
        COLD_90,
        NOT_SIGNIFICANT,
    }
    assert result.z[HOT_CENTRE] > 3
    assert result.z[COLD_CENTRE] < -3


def test_gi_star_without_permutations_uses_the_normal_p(lattice, planted):
    result = gi_star(planted, lattice, permutations=0, fdr=False)

    assert np.isnan(result.p_sim).all()
    assert result.p is result.p_norm
    np.testing.assert_array_equal(
        result.classes, significance_classes(result.z, result.p_norm, fdr=False)
    )


def test_same_seed_gives_identical_p_and_leaves_no_side_effects(lattice, planted):
    np.random.seed(99)
    expected_next = np.random.random()
    np.random.seed(99)

    first = gi_star(planted, lattice, seed=3)
    assert np.random.random() == expected_next
    assert lattice.transform == "O"
    second = gi_star(planted, lattice, seed=3)
    other = gi_star(planted, lattice, seed=4)

    np.testing.assert_array_equal(first.p, second.p)
    np.testing.assert_array_equal(first.classes, second.classes)
    assert not np.array_equal(first.p, other.p)


def test_fdr_never_adds_significant_areas(lattice):
    rng = np.random.default_rng(11)
    values = rng.poisson(10, 100).astype(np.float64)
    values[HOT_CLUSTER] += 6

    raw = gi_star(values, lattice, fdr=False)
    corrected = gi_star(values, lattice, fdr=True)

    raw_significant = raw.classes != NOT_SIGNIFICANT
    corrected_significant = corrected.classes != NOT_SIGNIFICANT
    assert not (corrected_significant & ~raw_significant).any()
    assert corrected_significant.sum() < raw_significant.sum()
    assert ((corrected.classes == HOT_99) <= (raw.classes == HOT_99)).all()


def test_fdr_significant_is_the_benjamini_hochberg_step_up():
    # Thresholds k/4 * 0.05 = 0.0125, 0.025, 0.0375, 0.05: the third p passes,
    # so the step-up rule also keeps the second, which fails its own threshold.
    p = np.array([0.011, 0.03, 0.031, 0.5])
    np.testing.assert_array_equal(fdr_significant(p, 0.05), [True, True, True, False])
    # An untested area (NaN) must not enlarge the family to five.
    np.testing.assert_array_equal(
        fdr_significant(np.append(p, np.nan), 0.05), [True, True, True, False, False]
    )


def test_significance_classes_bins():
    z = np.array([3.0, 2.0, 1.8, 1.0, -3.0, -2.0, -1.7, 2.0, np.nan])
    p = np.array([0.01, 0.03, 0.08, 0.5, 0.005, 0.05, 0.1, np.nan, 0.001])

    classes = significance_classes(z, p, fdr=False)

    assert list(classes) == [
        HOT_99,
        HOT_95,
        HOT_90,
        NOT_SIGNIFICANT,
        COLD_99,
        COLD_95,
        COLD_90,
        NOT_SIGNIFICANT,
        NOT_SIGNIFICANT,
    ]


def test_significance_classes_with_fdr_use_adjusted_p():
    z = np.array([3.0, 2.5, -2.5, 0.5])
    p = np.array([0.004, 0.02, 0.04, 0.9])
    # BH adjusted: 0.016, 0.04, 0.0533, 0.9.
    assert list(significance_classes(z, p, fdr=True)) == [
        HOT_95,
        HOT_95,
        COLD_90,
        NOT_SIGNIFICANT,
    ]


def lattice_with_island() -> W:
    neighbours = {k: list(v) for k, v in lat2W(3, 3, rook=False).neighbors.items()}
    neighbours[9] = []
    return W(neighbours, id_order=list(range(10)), silence_warnings=True)


def test_islands_are_never_significant():
    w = lattice_with_island()
    values = np.array([5.0, 6, 5, 7, 6, 5, 6, 5, 7, 500])

    # esda on its own would call the island significant: every draw ties.
    reference = esda_quietly(
        G_Local,
        values,
        lattice_with_island(),
        transform="B",
        star=True,
        permutations=99,
        seed=1,
        n_jobs=1,
    )
    assert reference.p_sim[9] == pytest.approx(0.01)

    result = gi_star(values, w, permutations=99, seed=1)
    assert result.classes[9] == NOT_SIGNIFICANT
    assert np.isnan(result.z[9])
    assert np.isnan(result.p[9])
    np.testing.assert_allclose(result.z[:9], reference.Zs[:9], rtol=1e-12)

    moran = local_moran(values, w, permutations=99, seed=1)
    assert moran.quadrant[9] == NOT_SIGNIFICANT
    assert np.isnan(moran.p[9])


def test_a_slice_without_variation_is_not_significant(lattice):
    result = gi_star(np.full(100, 4.0), lattice)

    assert (result.classes == NOT_SIGNIFICANT).all()
    assert np.isnan(result.p).all()


def test_values_must_follow_the_weights(lattice):
    with pytest.raises(ValueError, match="Expected 100 values"):
        gi_star(np.ones(99), lattice)


def test_local_moran_statistics_are_esdas(lattice, planted):
    result = local_moran(planted, lattice, permutations=999, seed=5, fdr=False)
    reference = esda_quietly(
        Moran_Local,
        planted,
        lat2W(10, 10, rook=False),
        transformation="r",
        permutations=999,
        seed=5,
        keep_simulations=False,
        n_jobs=1,
    )

    np.testing.assert_allclose(result.i, reference.Is, rtol=1e-12)
    np.testing.assert_allclose(
        result.z, (reference.Is - reference.EI) / np.sqrt(reference.VI), rtol=1e-12
    )
    np.testing.assert_allclose(result.p, np.minimum(1, 2 * reference.p_sim), rtol=1e-6)
    significant = result.p <= 0.05
    labels = {1: "high-high", 2: "low-high", 3: "low-low", 4: "high-low"}
    expected = [
        labels[q] if sig else NOT_SIGNIFICANT
        for q, sig in zip(reference.q, significant, strict=True)
    ]
    assert list(result.quadrant) == expected
    assert lattice.transform == "O"


def test_local_moran_finds_the_planted_clusters(lattice, planted):
    result = local_moran(planted, lattice)

    assert result.quadrant[HOT_CENTRE] == HIGH_HIGH
    assert result.quadrant[COLD_CENTRE] == LOW_LOW
    first = local_moran(planted, lattice, seed=8)
    np.testing.assert_array_equal(first.p, local_moran(planted, lattice, seed=8).p)


def test_local_moran_needs_permutations(lattice, planted):
    with pytest.raises(ValueError, match="at least 1"):
        local_moran(planted, lattice, permutations=0)


def test_importing_the_modules_loads_neither_django_nor_esda():
    # Django imports these modules at start-up; esda and libpysal cost ~1 s.
    code = (
        "import sys\n"
        "import hedgerow.analytics.compute.emerging\n"
        "import hedgerow.analytics.compute.hotspots\n"
        "import hedgerow.analytics.compute.weights\n"
        "loaded = [m for m in ('django', 'esda', 'libpysal') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[4],
    )

    assert completed.stdout.strip() == ""
