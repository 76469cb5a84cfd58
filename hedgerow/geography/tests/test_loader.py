"""`hedgerow load_geography`: what it loads, what it refuses; reruns change nothing."""

import csv
import gzip
import io
import json
import zipfile

import numpy as np
import pyogrio
import pytest
import shapely
from django.core.management import CommandError, call_command

from hedgerow.audit.models import AuditEvent
from hedgerow.geography.models import Lsoa
from hedgerow.geography.services import geography_load
from hedgerow.geography.sources import SourceError
from hedgerow.geography.tests.conftest import (
    LOOKUP_HEADER,
    POPULATION_HEADER,
    feature,
    geojson_text,
)

pytestmark = pytest.mark.django_db


def run(**options) -> str:
    out = io.StringIO()
    call_command("load_geography", "--no-progress", stdout=out, **options)
    return out.getvalue()


def test_loads_boundaries_lookup_and_population(small_files):
    output = run(**small_files)

    assert "LSOAs created: 3" in output
    assert "Lookup rows matched: 3" in output
    assert "Population rows matched: 3" in output
    leeds = Lsoa.objects.get(code="E01011365")
    assert leeds.name == "Leeds 111B"
    assert (leeds.msoa_code, leeds.msoa_name) == ("E02002330", "Leeds 111")
    assert (leeds.local_authority_code, leeds.local_authority_name) == (
        "E08000035",
        "Leeds",
    )
    assert leeds.region_name == "Yorkshire and the Humber"
    assert leeds.police_force == "West Yorkshire"
    # "1,563" has a thousands separator; the first of three "Persons" columns counts.
    assert leeds.population == 1563
    assert leeds.households == 666
    assert leeds.area_hectares == 1650.0
    assert leeds.boundary["type"] == "Polygon"
    assert (leeds.min_longitude, leeds.max_latitude) == (-1.56, 53.8)


def test_running_again_changes_nothing_and_a_changed_row_is_updated(small_files, write):
    run(**small_files)
    first = {lsoa.code: lsoa.updated_at for lsoa in Lsoa.objects.all()}

    output = run(**small_files)
    assert "LSOAs created: 0" in output
    assert "LSOAs updated: 0" in output
    assert "LSOAs unchanged: 3" in output
    assert {lsoa.code: lsoa.updated_at for lsoa in Lsoa.objects.all()} == first

    population = write(
        "population2.csv",
        POPULATION_HEADER
        + "\nE12000003,Y,E08000035,Leeds,E02002330,Leeds 111,E01011366,Leeds 111C,,"
        "1400,1400,0,170,8.2,620,2.3\n",
    )
    output = run(population=population)
    assert "LSOAs updated: 1" in output
    assert Lsoa.objects.get(code="E01011366").population == 1400
    assert Lsoa.objects.get(code="E01011365").population == 1563
    assert Lsoa.objects.count() == 3


def test_gzip_files_load_like_plain_ones(small_files, write, tmp_path):
    gzipped = {}
    for key, path in small_files.items():
        with open(path, encoding="utf-8") as handle:
            gzipped[key] = write(f"{key}.gz", handle.read())

    output = run(**gzipped)

    assert "LSOAs created: 3" in output
    assert Lsoa.objects.get(code="E01010568").population == 1782


def test_a_load_is_recorded_in_the_audit_trail(small_files):
    run(**small_files)

    event = AuditEvent.objects.get(target_type="geography.lsoa")
    assert event.actor_label == "hedgerow load_geography"
    assert event.detail["created"] == 3


