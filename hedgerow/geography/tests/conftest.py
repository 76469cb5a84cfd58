"""Small geography files in the formats the loader reads, written per test."""

import gzip
import json
from pathlib import Path

import pytest

from hedgerow.geography.tests.factories import square

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "geography"
REAL_BOUNDARIES = SHARED / "lsoa_2011_boundaries_ew_bsc.geojson.gz"
REAL_LOOKUP = SHARED / "lsoa_2011_lookup_police_force.csv.gz"
REAL_POPULATION = SHARED / "lsoa_2011_census_population.csv.gz"

LOOKUP_HEADER = (
    ",Region code,Region name,Local authority code,Local authority name,"
    "MSOA Code,MSOA Name,LSOA Code,LSOA Name,Police_force"
)
POPULATION_HEADER = (
    "Region code,Region name,Local authority code,Local authority name,MSOA Code,"
    "MSOA Name,LSOA Code,LSOA Name,,Persons,Persons,Persons,Hectares,"
    "Persons per hectare,Households,Persons per household"
)


def feature(code: str, name: str, west: float, south: float) -> dict:
    return {
        "type": "Feature",
        "properties": {"LSOA11CD": code, "LSOA11NM": name, "OBJECTID": 1},
        "geometry": square(west, south),
    }


def geojson_text(features: list[dict]) -> str:
    """A FeatureCollection with one feature a line (line 3 is the first feature)."""
    lines = ",\n".join(json.dumps(f) for f in features)
    return '{"type": "FeatureCollection",\n"features": [\n' + lines + "\n]}\n"


@pytest.fixture
def write(tmp_path):
    """write(name, text) saves a file (gzip if the name ends .gz); returns its path."""

    def save(name: str, text: str) -> str:
        path = tmp_path / name
        if name.endswith(".gz"):
            path.write_bytes(gzip.compress(text.encode("utf-8")))
        else:
            path.write_text(text, encoding="utf-8")
        return str(path)

    return save


@pytest.fixture
def small_files(write):
    """Two Leeds LSOAs and one Bradford LSOA: boundaries, lookup and population."""
    boundaries = write(
        "lsoa.geojson",
        geojson_text(
            [
                feature("E01011365", "Leeds 111B", -1.56, 53.79),
                feature("E01011366", "Leeds 111C", -1.55, 53.79),
                feature("E01010568", "Bradford 016A", -1.76, 53.79),
            ]
        ),
    )
    lookup = write(
        "lookup.csv",
        "\n".join(
            [
                LOOKUP_HEADER,
                "1,E12000003,YORKSHIRE AND THE HUMBER,E08000035,Leeds,E02002330,"
                "Leeds 111,E01011365,Leeds 111B,West Yorkshire",
                "2,E12000003,YORKSHIRE AND THE HUMBER,E08000035,Leeds,E02002330,"
                "Leeds 111,E01011366,Leeds 111C,West Yorkshire",
                "3,E12000003,YORKSHIRE AND THE HUMBER,E08000032,Bradford,E02002198,"
                "Bradford 016,E01010568,Bradford 016A,West Yorkshire",
            ]
        )
        + "\n",
    )
    population = write(
        "population.csv",
        "\n".join(
            [
                POPULATION_HEADER,
                "E12000003,YORKSHIRE AND THE HUMBER,E08000035,Leeds,E02002330,"
                "Leeds 111,E01011365,Leeds 111B,,"
                '"1,563","1,517",46,"1,650",2.4,666,2.3',
                "E12000003,YORKSHIRE AND THE HUMBER,E08000035,Leeds,E02002330,"
                "Leeds 111,E01011366,Leeds 111C,,1379,1379,0,170,8.1,615,2.2",
                "E12000003,YORKSHIRE AND THE HUMBER,E08000032,Bradford,E02002198,"
                "Bradford 016,E01010568,Bradford 016A,,1782,1782,0,61,29.2,822,2.2",
            ]
        )
        + "\n",
    )
    return {"boundaries": boundaries, "lookup": lookup, "population": population}


@pytest.fixture
def real_files():
    """The national ONS files in ../shared (skipped where they are not present)."""
    if not REAL_BOUNDARIES.exists():
        pytest.skip("../shared/data/geography is not here")
    return {
        "boundaries": str(REAL_BOUNDARIES),
        "lookup": str(REAL_LOOKUP),
        "population": str(REAL_POPULATION),
    }
