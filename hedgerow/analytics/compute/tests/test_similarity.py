"""Super output vs zero output matching on frames whose answers are known."""

import numpy as np
import pandas as pd
import pytest

from hedgerow.analytics.compute.similarity import (
    Comparison,
    explain_differences,
    super_output_comparison,
)


def town() -> pd.DataFrame:
    """Ten areas, rates 1..10: with top=0.2 the highs are H1 (rate 10) and H2
    (rate 9); with bottom=0.5 the lows are the five with rates 1..5."""
    return pd.DataFrame(
        {
            "rate": [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
            "density": [0.0, 10.0, 5.0, 5.0, 5.0, 0.5, 9.0, 3.0, 10.0, 1.0],
            "households": [100, 300, 200, 200, 200, 110, 290, 150, 305, 130],
            "group": ["a", "b", "a", "b", "a", "b", "b", "a", "a", "a"],
        },
        index=pd.Index(["H1", "H2", "M1", "M2", "M3", "L1", "L2", "L3", "L4", "L5"]),
    )


def by_hand(frame: pd.DataFrame, high: str, low: str, features: list[str]) -> float:
    total = 0.0
    for f in features:
        column = frame[f].astype(float)
        sd = np.sqrt(((column - column.mean()) ** 2).mean())  # population sd
        total += ((column[high] - column[low]) / sd) ** 2
    return float(np.sqrt(total / len(features)))


def matches(result: Comparison, high: str) -> list[str]:
    rows = result.pairs[result.pairs["high_code"] == high]
    return rows.sort_values("rank")["low_code"].tolist()


def test_nearest_low_areas_and_distances():
    frame = town()
    result = super_output_comparison(
        frame, features=["density", "households"], top=0.2, bottom=0.5, k=2
    )

    assert result.high.index.tolist() == ["H1", "H2"]
    assert result.high_threshold == pytest.approx(8.2)
    assert result.low_threshold == pytest.approx(5.5)
    # H1 (0, 100) is next to L1 (0.5, 110), then L5 (1, 130).
    assert matches(result, "H1") == ["L1", "L5"]
    # H2 (10, 300) is next to L4 (10, 305), then L2 (9, 290).
    assert matches(result, "H2") == ["L4", "L2"]
    assert result.pairs["rank"].tolist() == [1, 2, 1, 2]
    for row in result.pairs.itertuples():
        expected = by_hand(frame, row.high_code, row.low_code, list(result.features))
        assert row.distance == pytest.approx(expected)
    assert result.scale.loc["density", "sd"] == pytest.approx(
        frame["density"].std(ddof=0)
    )
    assert result.excluded == 0


def test_same_group_restricts_candidates():
    result = super_output_comparison(
        town(),
        features=["density", "households"],
        top=0.2,
        bottom=0.5,
        k=3,
        same_group="group",
    )

    # H2 is in group b, whose only low areas are L1 and L2.
    assert matches(result, "H2") == ["L2", "L1"]
    # H1 is in group a with lows L3, L4, L5.
    assert matches(result, "H1") == ["L5", "L3", "L4"]


def test_a_group_without_low_areas_gets_no_matches():
    frame = town()
    frame.loc["H2", "group"] = "c"

    result = super_output_comparison(
        frame, features=["density"], top=0.2, bottom=0.5, same_group="group"
    )

    assert matches(result, "H2") == []
    assert "H2" in result.high.index


def test_constant_and_empty_features_are_dropped():
    frame = town().assign(flat=7.0, unknown=np.nan)

    result = super_output_comparison(
        frame, features=["density", "flat", "unknown"], top=0.2, bottom=0.5, k=1
    )

    assert result.features == ("density",)
    assert result.dropped_features == ("flat", "unknown")
    assert result.scale.index.tolist() == ["density"]
    # One feature: distance is |Δ| / sd, no √p shrinkage.
    sd = frame["density"].std(ddof=0)
    assert result.pairs["distance"].iloc[0] == pytest.approx(0.5 / sd)
    with pytest.raises(ValueError, match="varies"):
        super_output_comparison(frame, features=["flat"], top=0.2, bottom=0.5)


def test_a_constant_feature_with_rounding_noise_is_still_constant():
    # 0.1 summed ten ways is not exactly 1.0 every time: the sd is ~1e-16, not 0.
    frame = town().assign(rate_context=[sum([0.1] * n) / n * 10 for n in range(1, 11)])
    assert frame["rate_context"].std(ddof=0) > 0

    result = super_output_comparison(
        frame, features=["density", "rate_context"], top=0.2, bottom=0.5, k=1
    )

    assert result.features == ("density",)
    assert result.dropped_features == ("rate_context",)


def test_areas_missing_a_feature_are_left_out_and_counted():
    frame = town()
    frame.loc["L1", "households"] = np.nan

    result = super_output_comparison(
        frame, features=["density", "households"], top=0.2, bottom=0.5, k=2
    )

    assert result.excluded == 1
    assert matches(result, "H1") == ["L5", "L3"]
    assert "L1" not in set(result.pairs["low_code"])
    # The scale still uses every area that has the value.
    assert result.scale.loc["households", "mean"] == pytest.approx(
        frame["households"].mean()
    )


def test_equal_distances_are_broken_by_code_whatever_the_row_order():
    frame = pd.DataFrame(
        {"rate": [10.0, 1.0, 1.0, 1.0, 2.0], "x": [0.0, 1.0, 1.0, -1.0, 5.0]},
        index=["H", "LC", "LA", "LB", "LD"],
    )
    expected = ["LA", "LB", "LC"]  # all one unit away, so alphabetical

    for seed in range(5):
        shuffled = frame.sample(frac=1, random_state=seed)
        one = super_output_comparison(shuffled, features=["x"], top=0.2, k=1)
        three = super_output_comparison(shuffled, features=["x"], top=0.2, k=3)
        assert matches(one, "H") == ["LA"]
        assert matches(three, "H") == expected


def test_matches_agree_with_brute_force_on_random_areas():
    rng = np.random.default_rng(5)
    n = 400
    frame = pd.DataFrame(
        {
            "rate": rng.gamma(2.0, 20.0, n),
            "a": rng.normal(size=n),
            "b": rng.normal(5, 3, size=n),
            "c": rng.integers(0, 4, size=n).astype(float),  # plenty of ties
        },
        index=[f"E01{i:06d}" for i in rng.permutation(n)],
    )
    result = super_output_comparison(frame, features=["a", "b", "c"], k=4)

    features = ["a", "b", "c"]
    z = (frame[features] - frame[features].mean()) / frame[features].std(ddof=0)
    rates = frame["rate"]
    highs = rates[rates >= rates.quantile(0.9)].index
    lows = rates[rates <= rates.quantile(0.5)].index
    for high in highs:
        distance = np.sqrt(((z.loc[lows] - z.loc[high]) ** 2).sum(axis=1) / 3)
        ranked = pd.DataFrame({"d": distance.round(9), "code": lows})
        best = ranked.sort_values(["d", "code"])["code"].head(4).tolist()
        assert matches(result, high) == best


def test_explain_differences_lists_largest_gaps_in_sd():
    frame = town()
    result = super_output_comparison(
        frame, features=["density", "households"], top=0.2, bottom=0.5, k=1
    )

    table = explain_differences(
        frame, result.pairs, result.features, scale=result.scale, limit=1
    )

    assert table.columns.tolist() == [
        "high_code",
        "low_code",
        "rank",
        "feature",
        "high_value",
        "low_value",
        "difference_sd",
    ]
    assert len(table) == 2
    h1 = table[table["high_code"] == "H1"].iloc[0]
    sd = result.scale["sd"]
    # H1 vs L1: density 0 vs 0.5, households 100 vs 110.
    gaps = {"density": -0.5 / sd["density"], "households": -10 / sd["households"]}
    widest = max(gaps, key=lambda f: abs(gaps[f]))
    assert h1["feature"] == widest
    assert h1["low_code"] == "L1"
    assert (h1["high_value"], h1["low_value"]) == tuple(frame.loc[["H1", "L1"], widest])
    assert h1["difference_sd"] == pytest.approx(gaps[widest])

    everything = explain_differences(
        frame, result.pairs, result.features, scale=result.scale, limit=5
    )
    assert len(everything) == 4  # capped at the two features per pair
    first = everything[everything["high_code"] == "H1"]["difference_sd"].abs()
    assert first.is_monotonic_decreasing


def test_explain_differences_with_no_pairs_is_empty():
    frame = town()
    result = super_output_comparison(frame, features=["density"], top=0.2, bottom=0.5)

    table = explain_differences(
        frame, result.pairs.iloc[0:0], result.features, scale=result.scale
    )

    assert table.empty
    assert "difference_sd" in table.columns


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"features": ["nope"]}, "Missing columns"),
        ({"features": []}, "At least one"),
        ({"features": ["density"], "top": 0.6, "bottom": 0.5}, "together"),
        ({"features": ["density"], "top": 0.0}, "between"),
        ({"features": ["density"], "k": 0}, "k must"),
        ({"features": ["density"], "same_group": "ward"}, "ward"),
    ],
)
def test_bad_arguments_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        super_output_comparison(town(), **kwargs)
