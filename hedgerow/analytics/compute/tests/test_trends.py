"""The exact Poisson rate test, the per-area change table and its rankings."""

from math import comb

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hedgerow.analytics.compute.trends import (
    most_changed,
    poisson_rate_test,
    poisson_rate_tests,
    rate_change_table,
)


def doubled_tail(before: int, after: int, q: float) -> float:
    """min(1, 2·min(P(X ≤ after), P(X ≥ after))), X ~ Binomial(n, q), by sums."""
    n = before + after
    pmf = [comb(n, x) * q**x * (1 - q) ** (n - x) for x in range(n + 1)]
    return min(1.0, 2 * min(sum(pmf[: after + 1]), sum(pmf[after:])))


def test_no_crime_before_and_four_after_in_equal_periods():
    # n = 4, q = 1/2: P(X ≥ 4) = 1/16, doubled = 1/8.
    result = poisson_rate_test(0, 4, months_before=6, months_after=6)

    assert result.p == pytest.approx(0.125)
    assert result.rate_ratio == np.inf
    assert (result.before, result.after) == (0, 4)


def test_equal_counts_in_equal_periods_give_p_of_one():
    result = poisson_rate_test(20, 20, months_before=12, months_after=12)

    assert result.p == 1.0
    assert result.rate_ratio == 1.0


def test_equal_periods_match_scipy_binomtest_and_are_symmetric():
    # With q = 1/2 the binomial is symmetric, so scipy's "as likely" two-sided
    # p-value and the doubled tail are the same number.
    for n in range(1, 31):
        for after in range(n + 1):
            before = n - after
            ours = poisson_rate_test(before, after, months_before=6, months_after=6)
            swapped = poisson_rate_test(after, before, months_before=6, months_after=6)
            assert ours.p == pytest.approx(stats.binomtest(after, n, 0.5).pvalue)
            assert ours.p == pytest.approx(swapped.p)


def test_unequal_periods_use_the_doubled_tail_not_scipy_minlike():
    # 12 months before, 6 after: q = 1/3.
    q = 6 / 18
    for before, after in [(3, 9), (30, 5), (10, 5), (0, 7), (12, 0)]:
        result = poisson_rate_test(before, after, months_before=12, months_after=6)
        assert result.p == pytest.approx(doubled_tail(before, after, q))
    # The documented difference: for 10 before and 2 after, scipy sums the
    # outcomes no more likely than 2 from both tails and reports less.
    ours = poisson_rate_test(10, 2, months_before=12, months_after=6).p
    theirs = stats.binomtest(2, 12, q).pvalue
    assert ours == pytest.approx(doubled_tail(10, 2, q))
    assert theirs < ours
    assert ours != pytest.approx(theirs)


def test_rate_ratio_compares_monthly_rates():
    # 12 in 12 months is 1 a month; 12 in 6 months is 2 a month.
    assert poisson_rate_test(
        12, 12, months_before=12, months_after=6
    ).rate_ratio == pytest.approx(2.0)
    assert poisson_rate_test(5, 0, months_before=6, months_after=6).rate_ratio == 0


def test_no_crime_in_either_period():
    result = poisson_rate_test(0, 0, months_before=6, months_after=6)

    assert result.p == 1.0
    assert np.isnan(result.rate_ratio)


def test_vectorised_form_matches_one_at_a_time():
    before = np.array([0, 0, 3, 40, 7, 15])
    after = np.array([0, 5, 3, 80, 1, 15])

    ratio, p = poisson_rate_tests(before, after, months_before=9, months_after=3)

    for i in range(before.size):
        one = poisson_rate_test(
            int(before[i]), int(after[i]), months_before=9, months_after=3
        )
        assert p[i] == pytest.approx(one.p)
        assert ratio[i] == pytest.approx(one.rate_ratio, nan_ok=True)


@pytest.mark.parametrize(
    ("before", "after", "months"),
    [
        ([1], [1], (0, 6)),
        ([-1], [1], (6, 6)),
        ([1.5], [1], (6, 6)),
        ([1], [1, 2], (6, 6)),
    ],
)
def test_bad_inputs_are_refused(before, after, months):
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        poisson_rate_tests(
            np.array(before),
            np.array(after),
            months_before=months[0],
            months_after=months[1],
        )