def test_bad_rows_are_named_by_file_and_line_and_nothing_is_loaded(write):
    boundaries = write(
        "lsoa.geojson",
        geojson_text(
            [
                feature("E01011365", "Leeds 111B", -1.56, 53.79),
                feature("NOT-A-CODE", "Nowhere", -1.55, 53.79),
                {
                    "type": "Feature",
                    "properties": {"LSOA11CD": "E01011367", "LSOA11NM": "Leeds 111D"},
                    "geometry": {"type": "Point", "coordinates": [-1.5, 53.8]},
                },
            ]
        ),
    )
    lookup = write(
        "lookup.csv",
        LOOKUP_HEADER
        + "\n1,E12000003,Y,E08000035,Leeds,E02002330,Leeds 111,E01011365,A,WY"
        + "\n2,E12000003,Y,LEEDS,Leeds,E02002330,Leeds 111,E01011366,B,WY\n",
    )
    population = write(
        "population.csv",
        POPULATION_HEADER
        + "\nE1,Y,E08000035,Leeds,E02002330,Leeds 111,E01011365,A,,1563,1,1,9,1,6,2"
        + "\nE1,Y,E08000035,Leeds,E02002330,Leeds 111,E01011366,B,,many,1,1,9,1,6,2\n",
    )

    with pytest.raises(CommandError) as error:
        run(boundaries=boundaries, lookup=lookup, population=population)

    message = str(error.value)
    assert "Nothing was loaded" in message
    assert f"{boundaries}, line 4: “NOT-A-CODE” is not an LSOA code" in message
    assert f"{boundaries}, line 5: E01011367: the geometry is not a Polygon" in message
    assert f"{lookup}, line 3: local authority code: “LEEDS” is not an ONS code" in (
        message
    )
    assert f"{population}, line 3: population: “many” is not a whole number" in message
    assert Lsoa.objects.count() == 0


def test_a_repeated_code_with_different_values_is_refused(write):
    lookup = write(
        "lookup.csv",
        LOOKUP_HEADER
        + "\n1,E12000003,Y,E08000035,Leeds,E02002330,L,E01011365,A,West Yorkshire"
        + "\n2,E12000003,Y,E08000035,Leeds,E02002330,L,E01011365,A,West Yorkshire"
        + "\n3,E12000003,Y,E08000032,Bradford,E02002330,L,E01011365,A,West Yorkshire\n",
    )

    with pytest.raises(SourceError) as error:
        geography_load(lookup=lookup)

    assert str(error.value) == (
        f"{lookup}, line 4: E01011365 appears again (first on line 2) "
        "with different values"
    )


def test_british_national_grid_coordinates_are_reprojected_to_longitude_latitude(
    write,
):
    # Eastings and northings of a square in Leeds, as ONS shapefile exports give them.
    bng = {
        "type": "Feature",
        "properties": {"LSOA11CD": "E01011365", "LSOA11NM": "Leeds 111B"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [[429000, 433000], [430000, 433000], [430000, 434000], [429000, 433000]]
            ],
        },
    }
    boundaries = write("bng.geojson", geojson_text([bng]))

    run(boundaries=boundaries)

    lsoa = Lsoa.objects.get(code="E01011365")
    assert -1.57 < lsoa.min_longitude < lsoa.max_longitude < -1.54
    assert 53.79 < lsoa.min_latitude < lsoa.max_latitude < 53.81
    # The south-west corner, 429000 433000, is at about 1.5613 W 53.7925 N.
    longitude, latitude = lsoa.boundary["coordinates"][0][0]
    assert abs(longitude - -1.5613) < 0.0005
    assert abs(latitude - 53.7925) < 0.0005


def test_a_file_that_is_not_json_names_the_line(write):
    boundaries = write(
        "broken.geojson", '{"type": "FeatureCollection",\n"features": [}'
    )

    with pytest.raises(SourceError) as error:
        geography_load(boundaries=boundaries)

    assert str(error.value).startswith(f"{boundaries}, line 2: this is not valid JSON")


def test_a_missing_file_and_a_csv_without_codes_are_explained(write):
    with pytest.raises(SourceError, match="there is no such file"):
        geography_load(lookup="/nonexistent/lookup.csv")
    wrong = write("wrong.csv", "Crime ID,Month,Longitude\n1,2017-07,-1.5\n")
    with pytest.raises(SourceError, match="does not look like an LSOA lookup file"):
        geography_load(lookup=wrong)


