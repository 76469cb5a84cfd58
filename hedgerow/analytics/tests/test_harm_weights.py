"""Harm weighting: loading a weights table, and harm on the real West Yorkshire months.

The weights here are made up for the tests; Hedgerow ships none.
"""

import csv
from collections import Counter
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from esda.getisord import G_Local

from hedgerow.analytics.compute.classify import assign_classes, class_breaks
from hedgerow.analytics.compute.policeuk import CRIME_TYPES
from hedgerow.analytics.compute.weights import geometries_from_geojson, queen_weights
from hedgerow.analytics.models import HarmWeights
from hedgerow.analytics.tests.conftest import JULY_2016, JULY_2017, real_rows
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.geography.models import Lsoa

pytestmark = pytest.mark.django_db
SOC = {"Drugs", "Possession of weapons", "Robbery"}
# Made up: Possession of weapons is left out on purpose, so it weighs 0.
WEIGHTS = {"Drugs": 2.0, "Robbery": 10.0, "Burglary": 4.5}
WEIGHTS_CSV = (
    "crime_type,weight,note\nDrugs,2,test\nRobbery,10,test\nBurglary,4.5,test\n"
)
POPULATION = 1500  # every LSOA of the real_geography fixture


def load(path: Path, name: str = "test-weights", **options: str) -> str:
    out = StringIO()
    call_command(
        "load_harm_weights",
        str(path),
        "--name",
        name,
        "--title",
        options.get("title", "Test weights"),
        "--source",
        options.get("source", "made up for the tests"),
        stdout=out,
    )
    return out.getvalue()


def write(tmp_path: Path, text: str, name: str = "weights.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def weights_file(tmp_path):
    return write(tmp_path, WEIGHTS_CSV)


@pytest.fixture
def weighted(imported, weights_file):
    load(weights_file)
    return imported


def command(name: str, *args: str) -> tuple[list[dict[str, str]], str]:
    out, err = StringIO(), StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return list(csv.DictReader(StringIO(out.getvalue()))), err.getvalue()


def expected_harm(types: set[str] | None = None) -> dict[str, float]:
    """Σ count × weight per LSOA, counted from the files with csv.DictReader."""
    counts = Counter(
        (row["LSOA code"], row["Crime type"])
        for path in (JULY_2016, JULY_2017)
        for row in real_rows(path)
        if row["LSOA code"] and (types is None or row["Crime type"] in types)
    )
    harm: Counter[str] = Counter()
    for (code, crime_type), n in counts.items():
        harm[code] += n * WEIGHTS.get(crime_type, 0.0)
    return dict(harm)


# Loading


def test_load_harm_weights_saves_the_table_and_audits_it(weights_file):
    out = load(weights_file)

    harm = HarmWeights.objects.get()
    assert (harm.slug, harm.title, harm.source) == (
        "test-weights",
        "Test weights",
        "made up for the tests",
    )
    assert harm.weights == WEIGHTS
    assert harm.notes == {"Drugs": "test", "Robbery": "test", "Burglary": "test"}
    assert "Loaded harm weights “test-weights” (Test weights)" in out
    assert "  Robbery: 10\n" in out
    assert "No weight, so counted as 0 harm: Anti-social behaviour, Bicycle theft" in (
        out
    )
    event = AuditEvent.objects.get(target_type="analytics.harmweights")
    assert event.action == Action.CREATE
    assert event.detail["weights"] == WEIGHTS
    assert event.detail["source"] == "made up for the tests"


def test_loading_the_same_name_again_replaces_the_table(weights_file, tmp_path):
    load(weights_file)
    again = write(tmp_path, "crime_type,weight\nShoplifting,1\n", "again.csv")

    out = load(again, title="Test weights, second edition")

    harm = HarmWeights.objects.get()
    assert harm.weights == {"Shoplifting": 1.0}
    assert harm.notes == {}
    assert harm.title == "Test weights, second edition"
    assert "Replaced harm weights" in out
    events = AuditEvent.objects.filter(target_type="analytics.harmweights")
    assert [e.action for e in events.order_by("seq")] == [Action.CREATE, Action.UPDATE]
    assert events.order_by("seq").last().detail["replaced"] == WEIGHTS


def test_loading_the_same_file_twice_gives_the_same_table(weights_file):
    load(weights_file)
    first = HarmWeights.objects.values("weights", "notes", "title", "source").get()

    load(weights_file)

    assert HarmWeights.objects.count() == 1
    assert HarmWeights.objects.values("weights", "notes", "title", "source").get() == (
        first
    )


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            "type,weight\nRobbery,1\n",
            1,
            "the header is “type,weight”, not crime_type,weight (and optionally note)",
        ),
        (
            "crime_type,weight\nRobbery,1\nGuns,3\n",
            3,
            "“Guns” is not a police.uk crime type (write it exactly as police.uk "
            "does). Crime types: " + ", ".join(CRIME_TYPES),
        ),
        (
            "crime_type,weight\nRobbery,lots\n",
            2,
            "the weight “lots” of Robbery is not a number",
        ),
        (
            "crime_type,weight\nDrugs,1\nRobbery,-2\n",
            3,
            "the weight -2 of Robbery is negative; weights are 0 or more",
        ),
        (
            "crime_type,weight\nRobbery,1\nDrugs,1\nRobbery,2\n",
            4,
            "Robbery is weighted twice (first on line 2)",
        ),
        ("crime_type,weight\n", 1, "the file has a header but no weights"),
    ],
)
def test_a_bad_row_is_named_with_its_line_and_nothing_is_saved(
    tmp_path, text, line, reason
):
    path = write(tmp_path, text)

    with pytest.raises(CommandError) as error:
        load(path)

    assert str(error.value) == f"Nothing was loaded:\n{path}:{line}: {reason}"
    assert not HarmWeights.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_empty_file_is_refused(tmp_path):
    path = write(tmp_path, "")

    with pytest.raises(CommandError, match="the file is empty: it needs the header"):
        load(path)
    assert not HarmWeights.objects.exists()