def areas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "population": [1500, 1600, 1400, 0, 1550],
            "before": [20, 40, 60, 0, 10],
            "after": [21, 120, 10, 0, 14],
        },
        index=pd.Index(
            ["E01000005", "E01000001", "E01000002", "E01000003", "E01000004"]
        ),
    )


def test_change_table_rates_change_and_direction():
    table = rate_change_table(areas(), months_before=12, months_after=6)

    rise = table.loc["E01000001"]
    assert rise["before_rate"] == pytest.approx(40 / 1600 * 1000)
    assert rise["after_rate"] == pytest.approx(120 / 1600 * 1000)
    assert rise["before_per_month"] == pytest.approx(40 / 12)
    assert rise["after_per_month"] == pytest.approx(20)
    assert rise["change"] == pytest.approx(20 - 40 / 12)
    assert rise["rate_ratio"] == pytest.approx(20 / (40 / 12))
    assert rise["significant"]
    assert rise["direction"] == "rising"

    fall = table.loc["E01000002"]
    assert fall["direction"] == "falling"
    assert fall["significant"]

    empty = table.loc["E01000003"]
    assert np.isnan(empty["before_rate"])
    assert np.isnan(empty["after_rate"])
    assert empty["p"] == 1.0
    assert empty["direction"] == "no-change"
    assert not empty["significant"]


def test_benjamini_hochberg_adjustment_by_hand():
    table = rate_change_table(areas(), months_before=12, months_after=6)
    p = table["p"].to_numpy()
    m = p.size
    order = np.argsort(p)
    # Step-up: p_(i)·m/i, then the running minimum from the largest p down.
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1].clip(max=1)
    expected = np.empty(m)
    expected[order] = adjusted

    np.testing.assert_allclose(table["p_adjusted"].to_numpy(), expected)
    assert (table["p_adjusted"] >= table["p"]).all()


def test_fdr_can_turn_a_borderline_change_insignificant():
    # 30 → 50 in equal periods: p ≈ 0.033 alone, but among many unchanged areas
    # the adjustment lifts it over 0.05.
    frame = pd.DataFrame(
        {
            "population": [1500] * 10,
            "before": [30] + [25] * 9,
            "after": [50] + [25] * 9,
        },
        index=[f"E0100000{i}" for i in range(10)],
    )
    raw = rate_change_table(frame, months_before=6, months_after=6, fdr=False)
    adjusted = rate_change_table(frame, months_before=6, months_after=6)

    assert raw.loc["E01000000", "p"] == pytest.approx(doubled_tail(30, 50, 0.5))
    assert raw.loc["E01000000", "p"] < 0.05
    assert raw.loc["E01000000", "significant"]
    assert (raw["p_adjusted"] == raw["p"]).all()
    assert not adjusted.loc["E01000000", "significant"]


def test_missing_columns_are_reported():
    with pytest.raises(ValueError, match="population"):
        rate_change_table(
            areas().drop(columns="population"), months_before=6, months_after=6
        )


def ranking_table() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "population": [1500] * 6,
            # Monthly changes (equal 1-month periods): +100, +100, +60, +2, -80, 0.
            "before": [100, 100, 100, 100, 180, 50],
            "after": [200, 200, 160, 102, 100, 50],
        },
        index=["E0100000C", "E0100000A", "E0100000B", "E0100000D", "E0100000E", "F"],
    )
    return rate_change_table(frame, months_before=1, months_after=1)


def test_most_changed_sorts_by_absolute_change_then_code():
    rising = most_changed(ranking_table(), direction="rising")

    # The +2 change is not significant and is left out.
    assert rising.index.tolist() == ["E0100000A", "E0100000C", "E0100000B"]
    assert most_changed(
        ranking_table(), direction="rising", limit=2
    ).index.tolist() == [
        "E0100000A",
        "E0100000C",
    ]


def test_most_changed_can_include_insignificant_changes_and_falls():
    table = ranking_table()

    everything = most_changed(table, direction="rising", significant_only=False)
    assert everything.index.tolist()[-1] == "E0100000D"
    assert most_changed(table, direction="falling").index.tolist() == ["E0100000E"]
    with pytest.raises(ValueError, match="direction"):
        most_changed(table, direction="sideways")  # type: ignore[arg-type]