def test_official_ons_column_names_and_2021_properties_load(write):
    boundaries = write(
        "lsoa21.geojson",
        geojson_text(
            [
                {
                    "type": "Feature",
                    "properties": {"LSOA21CD": "E01011365", "LSOA21NM": "Leeds 111B"},
                    "geometry": {
                        "type": "MultiPolygon",
                        "coordinates": [
                            feature("E01011365", "x", -1.56, 53.79)["geometry"][
                                "coordinates"
                            ]
                        ],
                    },
                }
            ]
        ),
    )
    lookup = write(
        "ons_lookup.csv",
        "OA11CD,LSOA11CD,LSOA11NM,MSOA11CD,MSOA11NM,LAD17CD,LAD17NM,RGN11CD,"
        "RGN11NM,PFA15NM\n"
        "E00000001,E01011365,Leeds 111B,E02002330,Leeds 111,E08000035,Leeds,"
        "E12000003,Yorkshire and The Humber,West Yorkshire\n"
        # An output-area lookup repeats each LSOA; identical repeats are fine.
        "E00000002,E01011365,Leeds 111B,E02002330,Leeds 111,E08000035,Leeds,"
        "E12000003,Yorkshire and The Humber,West Yorkshire\n",
    )

    geography_load(boundaries=boundaries, lookup=lookup)

    lsoa = Lsoa.objects.get(code="E01011365")
    assert lsoa.boundary["type"] == "MultiPolygon"
    assert (lsoa.local_authority_code, lsoa.police_force) == (
        "E08000035",
        "West Yorkshire",
    )
    assert lsoa.region_code == "E12000003"


def test_filters_keep_only_the_chosen_areas(small_files):
    output = run(**small_files, only_local_authority=["e08000032"])

    assert list(Lsoa.objects.values_list("code", flat=True)) == ["E01010568"]
    assert "Skipped by the filters: 2" in output

    run(**small_files, only_police_force=["west-yorkshire"])
    assert Lsoa.objects.count() == 3


def test_filters_need_the_lookup_and_must_match_something(small_files):
    with pytest.raises(CommandError, match="need --lookup"):
        run(boundaries=small_files["boundaries"], only_police_force=["Durham"])
    with pytest.raises(CommandError, match="no LSOA in the files is in durham"):
        run(**small_files, only_police_force=["Durham"])


def test_codes_without_a_boundary_are_counted_as_unmatched(small_files, write):
    lookup = write(
        "lookup_extra.csv",
        LOOKUP_HEADER
        + "\n1,E12000003,Y,E08000035,Leeds,E02002330,L,E01011365,A,West Yorkshire"
        + "\n2,E12000003,Y,E08000035,Leeds,E02002330,L,E01099999,Z,West Yorkshire\n",
    )

    output = run(boundaries=small_files["boundaries"], lookup=lookup)

    assert "Unmatched codes (no boundary loaded): 1" in output
    assert "for example E01099999" in output
    assert "LSOAs without a lookup row: 2" in output
    assert not Lsoa.objects.filter(code="E01099999").exists()


def test_the_real_ons_files_load_one_local_authority(real_files):
    output = run(**real_files, only_local_authority=["E08000033"])  # Calderdale

    with gzip.open(real_files["population"], "rt", encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle) if r[2] == "E08000033"]
    expected = {r[6]: int(r[9].replace(",", "")) for r in rows}
    assert f"LSOAs created: {len(expected)}" in output
    loaded = dict(Lsoa.objects.values_list("code", "population"))
    assert loaded == expected
    assert set(Lsoa.objects.values_list("police_force", flat=True)) == {
        "West Yorkshire"
    }

    again = run(**real_files, only_local_authority=["E08000033"])
    assert f"LSOAs unchanged: {len(expected)}" in again
    assert "LSOAs created: 0" in again


