"""Has crime in an area changed between two periods, or is it noise?

Monthly counts in one LSOA are small, so a rise from 4 to 7 says little while a
rise from 40 to 70 says a lot. Treating each period's count as Poisson, the exact
conditional test compares the two rates without any normal approximation: given
the total n = before + after, the count in the second period is
Binomial(n, q) under "no change", with q = months_after / (months_before +
months_after). The two-sided p-value doubles the smaller tail,
p = min(1, 2 · min(P(X ≤ after), P(X ≥ after))). `scipy.stats.binomtest` (and
R's `binom.test`) instead sum every outcome no more likely than the one seen;
the two agree when the periods are the same length (the binomial is then
symmetric) and differ a little otherwise. Doubling is chosen because it is exactly
twice the one-sided p-value in the direction seen ("rising" or "falling"), the
same central construction as Clopper–Pearson intervals, and simple to explain.

Testing every area in a force at once finds "significant" changes by chance, so
`rate_change_table` adjusts the p-values with Benjamini–Hochberg (false discovery
rate) by default.
"""

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats

Direction = Literal["rising", "falling"]

REQUIRED_COLUMNS = ("population", "before", "after")


@dataclass(frozen=True)
class RateTest:
    """The counts in each period, the ratio of monthly rates and its p-value.

    rate_ratio is the after-period monthly rate over the before-period one:
    inf when nothing happened before but something did after, nan when both
    periods are empty (there is no rate to compare).
    """

    before: int
    after: int
    months_before: int
    months_after: int
    rate_ratio: float
    p: float


def _check_months(months_before: int, months_after: int) -> None:
    if months_before < 1 or months_after < 1:
        raise ValueError("Both periods must cover at least one month.")


def _as_counts(values: npt.ArrayLike, name: str) -> npt.NDArray[np.int64]:
    array = np.asarray(values, dtype=np.float64)
    if np.isnan(array).any():
        raise ValueError(f"The {name} counts contain missing values.")
    if (array < 0).any() or (array != np.floor(array)).any():
        raise ValueError(f"The {name} counts must be whole numbers, zero or more.")
    return array.astype(np.int64)


def poisson_rate_tests(
    before: npt.ArrayLike,
    after: npt.ArrayLike,
    *,
    months_before: int,
    months_after: int,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Rate ratios and two-sided p-values for many areas at once."""
    _check_months(months_before, months_after)
    b = _as_counts(before, "before")
    a = _as_counts(after, "after")
    if b.shape != a.shape:
        raise ValueError("The before and after counts must have the same shape.")
    n = a + b
    q = months_after / (months_before + months_after)
    # P(X <= a) and P(X >= a); with n = 0 both are 1, so p = 1.
    lower = stats.binom.cdf(a, n, q)
    upper = stats.binom.sf(a - 1, n, q)
    p = np.minimum(1.0, 2.0 * np.minimum(lower, upper))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (a / months_after) / (b / months_before)
    return np.asarray(ratio, dtype=np.float64), np.asarray(p, dtype=np.float64)


def poisson_rate_test(
    before: int, after: int, *, months_before: int, months_after: int
) -> RateTest:
    """The exact conditional test of one area's before and after counts."""
    ratio, p = poisson_rate_tests(
        np.array([before]),
        np.array([after]),
        months_before=months_before,
        months_after=months_after,
    )
    return RateTest(
        before=before,
        after=after,
        months_before=months_before,
        months_after=months_after,
        rate_ratio=float(ratio[0]),
        p=float(p[0]),
    )


def rate_change_table(
    frame: pd.DataFrame,
    *,
    months_before: int,
    months_after: int,
    alpha: float = 0.05,
    fdr: bool = True,
) -> pd.DataFrame:
    """Rates, change and significance per area.

    `frame` is indexed by area code with columns population, before and after
    (counts over each period). Returned alongside them:

    - before_rate, after_rate: crimes per 1,000 residents over each whole
      period (nan where the population is missing or zero);
    - before_per_month, after_per_month: mean count per month;
    - change: after_per_month - before_per_month;
    - rate_ratio, p: from the exact Poisson test;
    - p_adjusted: Benjamini–Hochberg when `fdr`, else p;
    - significant: p_adjusted < alpha;
    - direction: "rising", "falling" or "no-change" from the sign of change
      alone, so the page can say which way a non-significant change went.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"Missing columns: {', '.join(missing)}.")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1.")
    ratio, p = poisson_rate_tests(
        frame["before"].to_numpy(),
        frame["after"].to_numpy(),
        months_before=months_before,
        months_after=months_after,
    )
    table = frame.copy()
    population = table["population"].astype("float64").where(lambda s: s > 0)
    table["before_rate"] = table["before"] / population * 1000
    table["after_rate"] = table["after"] / population * 1000
    table["before_per_month"] = table["before"] / months_before
    table["after_per_month"] = table["after"] / months_after
    change = table["after_per_month"] - table["before_per_month"]
    table["change"] = change
    table["rate_ratio"] = ratio
    table["p"] = p
    table["p_adjusted"] = stats.false_discovery_control(p, method="bh") if fdr else p
    table["significant"] = table["p_adjusted"] < alpha
    table["direction"] = np.select(
        [change > 0, change < 0], ["rising", "falling"], default="no-change"
    )
    return table


def most_changed(
    table: pd.DataFrame,
    *,
    direction: Direction,
    limit: int = 10,
    significant_only: bool = True,
) -> pd.DataFrame:
    """The areas whose monthly count moved most in one direction.

    Sorted by the absolute change in count per month, largest first, ties by
    area code so the list is stable from one request to the next.
    """
    if direction not in ("rising", "falling"):
        raise ValueError('direction must be "rising" or "falling".')
    if limit < 0:
        raise ValueError("limit must be zero or more.")
    chosen = table["direction"] == direction
    if significant_only:
        chosen &= table["significant"]
    subset = table[chosen]
    keys = pd.DataFrame(
        {"size": subset["change"].abs().to_numpy(), "code": subset.index.astype(str)}
    )
    order = keys.sort_values(
        ["size", "code"], ascending=[False, True], kind="mergesort"
    ).index.to_numpy()
    return subset.iloc[order[:limit]]
