"""Super output vs zero output: low-crime areas that look like high-crime ones.

For each high-crime LSOA, find the low-crime LSOAs most like it on everything
except crime. If two places are alike in density, housing and deprivation yet
one has several times the crime of the other, the difference is worth a look
(a licensed venue, a transport hub, a different way of policing), and the pair
gives an officer a concrete place to compare with.

Method:

- high areas: rate ≥ the (1 - top) quantile of all areas' rates (the top
  decile by default); low areas: rate ≤ the `bottom` quantile (the bottom half),
  never including an area that is also high (possible when many rates tie);
- each feature becomes a z-score, (value - mean) / sd with mean and population
  sd (ddof=0) over all areas given, so "one unit" is one standard deviation
  across the country or force; features with sd 0 or no values are dropped,
  and areas missing a used feature are left out of matching (and counted);
- distance = Euclidean distance between z-score vectors / √(number of
  features), so it reads as "typically this many standard deviations apart"
  whatever the number of features;
- each high area's k nearest low areas come from a scipy cKDTree (fast for the
  national 34,753 LSOAs), optionally only from its own group (local authority);
  equal distances are broken by LSOA code so results do not shift between runs.

Suggested features (the caller builds them): log population density (residents
per hectare), households, persons per household, the local authority's own
crime rate on the same lens (context), and the IMD domain scores when loaded.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.spatial import cKDTree

# Distances equal to this many decimal places count as ties (broken by code).
TIE_DECIMALS = 9
# A feature whose sd is below this share of its mean's size counts as constant.
RELATIVE_SD_FLOOR = 1e-9

PAIR_COLUMNS = ["high_code", "low_code", "rank", "distance"]


@dataclass(frozen=True)
class Comparison:
    """High areas, their matches and how the matching was scaled.

    high: the high-crime areas with every used feature (all input columns),
        highest rate first.
    pairs: high_code, low_code, rank (1..k), distance; a high area has fewer
        than k rows when its group has fewer low areas to offer.
    features: the features used (after dropping constant or empty ones).
    dropped_features: requested features that were dropped.
    excluded: areas left out for missing a used feature value.
    scale: mean and sd per used feature (index feature, columns mean, sd).
    """

    high: pd.DataFrame
    pairs: pd.DataFrame
    features: tuple[str, ...]
    dropped_features: tuple[str, ...]
    excluded: int
    high_threshold: float
    low_threshold: float
    scale: pd.DataFrame


def _check(
    areas: pd.DataFrame,
    *,
    features: Sequence[str],
    top: float,
    bottom: float,
    k: int,
    same_group: str | None,
) -> None:
    needed = ["rate", *features, *([same_group] if same_group else [])]
    missing = [c for c in needed if c not in areas.columns]
    if missing:
        raise ValueError(f"Missing columns: {', '.join(missing)}.")
    if not features:
        raise ValueError("At least one feature is needed.")
    if not (0 < top < 1 and 0 < bottom < 1):
        raise ValueError("top and bottom must be between 0 and 1.")
    if top + bottom > 1:
        raise ValueError("top and bottom together must not exceed 1.")
    if k < 1:
        raise ValueError("k must be at least 1.")
    if not areas.index.is_unique:
        raise ValueError("Area codes must be unique.")


def _scale(areas: pd.DataFrame, features: Sequence[str]) -> pd.DataFrame:
    values = areas[list(features)].astype("float64")
    scale = pd.DataFrame({"mean": values.mean(), "sd": values.std(ddof=0)})
    # A constant column's sd comes out as rounding noise (1e-16), not 0: treat
    # anything that small beside the mean as constant, or noise becomes a signal.
    floor = RELATIVE_SD_FLOOR * np.maximum(scale["mean"].abs(), 1.0)
    return scale[scale["sd"].notna() & (scale["sd"] > floor)]


def _nearest(
    high_z: npt.NDArray[np.float64],
    low_z: npt.NDArray[np.float64],
    k: int,
) -> list[list[tuple[float, int]]]:
    """Per high row, up to k (distance, low row) pairs, ties by low row.

    Low rows must be in code order so "lowest row" means "lowest code".
    """
    if low_z.shape[0] == 0 or high_z.shape[0] == 0:
        return [[] for _ in range(high_z.shape[0])]
    tree = cKDTree(low_z)
    wanted = min(k + 1, low_z.shape[0])
    dist, idx = tree.query(high_z, k=wanted)
    dist = np.asarray(dist, dtype=np.float64).reshape(high_z.shape[0], wanted)
    idx = np.asarray(idx, dtype=np.int64).reshape(high_z.shape[0], wanted)
    result: list[list[tuple[float, int]]] = []
    for row in range(high_z.shape[0]):
        d, i = dist[row], idx[row]
        kth = round(float(d[min(k, wanted) - 1]), TIE_DECIMALS)
        if wanted > k and round(float(d[k]), TIE_DECIMALS) <= kth:
            # A tie straddles the k-th place: gather everything that close.
            near = tree.query_ball_point(high_z[row], r=d[k - 1] + 10**-TIE_DECIMALS)
            i = np.asarray(near, dtype=np.int64)
            d = np.linalg.norm(low_z[i] - high_z[row], axis=1)
        order = np.lexsort((i, np.round(d, TIE_DECIMALS)))[:k]
        result.append([(float(d[j]), int(i[j])) for j in order])
    return result


def super_output_comparison(
    areas: pd.DataFrame,
    *,
    features: Sequence[str],
    top: float = 0.1,
    bottom: float = 0.5,
    k: int = 3,
    same_group: str | None = None,
) -> Comparison:
    """Match each high-crime area with its k most similar low-crime areas.

    `areas` is indexed by LSOA code with a `rate` column, the feature columns
    and, when `same_group` names one, a group column; matches are then only
    sought within the high area's own group (areas without a group get none).
    """
    _check(areas, features=features, top=top, bottom=bottom, k=k, same_group=same_group)
    scale = _scale(areas, features)
    used = tuple(str(f) for f in scale.index)
    if not used:
        raise ValueError("No feature varies across the areas.")
    dropped = tuple(f for f in features if f not in used)

    rates = areas["rate"].astype("float64")
    high_threshold = float(rates.quantile(1 - top))
    low_threshold = float(rates.quantile(bottom))
    complete = areas[list(used)].notna().all(axis=1)
    is_high = rates >= high_threshold
    is_low = (rates <= low_threshold) & ~is_high

    # Code order throughout, so KD-tree row order is the tie-break order.
    ordered = areas[complete].sort_index()
    z = ((ordered[list(used)] - scale["mean"]) / scale["sd"]).to_numpy(np.float64)
    # Dividing by √p before the tree makes its Euclidean distance the reported one.
    z = z / np.sqrt(len(used))
    codes = ordered.index.to_numpy()
    high_rows = np.flatnonzero(is_high.loc[ordered.index].to_numpy())
    low_rows = np.flatnonzero(is_low.loc[ordered.index].to_numpy())

    if same_group is None:
        batches = [(high_rows, low_rows)]
    else:
        groups = ordered[same_group].to_numpy()
        batches = [
            (high_rows[groups[high_rows] == g], low_rows[groups[low_rows] == g])
            for g in pd.unique(groups[high_rows])
            if not pd.isna(g)
        ]

    rows: list[tuple[str, str, int, float]] = []
    for highs, lows in batches:
        found = _nearest(z[highs], z[lows], k)
        for high_row, matches in zip(highs, found, strict=True):
            rows.extend(
                (codes[high_row], codes[lows[low]], rank, distance)
                for rank, (distance, low) in enumerate(matches, start=1)
            )

    high = ordered.iloc[high_rows]
    high = high.assign(_code=high.index.astype(str)).sort_values(
        ["rate", "_code"], ascending=[False, True], kind="mergesort"
    )
    high = high.drop(columns="_code")
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    if not pairs.empty:
        position = {code: n for n, code in enumerate(high.index)}
        pairs = pairs.assign(_order=pairs["high_code"].map(position))
        pairs = pairs.sort_values(["_order", "rank"], kind="mergesort")
        pairs = pairs.drop(columns="_order").reset_index(drop=True)
    pairs = pairs.astype({"rank": "int64", "distance": "float64"})

    return Comparison(
        high=high,
        pairs=pairs,
        features=used,
        dropped_features=dropped,
        excluded=int((~complete).sum()),
        high_threshold=high_threshold,
        low_threshold=low_threshold,
        scale=scale,
    )


def explain_differences(
    areas: pd.DataFrame,
    pairs: pd.DataFrame,
    features: Sequence[str],
    *,
    scale: pd.DataFrame,
    limit: int = 3,
) -> pd.DataFrame:
    """Per pair, the features that differ most, in standard deviations.

    Returns high_code, low_code, rank, feature, high_value, low_value and
    difference_sd = (high - low) / sd, up to `limit` rows per pair, largest
    absolute difference first (ties in feature order).
    """
    columns = [*PAIR_COLUMNS[:3], "feature", "high_value", "low_value"]
    columns.append("difference_sd")
    if limit < 1:
        raise ValueError("limit must be at least 1.")
    if pairs.empty or not features:
        return pd.DataFrame(columns=columns)
    names = list(features)
    high = areas.loc[pairs["high_code"], names].to_numpy(np.float64)
    low = areas.loc[pairs["low_code"], names].to_numpy(np.float64)
    diff = (high - low) / scale.loc[names, "sd"].to_numpy(np.float64)
    take = min(limit, len(names))
    # Stable sort on -|diff| keeps feature order among equal differences.
    order = np.argsort(-np.abs(diff), axis=1, kind="stable")[:, :take]
    pair_rows = np.repeat(np.arange(len(pairs)), take)
    feature_cols = order.ravel()
    return pd.DataFrame(
        {
            "high_code": pairs["high_code"].to_numpy()[pair_rows],
            "low_code": pairs["low_code"].to_numpy()[pair_rows],
            "rank": pairs["rank"].to_numpy()[pair_rows],
            "feature": np.asarray(names, dtype=object)[feature_cols],
            "high_value": high[pair_rows, feature_cols],
            "low_value": low[pair_rows, feature_cols],
            "difference_sd": diff[pair_rows, feature_cols],
        },
        columns=columns,
    )