def test_the_shipped_demo_files_match_the_national_boundaries(real_files):
    from hedgerow.analytics.tests.conftest import (  # noqa: PLC0415
        JULY_2016,
        JULY_2017,
        lsoa_counts,
    )
    from hedgerow.geography.demo import DEMO_BOUNDARIES  # noqa: PLC0415

    with gzip.open(DEMO_BOUNDARIES, "rt", encoding="utf-8") as handle:
        demo = {f["properties"]["LSOA11CD"] for f in json.load(handle)["features"]}
    with gzip.open(real_files["lookup"], "rt", encoding="utf-8") as handle:
        west_yorkshire = {
            r["LSOA Code"]
            for r in csv.DictReader(handle)
            if r["Police_force"] == "West Yorkshire"
        }
    # West Yorkshire's LSOAs, and those over the border the demo's crime names.
    named = set(lsoa_counts(JULY_2016)) | set(lsoa_counts(JULY_2017))
    assert demo == west_yorkshire | named
    assert len(demo - west_yorkshire) == 22


def ons_layer(path, codes_names, *, driver: str) -> str:
    """An ONS-style layer (LSOA11CD, LSOA11NM; squares in British National Grid)
    written with GDAL through pyogrio, as the ONS portal's downloads are."""
    squares = [
        shapely.box(429000 + n * 1000, 433000, 430000 + n * 1000, 434000)
        for n in range(len(codes_names))
    ]
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(squares),
        [
            np.array([c for c, _ in codes_names], dtype=object),
            np.array([n for _, n in codes_names], dtype=object),
        ],
        ["LSOA11CD", "LSOA11NM"],
        geometry_type="Polygon",
        crs="EPSG:27700",
        driver=driver,
    )
    return str(path)


@pytest.mark.parametrize(
    ("name", "driver"),
    [("lsoa.shp", "ESRI Shapefile"), ("lsoa.gpkg", "GPKG"), ("lsoa.kml", "KML")],
)
def test_shapefiles_geopackages_and_kml_from_british_national_grid_load(
    tmp_path, name, driver
):
    path = ons_layer(
        tmp_path / name,
        [("E01011365", "Leeds 111B"), ("E01011366", "Leeds 111C")],
        driver=driver,
    )

    output = run(boundaries=path)

    assert "LSOAs created: 2" in output
    lsoa = Lsoa.objects.get(code="E01011365")
    assert lsoa.name == "Leeds 111B"
    # The south-west corner, 429000 433000, is at about 1.5613 W 53.7925 N.
    assert abs(lsoa.min_longitude - -1.5613) < 0.0005
    assert abs(lsoa.min_latitude - 53.7925) < 0.0005
    assert lsoa.boundary["type"] in {"Polygon", "MultiPolygon"}


def test_a_zipped_shapefile_loads_and_bad_features_are_named_by_number(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    ons_layer(
        folder / "lsoa.shp",
        [("E01011365", "Leeds 111B"), ("NOT-A-CODE", "Nowhere"), ("E01011365", "x")],
        driver="ESRI Shapefile",
    )
    archive = tmp_path / "lsoa.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in folder.iterdir():
            zipped.write(part, part.name)

    with pytest.raises(SourceError) as error:
        geography_load(boundaries=str(archive))

    message = str(error.value)
    assert f"{archive}: feature 2: “NOT-A-CODE” is not an LSOA code" in message
    assert f"{archive}: feature 3: E01011365 appears twice (first as feature 1)" in (
        message
    )
    assert Lsoa.objects.count() == 0


def test_a_file_gdal_cannot_read_is_explained(write):
    path = write("broken.gpkg", "this is not a GeoPackage")

    with pytest.raises(SourceError, match="cannot be read as boundaries"):
        geography_load(boundaries=path)
