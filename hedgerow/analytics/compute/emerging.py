"""Emerging hot spot analysis: how each area's hot or cold spot status changes.

This follows ArcGIS's Emerging Hot Spot Analysis (and R sfdep's
`emerging_hotspot_analysis`): Gi* is computed for every time slice, and the
Mann–Kendall test on each area's series of Gi* z-scores says whether its
clustering is intensifying or fading. The history of significant slices plus
that trend give ESRI's seventeen pattern names, which analysts in Community
Safety Partnerships already know from ArcGIS reports.

Neighbourhoods are spatial only (ESRI's "neighbourhood time step" of zero):
each slice is judged on its own, so a slice never borrows counts from the
month before.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt
from scipy.stats import norm

from hedgerow.analytics.compute.hotspots import (
    BoolArray,
    FloatArray,
    StrArray,
    gi_star,
    significant,
)

if TYPE_CHECKING:
    from libpysal.weights import W

#: ESRI warns that the Mann–Kendall trend is unreliable with fewer than ten
#: time slices; callers should tell the user when their series is shorter.
MIN_SLICES_ADVISED = 10

NEW_HOT = "new-hot"
CONSECUTIVE_HOT = "consecutive-hot"
INTENSIFYING_HOT = "intensifying-hot"
PERSISTENT_HOT = "persistent-hot"
DIMINISHING_HOT = "diminishing-hot"
SPORADIC_HOT = "sporadic-hot"
OSCILLATING_HOT = "oscillating-hot"
HISTORICAL_HOT = "historical-hot"
NEW_COLD = "new-cold"
CONSECUTIVE_COLD = "consecutive-cold"
INTENSIFYING_COLD = "intensifying-cold"
PERSISTENT_COLD = "persistent-cold"
DIMINISHING_COLD = "diminishing-cold"
SPORADIC_COLD = "sporadic-cold"
OSCILLATING_COLD = "oscillating-cold"
HISTORICAL_COLD = "historical-cold"
NO_PATTERN = "no-pattern"

_LABEL_DTYPE = "<U17"


class MannKendall(NamedTuple):
    """Mann–Kendall trend test per column: score S, Kendall's tau, z and two-sided p."""

    s: FloatArray
    tau: FloatArray
    z: FloatArray
    p: FloatArray


@dataclass(frozen=True, eq=False)
class EmergingHotspots:
    """Pattern per area plus the per-slice Gi* z-scores and significance behind it."""

    classes: StrArray
    trend_z: FloatArray
    trend_p: FloatArray
    z: FloatArray
    hot: BoolArray
    cold: BoolArray


def mann_kendall(series: FloatArray) -> MannKendall:
    """Mann–Kendall test down each column of a (T, n) array, as pymannkendall does.

    The variance of S is corrected for ties and z has the continuity correction
    ((S - 1) or (S + 1) over the standard deviation). A column with any NaN
    (an area that was never tested) gets NaN throughout.
    """
    x = np.asarray(series, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] < 2:
        msg = f"Expected a (T, n) array with T >= 2, got shape {x.shape}."
        raise ValueError(msg)
    slices = x.shape[0]
    s = np.zeros(x.shape[1])
    tie_term = np.zeros(x.shape[1])
    # O(T^2 n) time but only O(T n) memory: T is months, n can be 35,000.
    for k in range(slices):
        s += np.sign(x[k + 1 :] - x[k]).sum(axis=0)
        # A tie group of size t adds t(t-1)(2t+5); spread over its t members
        # that is (c-1)(2c+5) for each value whose group has c members.
        c = (x == x[k]).sum(axis=0)
        tie_term += (c - 1) * (2 * c + 5)
    var_s = (slices * (slices - 1) * (2 * slices + 5) - tie_term) / 18.0
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = np.sqrt(var_s)
        z = np.where(s > 0, (s - 1) / sd, np.where(s < 0, (s + 1) / sd, 0.0))
    p = 2.0 * norm.sf(np.abs(z))
    tau = s / (0.5 * slices * (slices - 1))
    untested = ~np.isfinite(x).all(axis=0)
    for column in (s, tau, z, p):
        column[untested] = np.nan
    return MannKendall(s=s, tau=tau, z=z, p=p)


def _trailing_run(flags: BoolArray) -> npt.NDArray[np.int64]:
    """Length of the run of True ending at the final slice, per column."""
    return np.asarray(
        np.cumprod(flags[::-1], axis=0, dtype=np.int64).sum(axis=0), dtype=np.int64
    )


def _side_conditions(
    flags: BoolArray,
    opposite: BoolArray,
    towards: BoolArray,
    away: BoolArray,
) -> list[BoolArray]:
    """Conditions for one side's patterns whose final slice is significant.

    `towards` is a significant trend towards this side (rising z for hot,
    falling z for cold), `away` the reverse. The order is the precedence:
    intensifying, diminishing, persistent, new, consecutive, oscillating,
    sporadic.
    """
    slices = flags.shape[0]
    count = flags.sum(axis=0)
    last = flags[-1]
    # "At least 90 % of slices", in integers so 9 of 10 is exactly 90 %.
    mostly = 10 * count >= 9 * slices
    run = _trailing_run(flags)
    return [
        last & mostly & towards,
        last & mostly & away,
        last & mostly,
        last & (count == 1),
        last & (run >= 2) & (count == run),
        last & opposite.any(axis=0),
        last,
    ]


