"""The area pages as an analyst uses them: map, table, downloads, one LSOA."""

import csv
import json
from collections import Counter
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from scipy.stats import binom

from hedgerow.accounts.roles import Role
from hedgerow.analytics.compute import emerging
from hedgerow.analytics.tests.conftest import JULY_2016, JULY_2017, real_rows
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.geography.models import Lsoa

pytestmark = pytest.mark.django_db
SOC = {"Drugs", "Possession of weapons", "Robbery"}


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


# GeoJSON of every table: the CSV's rows on the LSOAs' polygons, audited.
TREND_COLUMNS = [
    "code",
    "name",
    "population",
    "before",
    "after",
    "before_per_month",
    "after_per_month",
    "change",
    "rate_ratio",
    "p",
    "p_adjusted",
    "significant",
    "direction",
]
EMERGING_COLUMNS = [
    "code",
    "name",
    "count",
    "population",
    "rate",
    "trend_z",
    "trend_p",
    "pattern",
]


def csv_rows(response):
    return list(csv.DictReader(StringIO(response.content.decode())))


def geojson_download(client, name, params=None, args=None):
    response = client.get(reverse(name, args=args), params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "attachment" in response["Content-Disposition"]
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Polygon"
    return collection


def same_as_csv(value, text):
    """A GeoJSON value equals its CSV cell (which rounds to 3 or 6 places)."""
    if value is None:
        return text == ""
    if isinstance(value, bool):
        return text == str(value)
    if isinstance(value, int | float):
        return float(text) == pytest.approx(value, abs=6e-4)
    return text == value


def assert_properties_match(properties, row, columns):
    mismatched = [c for c in columns if not same_as_csv(properties[c], row[c])]
    assert not mismatched, (mismatched, properties, row)


def assert_one_export(purpose):
    events = AuditEvent.objects.filter(action=Action.EXPORT)
    assert [e.purpose for e in events] == [purpose]
    return events.get()


def assert_page_links(client, page, download, params=None, args=None):
    response = client.get(reverse(page, args=args), params or {})
    query = f"?{urlencode(params)}" if params else ""
    href = escape(reverse(download, args=args) + query)
    assert f'href="{href}" download>' in response.content.decode()


def vary_measures():
    """Vary the measures super output matches on (the fixture's LSOAs are alike)."""
    for n, lsoa in enumerate(Lsoa.objects.order_by("code")):
        lsoa.households = 500 + (n * 37) % 300
        lsoa.area_hectares = 20.0 + (n * 13) % 90
        lsoa.save(update_fields=["households", "area_hectares"])


def test_trends_geojson_is_the_csv_on_each_lsoa(imported, analyst):
    filters = {"what": "all"}

    collection = geojson_download(analyst, "areas:trends_geojson", filters)

    event = assert_one_export("Area trends downloaded (GeoJSON)")
    assert event.actor_id == analyst.user.pk
    assert event.detail == {"query": "what=all", "rows": len(imported)}
    assert "2016-07 against 2017-07" in collection["description"]
    rows = {
        r["code"]: r
        for r in csv_rows(analyst.get(reverse("areas:trends_csv"), filters))
    }
    features = collection["features"]
    assert sorted(f["id"] for f in features) == sorted(rows) == imported
    for feature in features:
        assert feature["properties"]["lsoa_code"] == feature["id"]
        assert_properties_match(
            feature["properties"], rows[feature["id"]], TREND_COLUMNS
        )
    assert_page_links(analyst, "areas:trends", "areas:trends_geojson", filters)


def test_trends_geojson_gives_each_lsoa_its_msoas_change(imported, analyst):
    filters = {"what": "all", "level": "msoa"}

    collection = geojson_download(analyst, "areas:trends_geojson", filters)

    [row] = csv_rows(analyst.get(reverse("areas:trends_csv"), filters))
    assert row["code"] == "E02002330"  # the fixture's one MSOA
    assert int(row["before"]) == sum(
        1 for r in real_rows(JULY_2016) if r["LSOA code"] in set(imported)
    )
    features = collection["features"]
    assert sorted(f["properties"]["lsoa_code"] for f in features) == imported
    for feature in features:
        assert_properties_match(feature["properties"], row, TREND_COLUMNS)


def test_trends_geojson_without_usable_periods_is_empty(real_geography, analyst):
    collection = geojson_download(analyst, "areas:trends_geojson")

    assert collection["features"] == []
    assert "no areas compared" in collection["description"]
    assert_one_export("Area trends downloaded (GeoJSON)")


def test_super_output_geojson_has_both_lsoas_of_every_pair(imported, analyst):
    vary_measures()

    collection = geojson_download(analyst, "areas:super_output_geojson")

    event = assert_one_export("Area statistics downloaded (super output GeoJSON)")
    rows = csv_rows(analyst.get(reverse("areas:super_output_csv")))
    assert event.detail["rows"] == len(rows)
    features = [f["properties"] for f in collection["features"]]
    assert rows
    assert len(features) == 2 * len(rows)
    for row, high, low in zip(rows, features[::2], features[1::2], strict=True):
        for role, properties in (("high", high), ("low", low)):
            assert properties["role"] == role
            assert properties["lsoa_code"] == row[f"{role}_code"]
            assert properties["name"] == row[f"{role}_name"]
            assert same_as_csv(properties["rate"], row[f"{role}_rate"])
            assert_properties_match(
                properties,
                row,
                ["high_code", "low_code", "rank", "distance", "differs_most"],
            )
    assert [f["id"] for f in collection["features"]] == [
        p["lsoa_code"] for p in features
    ]
    assert "per LSOA" in collection["description"]
    assert_page_links(analyst, "areas:super_output", "areas:super_output_geojson")


def test_super_output_geojson_without_crime_is_empty(real_geography, analyst):
    collection = geojson_download(analyst, "areas:super_output_geojson")

    assert collection["features"] == []
    assert "no months imported" in collection["description"]
    assert_one_export("Area statistics downloaded (super output GeoJSON)")


def test_emerging_geojson_is_the_csv_on_each_lsoa(imported, analyst):
    collection = geojson_download(analyst, "areas:emerging_geojson")

    assert_one_export("Area statistics downloaded (emerging hot spots GeoJSON)")
    rows = {r["code"]: r for r in csv_rows(analyst.get(reverse("areas:emerging_csv")))}
    features = collection["features"]
    assert sorted(f["id"] for f in features) == sorted(rows) == imported
    for feature in features:
        assert_properties_match(
            feature["properties"], rows[feature["id"]], EMERGING_COLUMNS
        )
    assert "2016-07 to 2017-07 (2 months)" in collection["description"]
    assert_page_links(analyst, "areas:emerging", "areas:emerging_geojson")


def test_emerging_page_map_fetches_its_geojson_without_a_download(imported, analyst):
    page = analyst.get(reverse("areas:emerging")).content.decode()
    url = reverse("areas:emerging_geojson") + "?display=map"
    assert f'data-geojson-url="{url}"' in page

    response = analyst.get(url)

    assert len(json.loads(response.content)["features"]) == len(imported)
    assert "Content-Disposition" not in response
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_emerging_geojson_without_crime_is_empty(real_geography, analyst):
    collection = geojson_download(analyst, "areas:emerging_geojson")

    assert collection["features"] == []
    assert "no months imported" in collection["description"]
    assert_one_export("Area statistics downloaded (emerging hot spots GeoJSON)")


def test_lsoa_geojson_carries_its_pages_figures(imported, analyst):
    code, _ = soc_counts(JULY_2017).most_common(1)[0]
    filters = {"start": "2016-07", "end": "2017-07"}

    collection = geojson_download(analyst, "areas:lsoa_geojson", filters, [code])

    event = assert_one_export("LSOA crime statistics downloaded (GeoJSON)")
    assert (event.target_type, event.target_id) == ("geography.lsoa", code)
    [feature] = collection["features"]
    properties = feature["properties"]
    rows = csv_rows(analyst.get(reverse("areas:lsoa_csv", args=[code]), filters))
    per_month, per_type = Counter(), Counter()
    for row in rows:
        per_type[row["crime_type"]] += int(row["count"])
        if row["crime_type"] in SOC:  # the default lens, as the page counts
            per_month[row["month"]] += int(row["count"])
    assert feature["id"] == properties["code"] == code
    assert properties["name"] == f"Area {code}"
    assert properties["population"] == 1500
    assert properties["count"] == sum(per_month.values())
    assert properties["count"] == soc_counts(JULY_2016, JULY_2017)[code]
    assert properties["rate"] == pytest.approx(properties["count"] / 1500 * 1000)
    assert properties["hotspot"] in {
        "hot-99",
        "hot-95",
        "hot-90",
        "not-significant",
        "cold-90",
        "cold-95",
        "cold-99",
    }
    assert properties["by_month"] == [
        {"month": m, "count": per_month[m]} for m in ("2016-07", "2017-07")
    ]
    assert {r["crime_type"]: r["count"] for r in properties["by_crime_type"]} == dict(
        per_type
    )
    assert "2016-07 to 2017-07" in collection["description"]
    assert_page_links(analyst, "areas:lsoa", "areas:lsoa_geojson", filters, [code])


def test_lsoa_geojson_without_crime_still_has_the_lsoa(real_geography, analyst):
    code = real_geography[0]

    collection = geojson_download(analyst, "areas:lsoa_geojson", args=[code])

    [feature] = collection["features"]
    assert feature["properties"]["count"] == 0
    assert feature["properties"]["by_month"] == []
    assert feature["properties"]["rate"] == 0
    assert "no months imported" in collection["description"]


def test_lsoa_geojson_of_an_unknown_lsoa_is_not_found(imported, analyst):
    response = analyst.get(reverse("areas:lsoa_geojson", args=["E01999999"]))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


@pytest.mark.parametrize(
    "name",
    [
        "areas:trends_geojson",
        "areas:super_output_geojson",
        "areas:emerging_geojson",
        "areas:lsoa_geojson",
    ],
)
@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMINISTRATOR])
def test_geojson_downloads_are_refused_without_area_view(
    imported, staff_client, name, role
):
    client = staff_client(role)
    args = [imported[0]] if name == "areas:lsoa_geojson" else None

    response = client.get(reverse(name, args=args))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()
