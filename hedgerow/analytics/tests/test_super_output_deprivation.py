"""Deprivation once File 7 is loaded: super output matching and the LSOA page."""

from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse

from hedgerow.analytics.queries import area_query
from hedgerow.analytics.selectors import super_output
from hedgerow.analytics.tests.conftest import csv_text
from hedgerow.geography.sources.deprivation import (
    MEASURES,
    decile_header,
    rank_header,
)

pytestmark = pytest.mark.django_db


def file7(codes: list[str]) -> str:
    """File 7's columns; income and health vary by LSOA, the rest are constant."""
    header = ["LSOA code (2011)", "LSOA name (2011)"]
    header += ["Local Authority District code (2019)"]
    header += ["Local Authority District name (2019)"]
    for measure in MEASURES:
        header += [measure.score_header, rank_header(measure), decile_header(measure)]
    header += ["Total population: mid 2015 (excluding prisoners)"]
    rows = []
    for n, code in enumerate(codes):
        row = [code, f"Area {code}", "E08000035", "Leeds"]
        for measure in MEASURES:
            score = {
                "income": (n * 7919) % 97 / 100,
                "health": ((n * 104729) % 89) / 30 - 1.5,
                "crime": (n * 31) % 53 / 10,  # varies, but must not be used
            }.get(measure.slug, 0.2)
            row += [f"{score:.3f}", str(1 + n), str(1 + n % 10)]
        rows.append([*row, "1500"])
    return csv_text(header, rows)


def test_deprivation_domains_drive_the_matching_and_the_crime_domain_does_not(
    imported, tmp_path
):
    path = tmp_path / "file7.csv"
    path.write_text(file7(imported), encoding="utf-8")
    call_command("load_geography", "--no-progress", imd=str(path), stdout=StringIO())

    result = super_output(area_query(lens="soc"))

    comparison = result.comparison
    assert comparison is not None
    # The fixture's LSOAs are alike in density and households: only the varying
    # deprivation domains are left, and never the Crime domain.
    assert set(comparison.features) == {"imd_income", "imd_health"}
    frame = result.areas
    z = {
        f: (frame[f] - frame[f].mean()) / frame[f].std(ddof=0)
        for f in comparison.features
    }
    lows = frame.index[frame["rate"] <= comparison.low_threshold]
    for high, pairs in comparison.pairs.groupby("high_code"):
        distances = sorted(
            (
                float(np.sqrt(sum((z[f][high] - z[f][low]) ** 2 for f in z) / len(z))),
                low,
            )
            for low in lows
            if low != high
        )
        nearest = distances[0][0]
        tied = [code for d, code in distances if abs(d - nearest) < 1e-9]
        first = pairs[pairs["rank"] == 1].iloc[0]
        assert first["distance"] == pytest.approx(nearest)
        assert first["low_code"] == min(tied)  # equal distances: lowest code


def test_deprivation_covering_too_few_areas_is_left_out(imported, tmp_path):
    path = tmp_path / "file7.csv"
    path.write_text(file7(imported[: len(imported) // 2]), encoding="utf-8")
    call_command("load_geography", "--no-progress", imd=str(path), stdout=StringIO())

    result = super_output(area_query(lens="soc"))

    assert "imd_income" not in result.areas.columns
    assert result.comparison is None  # nothing else varies in this fixture


def test_the_lsoa_page_shows_its_deprivation_when_loaded(imported, tmp_path, analyst):
    code = imported[3]
    before = analyst.get(reverse("areas:lsoa", args=[code])).content.decode()
    assert "Indices of Deprivation" not in before

    path = tmp_path / "file7.csv"
    path.write_text(file7(imported), encoding="utf-8")
    call_command("load_geography", "--no-progress", imd=str(path), stdout=StringIO())

    page = analyst.get(reverse("areas:lsoa", args=[code])).content.decode()
    # file7() gives the n-th LSOA rank n + 1 and decile (n mod 10) + 1.
    assert "Decile 4 of 10, rank 4 of 32,844 (1 is the most deprived)" in page
    assert "Deprivation by domain" in page
    assert "Living environment" in page
