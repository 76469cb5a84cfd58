"""`hedgerow area_stats` and `hedgerow hotspots` on the real West Yorkshire months."""

import csv
from collections import Counter
from io import StringIO

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from esda.getisord import G_Local

from hedgerow.analytics.compute.weights import geometries_from_geojson, queen_weights
from hedgerow.analytics.tests.conftest import JULY_2016, JULY_2017, real_rows
from hedgerow.geography.models import Lsoa

pytestmark = pytest.mark.django_db
SOC = {"Drugs", "Possession of weapons", "Robbery"}


@pytest.fixture
def imported(real_geography):
    call_command("import_policeuk", str(JULY_2016), str(JULY_2017), "--no-progress")
    # Two local authorities, so the lad level has something to add up.
    Lsoa.objects.filter(code__in=real_geography[::2]).update(
        local_authority_code="E08000032", local_authority_name="Bradford"
    )
    return real_geography


def table(command: str, *args: str) -> list[dict[str, str]]:
    out, err = StringIO(), StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return list(csv.DictReader(StringIO(out.getvalue())))


def test_every_area_gets_its_count_and_rate_per_1000_residents(imported):
    rows = table("area_stats", "--force", "west-yorkshire", "--lens", "soc")

    expected = Counter(
        row["LSOA code"]
        for path in (JULY_2016, JULY_2017)
        for row in real_rows(path)
        if row["Crime type"] in SOC and row["LSOA code"]
    )
    assert list(rows[0]) == ["code", "name", "count", "population", "rate"]
    assert len(rows) == Lsoa.objects.filter(police_force="West Yorkshire").count()
    for row in rows:
        assert int(row["count"]) == expected.get(row["code"], 0)
        population = int(row["population"])  # the factory's 1,500
        assert float(row["rate"]) == round(int(row["count"]) / population * 1000, 3)
    assert any(row["count"] == "0" for row in rows)  # quiet areas are listed too


def test_local_authority_level_adds_up_its_lsoas(imported, tmp_path):
    out = tmp_path / "lad.csv"
    table(
        "area_stats",
        "--crime-type",
        "Drugs",
        "--from",
        "2017-07",
        "--to",
        "2017-07",
        "--level",
        "lad",
        "--out",
        str(out),
    )

    rows = list(csv.DictReader(out.open()))
    drugs = Counter(
        row["LSOA code"] for row in real_rows(JULY_2017) if row["Crime type"] == "Drugs"
    )
    bradford = set(imported[::2])
    by_code = {row["code"]: row for row in rows}
    assert int(by_code["E08000032"]["count"]) == sum(
        n for code, n in drugs.items() if code in bradford
    )
    assert int(by_code["E08000035"]["count"]) == sum(
        n for code, n in drugs.items() if code in set(imported) - bradford
    )
    assert int(by_code["E08000032"]["population"]) == 1500 * len(bradford)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--force", "yorkshire"], "“yorkshire” is not a police.uk force"),
        (["--from", "2017-7"], "--from “2017-7” is not a month written YYYY-MM"),
        (["--from", "2017-08", "--to", "2017-07"], "starts (2017-08) after it ends"),
        (["--lens", "guns"], "“guns” is not a lens"),
        (["--crime-type", "Guns"], "“Guns” is not a police.uk crime type"),
        (["--lens", "soc", "--crime-type", "Drugs"], "not both"),
    ],
)
def test_bad_options_are_explained(imported, args, message):
    with pytest.raises(
        CommandError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        table("area_stats", *args)


def test_hotspots_are_esdas_gi_star_on_the_rates(imported):
    rows = table("hotspots", "--lens", "soc", "--permutations", "99", "--seed", "7")

    codes = [row["code"] for row in rows]
    boundaries = dict(Lsoa.objects.values_list("code", "boundary"))
    weights = queen_weights(
        codes, geometries_from_geojson([boundaries[c] for c in codes])
    )
    rates = np.array([int(r["count"]) / int(r["population"]) * 1000 for r in rows])
    reference = G_Local(
        rates, weights, transform="B", star=True, permutations=99, seed=7
    )
    np.testing.assert_allclose(
        [float(row["gi_z"]) for row in rows], np.round(reference.Zs, 3), atol=1e-3
    )
    two_sided = np.minimum(1, 2 * reference.p_sim)
    np.testing.assert_allclose(
        [float(row["gi_p"]) for row in rows], two_sided, atol=1e-5
    )
    # With 99 permutations nothing survives the FDR correction over 1,409 areas.
    assert {row["hotspot"] for row in rows} == {"not-significant"}


def test_uncorrected_classes_follow_the_90_95_99_thresholds(imported):
    rows = table("hotspots", "--lens", "soc", "--permutations", "99", "--no-fdr")

    def expected(row):
        z, p = float(row["gi_z"]), float(row["gi_p"])
        for level, alpha in (("99", 0.01), ("95", 0.05), ("90", 0.10)):
            if p <= alpha:
                return ("hot-" if z > 0 else "cold-") + level
        return "not-significant"

    assert [row["hotspot"] for row in rows] == [expected(row) for row in rows]
    assert {row["hotspot"] for row in rows} & {"hot-95", "hot-90"}
