"""Local hot spot statistics: Getis–Ord Gi* and local Moran's I, over esda.

esda does the arithmetic; this module fixes the choices a community-safety
analyst would otherwise have to get right by hand each time:

* Gi* uses binary weights with the area itself included (`star=True`), as
  ArcGIS's Hot Spot Analysis does, and its classes are ESRI's 99/95/90 %
  confidence bins, optionally with the Benjamini–Hochberg false discovery rate
  correction that ArcGIS applies when "Apply False Discovery Rate" is ticked.
* esda 2.9 reports a "directed" permutation p (the tail the statistic falls
  in, so half a two-sided p) as float32; we report the two-sided p in float64.
* Islands (areas with no neighbours) and slices with no variation have no
  meaningful local statistic. esda still returns a tiny permutation p for them
  (every simulated value ties or falls below), so they are marked untested:
  z and p are NaN and the class is never significant.
* esda reseeds numpy's global random generator and changes the transform of
  the weights passed in; both are put back, so callers see no side effects.
"""

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy.stats import false_discovery_control, norm

if TYPE_CHECKING:
    from libpysal.weights import W

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.str_]

HOT_99 = "hot-99"
HOT_95 = "hot-95"
HOT_90 = "hot-90"
COLD_99 = "cold-99"
COLD_95 = "cold-95"
COLD_90 = "cold-90"
NOT_SIGNIFICANT = "not-significant"

HIGH_HIGH = "high-high"
LOW_LOW = "low-low"
HIGH_LOW = "high-low"
LOW_HIGH = "low-high"

# Loosest level first, so that stricter levels overwrite it.
_LEVELS = ((0.10, HOT_90, COLD_90), (0.05, HOT_95, COLD_95), (0.01, HOT_99, COLD_99))
# esda's `q` codes for the Moran scatterplot quadrants.
_QUADRANTS = {1: HIGH_HIGH, 2: LOW_HIGH, 3: LOW_LOW, 4: HIGH_LOW}
_LABEL_DTYPE = "<U15"


def _bh_adjusted(p: FloatArray) -> FloatArray:
    """Benjamini–Hochberg adjusted p; NaN (untested) stays NaN and is not counted."""
    adjusted = np.full(p.shape, np.nan)
    tested = np.isfinite(p)
    if tested.any():
        adjusted[tested] = false_discovery_control(p[tested], method="bh")
    return adjusted


def fdr_significant(p: FloatArray, alpha: float) -> BoolArray:
    """Which p-values survive Benjamini–Hochberg at false discovery rate `alpha`.

    NaN p-values are areas that were not tested: they are left out of the
    family (so they do not make the correction stricter) and are never
    significant.
    """
    adjusted = _bh_adjusted(np.asarray(p, dtype=np.float64))
    return np.asarray(adjusted <= alpha, dtype=np.bool_)


def significant(p: FloatArray, alpha: float, *, fdr: bool) -> BoolArray:
    """p ≤ alpha, after the Benjamini–Hochberg correction when `fdr`; NaN is never."""
    if fdr:
        return fdr_significant(p, alpha)
    return np.asarray(np.asarray(p, dtype=np.float64) <= alpha, dtype=np.bool_)


def significance_classes(z: FloatArray, p: FloatArray, *, fdr: bool) -> StrArray:
    """ESRI's hot/cold confidence bins: the sign of z, the strictest level passed.

    With `fdr`, each level is judged on Benjamini–Hochberg adjusted p, which is
    the same as running the correction separately at 0.01, 0.05 and 0.10.
    """
    z = np.asarray(z, dtype=np.float64)
    p = np.asarray(p, dtype=np.float64)
    judged = _bh_adjusted(p) if fdr else p
    classes = np.full(z.shape, NOT_SIGNIFICANT, dtype=_LABEL_DTYPE)
    for level, hot, cold in _LEVELS:
        passed = judged <= level
        classes[passed & (z > 0)] = hot
        classes[passed & (z < 0)] = cold
    return classes


@dataclass(frozen=True, eq=False)
class GiStar:
    """Gi* per area, in the weights' id order.

    `p` is the p-value the classes were judged on: the permutation p when
    permutations were run, else the normal-approximation p.
    """

    g: FloatArray
    z: FloatArray
    p_norm: FloatArray
    p_sim: FloatArray
    p: FloatArray
    classes: StrArray
    permutations: int
    seed: int
    fdr: bool


@dataclass(frozen=True, eq=False)
class LocalMoran:
    """Local Moran's I per area, in the weights' id order.

    `z` standardises I by its expectation and variance under total
    randomisation (esda's `EI` and `VI`); `p` is the two-sided permutation p.
    """

    i: FloatArray
    z: FloatArray
    p: FloatArray
    quadrant: StrArray
    permutations: int
    seed: int


