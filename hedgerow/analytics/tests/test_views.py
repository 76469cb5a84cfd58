"""The area pages as an analyst uses them: map, table, downloads, one LSOA."""

import csv
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from scipy.stats import binom

from hedgerow.accounts.roles import Role
from hedgerow.analytics.compute import emerging
from hedgerow.analytics.tests.conftest import JULY_2016, JULY_2017, real_rows
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.geography.models import Lsoa

pytestmark = pytest.mark.django_db
SOC = {"Drugs", "Possession of weapons", "Robbery"}


@pytest.fixture
def imported(real_geography):
    call_command(
        "import_policeuk",
        str(JULY_2016),
        str(JULY_2017),
        "--no-progress",
        stdout=StringIO(),
    )
    return real_geography


@pytest.fixture
def analyst(staff_client):
    return staff_client(Role.ANALYST)


def soc_counts(*paths):
    return Counter(
        row["LSOA code"]
        for path in paths
        for row in real_rows(path)
        if row["Crime type"] in SOC and row["LSOA code"]
    )


def test_the_map_page_says_what_it_shows_and_ranks_the_areas(imported, analyst):
    response = analyst.get(reverse("areas:map"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "SOC indicators (Drugs, Possession of weapons, Robbery)" in page
    assert "2016-07 to 2017-07 (2 months)" in page
    top_code, top_count = soc_counts(JULY_2016, JULY_2017).most_common(1)[0]
    table = page[page.index("highest rate first") :]
    assert top_code in table[:3000]
    assert f">{top_count}<" in table[:3000]
    assert '<svg class="hedgerow-map__svg"' in page  # the map without JavaScript
    assert "Legend: rate per 1,000 residents. Quantiles" in page
    assert 'href="/areas/areas.csv' in page


def test_the_csv_download_is_the_table_and_is_audited(imported, analyst):
    response = analyst.get(
        reverse("areas:map_csv"), {"start": "2017-07", "end": "2017-07"}
    )

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(StringIO(response.content.decode())))
    expected = soc_counts(JULY_2017)
    assert {r["code"]: int(r["count"]) for r in rows if r["count"] != "0"} == dict(
        expected
    )
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.actor_id == analyst.user.pk
    assert "2017-07" in event.detail["describes"]


def test_the_geojson_download_carries_polygons_and_values(imported, analyst):
    response = analyst.get(reverse("areas:map_geojson"), {"what": "type:Drugs"})

    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(imported)
    feature = collection["features"][0]
    assert feature["geometry"]["type"] == "Polygon"
    assert set(feature["properties"]) >= {"code", "name", "count", "rate", "rate_class"}
    assert "Drugs" in collection["description"]
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == 1
    # The map's own fetch of the same data is a view, not a download.
    analyst.get(reverse("areas:map_geojson"), {"display": "map"})
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == 1


def test_an_lsoa_page_shows_its_months_and_crime_types(imported, analyst):
    code, _ = soc_counts(JULY_2017).most_common(1)[0]

    response = analyst.get(reverse("areas:lsoa", args=[code]))

    page = response.content.decode()
    assert response.status_code == 200
    cell = '</th>\n          <td class="govuk-table__cell govuk-table__cell--numeric">'
    assert f"2016-07{cell}{soc_counts(JULY_2016)[code]}<" in page
    assert f"2017-07{cell}{soc_counts(JULY_2017)[code]}<" in page
    every_type = Counter(
        r["Crime type"]
        for p in (JULY_2016, JULY_2017)
        for r in real_rows(p)
        if r["LSOA code"] == code
    )
    top_type, _ = every_type.most_common(1)[0]
    assert top_type in page
    assert "Hot spot status" in page
    assert page.count('<rect class="hedgerow-chart__bar"') == 2  # one bar a month


def test_an_lsoa_csv_has_its_counts_by_month_and_type(imported, analyst):
    code, _ = soc_counts(JULY_2017).most_common(1)[0]

    response = analyst.get(reverse("areas:lsoa_csv", args=[code]))

    rows = list(csv.DictReader(StringIO(response.content.decode())))
    expected = Counter(
        (r["Month"], r["Crime type"])
        for p in (JULY_2016, JULY_2017)
        for r in real_rows(p)
        if r["LSOA code"] == code
    )
    assert {(r["month"], r["crime_type"]): int(r["count"]) for r in rows} == dict(
        expected
    )
    assert AuditEvent.objects.filter(action=Action.EXPORT, target_id=code).exists()


def test_an_unknown_lsoa_is_not_found(imported, analyst):
    assert analyst.get(reverse("areas:lsoa", args=["E01999999"])).status_code == 404


def test_the_hotspots_page_lists_classes_in_its_legend(imported, analyst):
    response = analyst.get(reverse("areas:hotspots"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Hot spot, 99% confidence" in page
    assert "Getis–Ord Gi*" in page


def test_without_crime_the_pages_say_what_to_do(real_geography, analyst):
    response = analyst.get(reverse("areas:map"))

    assert "No police.uk crime has been imported yet" in response.content.decode()


def test_the_map_page_is_in_welsh_too(imported, analyst):
    response = analyst.get("/cy/areas/")

    assert response.status_code == 200
    assert 'lang="cy"' in response.content.decode()


def test_bad_filters_are_explained_not_ignored(imported, analyst):
    response = analyst.get(reverse("areas:map"), {"start": "2017-07", "end": "2016-07"})

    assert (
        "the period starts (2017-07) after it ends (2016-07)"
        in response.content.decode()
    )


def test_super_output_pairs_high_crime_areas_with_similar_low_crime_ones(
    imported, analyst
):
    # Vary the measures the matching uses (the fixture's LSOAs are all alike).
    for n, lsoa in enumerate(Lsoa.objects.order_by("code")):
        lsoa.households = 500 + (n * 37) % 300
        lsoa.area_hectares = 20.0 + (n * 13) % 90
        lsoa.save(update_fields=["households", "area_hectares"])

    response = analyst.get(reverse("areas:super_output"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "How the areas are matched" in page
    assert "Residents per hectare (log)" in page

    download = analyst.get(reverse("areas:super_output_csv"))
    rows = list(csv.DictReader(StringIO(download.content.decode())))
    counts = soc_counts(JULY_2016, JULY_2017)
    rates = sorted(counts.get(code, 0) for code in imported)
    assert rows
    for row in rows:
        # High: top tenth by rate; low: bottom half; never the same area.
        assert counts.get(row["high_code"], 0) >= rates[int(len(rates) * 0.9) - 1]
        assert counts.get(row["low_code"], 0) <= rates[len(rates) // 2]
        assert row["high_code"] != row["low_code"]
    assert {r["rank"] for r in rows} == {"1", "2", "3"}
    # A high-crime area's own page lists its matches as comparators.
    first = rows[0]
    lsoa_page = analyst.get(reverse("areas:lsoa", args=[first["high_code"]]))
    similar = lsoa_page.content.decode().split("Similar areas")[1]
    assert first["low_name"] in similar


def test_trends_compare_the_two_months_with_the_poisson_test(imported, analyst):
    response = analyst.get(reverse("areas:trends"), {"what": "all"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2016-07 against 2017-07" in page

    download = analyst.get(reverse("areas:trends_csv"), {"what": "all"})
    rows = {r["code"]: r for r in csv.DictReader(StringIO(download.content.decode()))}
    before = Counter(r["LSOA code"] for r in real_rows(JULY_2016) if r["LSOA code"])
    after = Counter(r["LSOA code"] for r in real_rows(JULY_2017) if r["LSOA code"])
    code, _ = (after - before).most_common(1)[0]  # the biggest rise
    row = rows[code]
    assert (int(row["before"]), int(row["after"])) == (before[code], after[code])
    assert row["direction"] == "rising"
    # The exact conditional test: after ~ Binomial(before + after, 1/2), two-sided.
    n, k = before[code] + after[code], after[code]
    expected = min(1.0, 2 * binom.sf(k - 1, n, 0.5))
    assert float(row["p"]) == pytest.approx(expected, abs=1e-6)


def test_trends_refuse_overlapping_periods(imported, analyst):
    response = analyst.get(
        reverse("areas:trends"), {"before_end": "2017-07", "after_start": "2016-07"}
    )

    assert "The first period must end before the second starts" in (
        response.content.decode()
    )


def test_emerging_hot_spots_warn_when_there_are_too_few_months(imported, analyst):
    response = analyst.get(reverse("areas:emerging"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Only 2 months are imported for this period" in page

    download = analyst.get(reverse("areas:emerging_csv"))
    rows = list(csv.DictReader(StringIO(download.content.decode())))
    assert len(rows) == len(imported)
    known = {
        value
        for name, value in vars(emerging).items()
        if name.endswith(("_HOT", "_COLD")) and isinstance(value, str)
    }
    assert {r["pattern"] for r in rows} <= known | {emerging.NO_PATTERN}
    # The command gives the same table as the page's download.
    out = StringIO()
    call_command(
        "hotspots", "--emerging", "--lens", "soc", stdout=out, stderr=StringIO()
    )
    assert list(csv.DictReader(StringIO(out.getvalue()))) == rows
