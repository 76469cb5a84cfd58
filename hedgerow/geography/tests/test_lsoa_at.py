"""Which LSOA a point is in, on the real West Yorkshire boundaries and on squares."""

import gzip
import io
import json

import pytest
from shapely.geometry import Point, shape

from hedgerow.geography.demo import (
    DEMO_BOUNDARIES,
    DEMO_LSOA_COUNT,
    load_demo_geography,
)
from hedgerow.geography.models import Lsoa
from hedgerow.geography.selectors import lsoa_at
from hedgerow.geography.services import geography_load
from hedgerow.geography.tests.conftest import feature, geojson_text
from hedgerow.geography.tests.factories import LsoaFactory

pytestmark = pytest.mark.django_db

LEEDS_TOWN_HALL = (-1.54917, 53.79996)  # The Headrow, Leeds LS1 3AD


@pytest.fixture
def west_yorkshire():
    load_demo_geography(io.StringIO())


def test_the_demo_loads_every_west_yorkshire_lsoa_once(west_yorkshire):
    out = io.StringIO()
    load_demo_geography(out)

    assert "already loaded" in out.getvalue()
    assert Lsoa.objects.count() == DEMO_LSOA_COUNT
    in_force = Lsoa.objects.filter(police_force="West Yorkshire")
    assert in_force.count() == 1388
    assert set(in_force.values_list("local_authority_name", flat=True)) == {
        "Bradford",
        "Calderdale",
        "Kirklees",
        "Leeds",
        "Wakefield",
    }
    assert not Lsoa.objects.filter(population__isnull=True).exists()


def test_leeds_town_hall_is_in_leeds_111a(west_yorkshire):
    longitude, latitude = LEEDS_TOWN_HALL

    lsoa = lsoa_at(longitude=longitude, latitude=latitude)

    assert lsoa is not None
    assert (lsoa.code, lsoa.name) == ("E01033008", "Leeds 111A")
    assert lsoa.local_authority_name == "Leeds"
    # Checked independently against the shipped boundary file itself.
    with gzip.open(DEMO_BOUNDARIES, "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    containing = [
        f["properties"]["LSOA11CD"]
        for f in features
        if shape(f["geometry"]).covers(Point(longitude, latitude))
    ]
    assert containing == ["E01033008"]


def test_points_outside_every_lsoa_are_in_none(west_yorkshire):
    assert lsoa_at(longitude=-0.1276, latitude=51.5072) is None  # London
    assert lsoa_at(longitude=-3.0, latitude=54.0) is None  # Morecambe Bay


def test_a_point_inside_a_bounding_box_but_outside_the_shape_is_not_matched():
    triangle = {
        "type": "Polygon",
        "coordinates": [[[-1.6, 53.7], [-1.5, 53.7], [-1.6, 53.8], [-1.6, 53.7]]],
    }
    LsoaFactory(boundary=triangle, west=-1.6, south=53.7)

    assert lsoa_at(longitude=-1.59, latitude=53.71) is not None
    assert lsoa_at(longitude=-1.51, latitude=53.79) is None


def test_a_point_on_a_shared_edge_goes_to_the_lower_code():
    LsoaFactory(code="E01000002", west=-1.55, south=53.79)
    LsoaFactory(code="E01000001", west=-1.56, south=53.79)

    lsoa = lsoa_at(longitude=-1.55, latitude=53.795)

    assert lsoa is not None
    assert lsoa.code == "E01000001"


def test_lsoas_added_or_moved_after_a_lookup_are_found_at_once(tmp_path):
    first = LsoaFactory()
    longitude, latitude = LsoaFactory.centre(first)
    assert lsoa_at(longitude=longitude, latitude=latitude) == first
    assert lsoa_at(longitude=-1.2, latitude=53.5) is None

    second = LsoaFactory(west=-1.205, south=53.495)
    assert lsoa_at(longitude=-1.2, latitude=53.5) == second

    # The loader moves the first LSOA's boundary without changing its id.
    path = tmp_path / "moved.geojson"
    path.write_text(geojson_text([feature(first.code, first.name, -1.0, 53.0)]))
    geography_load(boundaries=str(path))
    assert lsoa_at(longitude=longitude, latitude=latitude) is None
    assert lsoa_at(longitude=-0.995, latitude=53.005) == first


def test_with_no_geography_loaded_every_point_is_in_none():
    assert lsoa_at(longitude=-1.54917, latitude=53.79996) is None