@contextmanager
def _esda_call(weights: "W") -> Iterator[None]:
    """Silence esda's known noise and undo its side effects on shared state."""
    transform = weights.transform
    random_state = np.random.get_state()
    try:
        with warnings.catch_warnings():
            # esda asks callers to pick an alternative that G_Local and
            # Moran_Local do not expose; we convert the p ourselves.
            warnings.filterwarnings(
                "ignore", message="The alternative hypothesis", category=Warning
            )
            # Islands and disconnected components are handled explicitly.
            warnings.filterwarnings(
                "ignore", message="The weights matrix is not fully connected"
            )
            warnings.filterwarnings("ignore", message=".*islands?", category=Warning)
            with np.errstate(divide="ignore", invalid="ignore"):
                yield
    finally:
        weights.transform = transform
        np.random.set_state(random_state)


def _values(values: FloatArray, weights: "W") -> FloatArray:
    y = np.asarray(values, dtype=np.float64)
    if y.ndim != 1 or y.shape[0] != weights.n:
        msg = f"Expected {weights.n} values in the weights' id order, got {y.shape}."
        raise ValueError(msg)
    return y


def _islands(weights: "W") -> BoolArray:
    cardinalities = weights.cardinalities
    return np.array([cardinalities[i] == 0 for i in weights.id_order], dtype=np.bool_)


def _two_sided(p_directed: FloatArray, permutations: int) -> FloatArray:
    """Two-sided permutation p from esda's directed (one-tail) float32 p.

    Recover the exact count (the p is (count + 1) / (permutations + 1)) so that
    float32 rounding cannot move a p across a threshold like 0.01.
    """
    exact = np.rint(np.asarray(p_directed, dtype=np.float64) * (permutations + 1))
    return np.asarray(np.minimum(1.0, 2.0 * exact / (permutations + 1)))


def _check_permutations(permutations: int, minimum: int) -> None:
    if permutations < minimum:
        msg = f"permutations must be at least {minimum}, got {permutations}."
        raise ValueError(msg)


def gi_star(
    values: FloatArray,
    weights: "W",
    *,
    permutations: int = 999,
    seed: int = 12345,
    fdr: bool = True,
) -> GiStar:
    """Getis–Ord Gi* hot and cold spots of `values` (in `weights.id_order`)."""
    _check_permutations(permutations, 0)
    y = _values(values, weights)
    from esda.getisord import G_Local  # noqa: PLC0415 -- esda takes ~1 s to import

    with _esda_call(weights):
        result = G_Local(
            y,
            weights,
            transform="B",
            star=True,
            permutations=permutations,
            seed=seed,
            keep_simulations=False,
            n_jobs=1,
        )
    g = np.asarray(result.Gs, dtype=np.float64)
    z = np.array(result.Zs, dtype=np.float64)
    untested = _islands(weights) | ~np.isfinite(z)
    z[untested] = np.nan
    p_norm = np.asarray(2.0 * norm.sf(np.abs(z)), dtype=np.float64)
    if permutations:
        p_sim = _two_sided(result.p_sim, permutations)
        p_sim[untested] = np.nan
        p = p_sim
    else:
        p_sim = np.full(z.shape, np.nan)
        p = p_norm
    return GiStar(
        g=g,
        z=z,
        p_norm=p_norm,
        p_sim=p_sim,
        p=p,
        classes=significance_classes(z, p, fdr=fdr),
        permutations=permutations,
        seed=seed,
        fdr=fdr,
    )


def local_moran(
    values: FloatArray,
    weights: "W",
    *,
    permutations: int = 999,
    seed: int = 12345,
    alpha: float = 0.05,
    fdr: bool = True,
) -> LocalMoran:
    """Local Moran's I clusters and outliers of `values` (in `weights.id_order`).

    Quadrants need a permutation test: the analytic variance of local I is a
    poor guide to significance, so at least one permutation is required.
    """
    _check_permutations(permutations, 1)
    y = _values(values, weights)
    from esda.moran import Moran_Local  # noqa: PLC0415 -- esda takes ~1 s to import

    with _esda_call(weights):
        result = Moran_Local(
            y,
            weights,
            transformation="r",
            permutations=permutations,
            seed=seed,
            keep_simulations=False,
            n_jobs=1,
        )
        i = np.asarray(result.Is, dtype=np.float64)
        z = np.asarray((i - result.EI) / np.sqrt(result.VI), dtype=np.float64)
    untested = _islands(weights) | ~np.isfinite(i)
    z[untested | ~np.isfinite(z)] = np.nan
    p = _two_sided(result.p_sim, permutations)
    p[untested] = np.nan
    quadrant = np.full(i.shape, NOT_SIGNIFICANT, dtype=_LABEL_DTYPE)
    passed = significant(p, alpha, fdr=fdr)
    q = np.asarray(result.q)
    for code, label in _QUADRANTS.items():
        quadrant[passed & (q == code)] = label
    return LocalMoran(
        i=i, z=z, p=p, quadrant=quadrant, permutations=permutations, seed=seed
    )