def test_every_bad_row_is_listed(tmp_path):
    path = write(tmp_path, "crime_type,weight\nGuns,1\nDrugs,2\nRobbery,-1\n")

    with pytest.raises(CommandError) as error:
        load(path)

    assert f"{path}:2: “Guns” is not a police.uk crime type" in str(error.value)
    assert f"{path}:4: the weight -1 of Robbery is negative" in str(error.value)


def test_a_bad_reload_leaves_the_loaded_table_as_it_was(weights_file, tmp_path):
    load(weights_file)
    bad = write(tmp_path, "crime_type,weight\nShoplifting,1\nRobbery,x\n", "bad.csv")

    with pytest.raises(CommandError, match=r"bad\.csv:3: the weight “x” of Robbery"):
        load(bad)

    assert HarmWeights.objects.get().weights == WEIGHTS
    assert AuditEvent.objects.filter(target_type="analytics.harmweights").count() == 1


@pytest.mark.parametrize(
    ("name", "source", "message"),
    [
        ("Test Weights", "made up", "--name: “Test Weights” is not a table name"),
        ("test", "  ", "--source: the source is empty: say where the weights come"),
    ],
)
def test_a_bad_name_or_an_empty_source_is_refused(weights_file, name, source, message):
    with pytest.raises(CommandError, match=message):
        load(weights_file, name=name, source=source)
    assert not HarmWeights.objects.exists()


# Harm in the area statistics


def test_area_stats_with_harm_adds_harm_and_harm_per_1000(weighted):
    rows, err = command(
        "area_stats",
        "--force",
        "west-yorkshire",
        "--lens",
        "soc",
        "--harm",
        "test-weights",
    )

    assert list(rows[0]) == [
        "code",
        "name",
        "count",
        "population",
        "rate",
        "harm",
        "harm_rate",
    ]
    harm = expected_harm(SOC)
    for row in rows:
        expected = harm.get(row["code"], 0.0)
        assert float(row["harm"]) == pytest.approx(expected)
        assert float(row["harm_rate"]) == round(expected / POPULATION * 1000, 3)
    assert sum(float(row["harm"]) for row in rows) == pytest.approx(sum(harm.values()))
    assert "weighted by harm with “Test weights” (test-weights)" in err
    assert "no weight, so no harm, for Possession of weapons" in err


def test_area_stats_with_harm_over_all_types_names_the_unweighted_ones(weighted):
    rows, err = command("area_stats", "--level", "lad", "--harm", "test-weights")

    (leeds,) = rows
    assert float(leeds["harm"]) == pytest.approx(sum(expected_harm().values()))
    recorded = {
        row["Crime type"]
        for path in (JULY_2016, JULY_2017)
        for row in real_rows(path)
        if row["LSOA code"]
    }
    missing = [t for t in CRIME_TYPES if t in recorded - set(WEIGHTS)]
    assert f"no weight, so no harm, for {', '.join(missing)}" in err


def test_area_stats_without_harm_has_no_harm_columns(weighted):
    rows, err = command("area_stats", "--lens", "soc")

    assert list(rows[0]) == ["code", "name", "count", "population", "rate"]
    assert "harm" not in err


def test_area_stats_when_every_type_counted_has_a_weight(weighted):
    _, err = command(
        "area_stats",
        "--crime-type",
        "Drugs",
        "--crime-type",
        "Robbery",
        "--harm",
        "test-weights",
    )

    assert "every crime type counted has a weight" in err


def test_an_unknown_harm_table_lists_the_loaded_ones(weighted):
    with pytest.raises(
        CommandError,
        match=r"“cchi” is not a harm weights table. Loaded tables: test-weights "
        r"\(Test weights\)",
    ):
        command("area_stats", "--harm", "cchi")


def test_harm_without_any_table_loaded_says_how_to_load_one(imported):
    with pytest.raises(CommandError, match=r"none is loaded\. Load one with hedgerow"):
        command("area_stats", "--harm", "cchi")