def classify_emerging(
    z: FloatArray,
    hot: BoolArray,
    cold: BoolArray,
    trend_z: FloatArray,
    trend_p: FloatArray,
    *,
    alpha: float,
) -> StrArray:
    """ESRI's emerging hot spot pattern for each area, from (T, n) histories.

    `hot` and `cold` mark significant Gi* hot and cold spots per slice and
    must agree with the sign of `z`; `trend_z` and `trend_p` are the
    Mann–Kendall results on each area's z series, significant when
    `trend_p <= alpha`. "Mostly" below means in at least 90 % of slices.

    Precedence, first match wins (cold mirrors hot, with a falling trend
    intensifying a cold spot):

    1. Final slice hot: intensifying (mostly hot, rising trend), diminishing
       (mostly hot, falling trend), persistent (mostly hot, no trend), new
       (never hot before), consecutive (one unbroken final run of at least
       two slices, never hot before it), oscillating (some slice cold),
       sporadic (otherwise: earlier hot slices broken by gaps, never cold).
    2. Final slice cold: the same seven, for cold.
    3. Final slice neither: historical hot if mostly hot, historical cold if
       mostly cold, else no pattern.

    ESRI's definitions leave two overlaps, settled as sfdep does: new and
    consecutive take precedence over oscillating; and persistent requires the
    final slice, so a mostly-hot area that has just gone quiet is historical.
    """
    z = np.asarray(z, dtype=np.float64)
    hot = np.asarray(hot, dtype=np.bool_)
    cold = np.asarray(cold, dtype=np.bool_)
    if z.ndim != 2 or hot.shape != z.shape or cold.shape != z.shape:
        msg = "z, hot and cold must all have the same (T, n) shape."
        raise ValueError(msg)
    if (hot & ~(z > 0)).any() or (cold & ~(z < 0)).any():
        msg = "Significant hot slices need z > 0 and cold slices z < 0."
        raise ValueError(msg)
    trend_significant = np.asarray(trend_p, dtype=np.float64) <= alpha
    rising = trend_significant & (np.asarray(trend_z) > 0)
    falling = trend_significant & (np.asarray(trend_z) < 0)
    slices = z.shape[0]
    conditions = [
        *_side_conditions(hot, cold, rising, falling),
        *_side_conditions(cold, hot, falling, rising),
        10 * hot.sum(axis=0) >= 9 * slices,
        10 * cold.sum(axis=0) >= 9 * slices,
    ]
    choices = [
        INTENSIFYING_HOT,
        DIMINISHING_HOT,
        PERSISTENT_HOT,
        NEW_HOT,
        CONSECUTIVE_HOT,
        OSCILLATING_HOT,
        SPORADIC_HOT,
        INTENSIFYING_COLD,
        DIMINISHING_COLD,
        PERSISTENT_COLD,
        NEW_COLD,
        CONSECUTIVE_COLD,
        OSCILLATING_COLD,
        SPORADIC_COLD,
        HISTORICAL_HOT,
        HISTORICAL_COLD,
    ]
    return np.select(conditions, choices, default=NO_PATTERN).astype(_LABEL_DTYPE)


def emerging_hotspots(
    values: FloatArray,
    weights: "W",
    *,
    permutations: int = 199,
    seed: int = 12345,
    alpha: float = 0.10,
    fdr: bool = False,
) -> EmergingHotspots:
    """Emerging hot spot patterns of a (T, n) array of values per slice and area.

    Columns follow `weights.id_order`. Slices are significant hot or cold at
    `alpha` (ESRI uses 90 % confidence), optionally with the false discovery
    rate correction applied within each slice. Slice t uses seed `seed + t`,
    so permutation errors are not repeated identically from slice to slice.
    """
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 2:
        msg = f"Expected a (T, n) array of values, got shape {v.shape}."
        raise ValueError(msg)
    z = np.empty(v.shape)
    hot = np.zeros(v.shape, dtype=np.bool_)
    cold = np.zeros(v.shape, dtype=np.bool_)
    for t, slice_values in enumerate(v):
        # fdr=False: Gi*'s own classes are unused; significance is judged here.
        result = gi_star(
            slice_values, weights, permutations=permutations, seed=seed + t, fdr=False
        )
        passed = significant(result.p, alpha, fdr=fdr)
        z[t] = result.z
        hot[t] = passed & (result.z > 0)
        cold[t] = passed & (result.z < 0)
    trend = mann_kendall(z)
    return EmergingHotspots(
        classes=classify_emerging(z, hot, cold, trend.z, trend.p, alpha=alpha),
        trend_z=trend.z,
        trend_p=trend.p,
        z=z,
        hot=hot,
        cold=cold,
    )
