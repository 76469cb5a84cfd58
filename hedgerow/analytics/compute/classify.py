"""Legend classes for choropleth maps of area rates.

A map shades each area by the class its value falls in. Two methods are offered:

- "quantile" (mapclassify.Quantiles): equal numbers of areas per class, the
  easiest legend to read ("the worst fifth of areas");
- "natural-breaks" (mapclassify.FisherJenks): the exact Fisher–Jenks optimum,
  breaks that minimise the spread within classes, which keeps a few extreme
  areas from being lumped in with ordinary ones.

Fisher–Jenks is O(k·n²). Hedgerow locks mapclassify without numba, and the pure
Python version takes about 1 s for 1,000 values and 5 s for 2,000 (measured),
so above `EXACT_LIMIT` values breaks are fitted on a deterministic sample of
`SAMPLE_SIZE` evenly spaced order statistics (always including the minimum and
maximum); each break found on the sample is then moved to the widest gap in
the full data before the next sampled value, so values the sample skipped still
split where the data does. This mirrors mapclassify.FisherJenksSampled, which
samples 1,000 values, but that draws from NumPy's global random state, so the
same data could get different legends on different requests. Counts are always
over all values.

Classes follow mapclassify: class i holds values with
breaks[i-1] < value ≤ breaks[i]. Missing values (NaN, and ±inf from a zero
population) belong to no class.
"""

import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

Method = Literal["quantile", "natural-breaks"]
METHODS: tuple[Method, ...] = ("quantile", "natural-breaks")

EXACT_LIMIT = 1000
SAMPLE_SIZE = 1000


@dataclass(frozen=True)
class Classes:
    """Upper bounds of each class (ascending, the last is the maximum), how many
    values fall in each, and the minimum value (the legend's lower end)."""

    method: Method
    breaks: tuple[float, ...]
    counts: tuple[int, ...]
    lower: float

    @property
    def k(self) -> int:
        return len(self.breaks)


def _finite(values: npt.ArrayLike) -> npt.NDArray[np.float64]:
    array = np.asarray(values, dtype=np.float64).ravel()
    return array[np.isfinite(array)]


def _even_sample(ordered: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    positions = np.linspace(0, ordered.size - 1, SAMPLE_SIZE).round().astype(int)
    return np.asarray(ordered[positions], dtype=np.float64)


def _fisher_jenks(ordered: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.float64]:
    import mapclassify  # noqa: PLC0415 - heavy, only needed here

    sampled = ordered.size > EXACT_LIMIT
    fit = _even_sample(ordered) if sampled else ordered
    k = min(k, np.unique(fit).size)
    if k == 1:
        return ordered[-1:]
    with warnings.catch_warnings():
        # "Numba not installed": known, and the reason for the sampling above.
        warnings.simplefilter("ignore", UserWarning)
        bins = np.asarray(mapclassify.FisherJenks(fit, k=k).bins, dtype=np.float64)
    if sampled:
        bins = _widest_gaps(ordered, fit, bins)
    bins[-1] = ordered[-1]
    return bins


def _widest_gaps(
    ordered: npt.NDArray[np.float64],
    sample: npt.NDArray[np.float64],
    bins: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Move each break fitted on the sample into the widest gap of the full data
    between that sampled value and the next one, where the unsampled values
    there divide most naturally."""
    moved = bins.copy()
    for i, low in enumerate(bins[:-1]):
        above = np.searchsorted(sample, low, side="right")
        if above >= sample.size:
            continue
        start = np.searchsorted(ordered, low, side="left")
        stop = np.searchsorted(ordered, sample[above], side="left")
        gaps = ordered[start + 1 : stop + 1] - ordered[start:stop]
        moved[i] = ordered[start + int(np.argmax(gaps))]
    return moved


def _quantiles(ordered: npt.NDArray[np.float64], k: int) -> npt.NDArray[np.float64]:
    import mapclassify  # noqa: PLC0415 - heavy, only needed here

    with warnings.catch_warnings():
        # Ties collapsing classes: expected, mapclassify already drops repeats.
        warnings.simplefilter("ignore", UserWarning)
        return np.asarray(mapclassify.Quantiles(ordered, k=k).bins, dtype=np.float64)


def class_breaks(
    values: npt.ArrayLike, *, k: int = 5, method: str = "quantile"
) -> Classes:
    """Fit up to k classes to the finite values; fewer when there are ties.

    With fewer distinct values than k, k is first reduced to that number (so
    mapclassify does not interpolate breaks between ties), and any breaks that
    still coincide are merged; with no finite values there are no classes.
    """
    if k < 1:
        raise ValueError("k must be at least 1.")
    if method == "quantile":
        chosen: Method = "quantile"
    elif method == "natural-breaks":
        chosen = "natural-breaks"
    else:
        raise ValueError(f"Unknown method {method!r}; use one of {METHODS}.")
    ordered = np.sort(_finite(values))
    if ordered.size == 0:
        return Classes(method=chosen, breaks=(), counts=(), lower=float("nan"))
    k = min(k, np.unique(ordered).size)
    fit = _quantiles if chosen == "quantile" else _fisher_jenks
    breaks = np.unique(fit(ordered, k))
    counts = np.bincount(
        np.searchsorted(breaks, ordered, side="left"), minlength=breaks.size
    )
    return Classes(
        method=chosen,
        breaks=tuple(float(b) for b in breaks),
        counts=tuple(int(c) for c in counts),
        lower=float(ordered[0]),
    )


def assign_classes(values: npt.ArrayLike, classes: Classes) -> npt.NDArray[np.int64]:
    """Class index 0..k-1 per value, -1 where the value is missing.

    value ≤ breaks[i] (and > breaks[i-1]) gives class i, as mapclassify's yb.
    Values outside the fitted range go to the nearest class, as
    mapclassify's find_bin does, so a legend fitted on one year can shade
    another.
    """
    array = np.asarray(values, dtype=np.float64)
    result = np.full(array.shape, -1, dtype=np.int64)
    if not classes.breaks:
        return result
    finite = np.isfinite(array)
    index = np.searchsorted(np.asarray(classes.breaks), array[finite], side="left")
    result[finite] = np.minimum(index, len(classes.breaks) - 1)
    return result