def test_hotspots_with_harm_are_gi_star_on_harm_per_1000(weighted):
    rows, err = command(
        "hotspots",
        "--lens",
        "soc",
        "--harm",
        "test-weights",
        "--permutations",
        "99",
        "--seed",
        "7",
    )

    assert list(rows[0])[5:8] == ["harm", "harm_rate", "gi_z"]
    codes = [row["code"] for row in rows]
    boundaries = dict(Lsoa.objects.values_list("code", "boundary"))
    weights = queen_weights(
        codes, geometries_from_geojson([boundaries[c] for c in codes])
    )
    harm = expected_harm(SOC)
    harm_rates = np.array([harm.get(c, 0.0) / POPULATION * 1000 for c in codes])
    reference = G_Local(
        harm_rates, weights, transform="B", star=True, permutations=99, seed=7
    )
    np.testing.assert_allclose(
        [float(row["gi_z"]) for row in rows], np.round(reference.Zs, 3), atol=1e-3
    )
    assert "weighted by harm" in err


def test_emerging_hot_spots_refuse_harm(weighted):
    with pytest.raises(CommandError, match="--harm does not apply to --emerging"):
        command("hotspots", "--emerging", "--harm", "test-weights")


# Harm on the pages


def test_the_map_page_offers_no_harm_filter_until_a_table_is_loaded(imported, analyst):
    page = analyst.get(reverse("areas:map")).content.decode()

    assert "Weigh by harm" not in page


def test_the_map_page_offers_the_loaded_harm_tables(weighted, analyst):
    page = analyst.get(reverse("areas:map")).content.decode()

    assert "Weigh by harm" in page
    assert '<option value="test-weights">Test weights</option>' in page
    assert "No: every crime counts as one" in page
    assert "Harm per 1,000" not in page  # not chosen


def test_the_map_weighted_by_harm_says_so_and_tables_harm(weighted, analyst):
    page = analyst.get(reverse("areas:map"), {"harm": "test-weights"}).content.decode()

    assert "weighted by harm with “Test weights” (test-weights)" in page
    assert "no weight, so no harm, for Possession of weapons" in page
    assert "Legend: harm per 1,000 residents. Quantiles" in page
    assert "Harm per 1,000</th>" in page
    soc = Counter(
        row["LSOA code"]
        for path in (JULY_2016, JULY_2017)
        for row in real_rows(path)
        if row["Crime type"] in SOC and row["LSOA code"]
    )
    top = min(soc, key=lambda code: (-soc[code], code))  # the table's first row
    harm = expected_harm(SOC)[top]
    row = page[page.index(f'<td class="govuk-table__cell">{top}</td>') :][:800]
    assert f">{harm:.2f}<" in row
    assert f">{harm / POPULATION * 1000:.2f}<" in row


def test_the_map_colours_areas_by_harm_per_1000(weighted, analyst):
    response = analyst.get(
        reverse("areas:map_geojson"), {"harm": "test-weights", "display": "map"}
    )

    classes = {
        f["properties"]["code"]: f["properties"]["rate_class"]
        for f in response.json()["features"]
    }
    harm = expected_harm(SOC)
    codes = sorted(classes)
    harm_rates = np.array([harm.get(c, 0.0) / POPULATION * 1000 for c in codes])
    breaks = class_breaks(harm_rates, k=5, method="quantile")
    expected = dict(zip(codes, assign_classes(harm_rates, breaks), strict=True))
    assert classes == expected


def test_the_downloads_weighted_by_harm_carry_harm_and_harm_rate(weighted, analyst):
    harm = expected_harm(SOC)
    for name in ("areas:map_csv", "areas:hotspots_csv"):
        response = analyst.get(reverse(name), {"harm": "test-weights"})
        rows = {
            r["code"]: r for r in csv.DictReader(StringIO(response.content.decode()))
        }
        assert rows, name
        for code, row in rows.items():
            assert float(row["harm"]) == pytest.approx(harm.get(code, 0.0), abs=1e-3)
            assert float(row["harm_rate"]) == pytest.approx(
                harm.get(code, 0.0) / POPULATION * 1000, abs=1e-3
            )
    geojson = analyst.get(reverse("areas:hotspots_geojson"), {"harm": "test-weights"})
    properties = [f["properties"] for f in geojson.json()["features"]]
    assert properties
    assert all("harm_rate" in p and "gi_z" in p for p in properties)
    plain = analyst.get(reverse("areas:map_csv")).content.decode()
    assert "harm" not in plain.splitlines()[0]


def test_the_hotspots_page_weighted_by_harm_says_so(weighted, analyst):
    page = analyst.get(
        reverse("areas:hotspots"), {"harm": "test-weights"}
    ).content.decode()

    assert "weighted by harm with “Test weights” (test-weights)" in page
    assert "Hot and cold spots of harm per 1,000 residents" in page


def test_pages_that_do_not_weigh_by_harm_ignore_it(weighted, analyst):
    page = analyst.get(
        reverse("areas:emerging"), {"harm": "test-weights"}
    ).content.decode()

    assert "Weigh by harm" not in page
    assert "weighted by harm" not in page


def test_an_unknown_harm_table_on_the_page_is_explained(weighted, analyst):
    response = analyst.get(reverse("areas:map"), {"harm": "cchi"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "cchi is not one of the available choices" in page
    assert "weighted by harm" not in page
