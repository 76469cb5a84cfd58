"""Derive the demo's West Yorkshire geography from the national ONS files.

Writes hedgerow/geography/data/{west_yorkshire_lsoa_2011.geojson.gz,
west_yorkshire_lookup.csv.gz, west_yorkshire_population.csv.gz}: the LSOAs the
lookup places in the West Yorkshire police force area, and the few LSOAs just
over its border where the shipped police.uk months place a crime (police.uk
records a crime where it happened, so West Yorkshire Police's files name some
LSOAs in Oldham, Harrogate, Barnsley, …), boundaries with only
LSOA11CD/LSOA11NM kept and coordinates rounded to 5 decimal places (about a
metre), and the matching lookup and population rows unchanged. The output is
byte-for-byte reproducible (sorted by code, gzip without a timestamp).

Usage: .venv/bin/python scripts/derive_demo_geography.py [SOURCE_DIR]
SOURCE_DIR defaults to ../shared/data/geography.
"""

import csv
import gzip
import io
import json
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
CRIME_DIR = REPO_ROOT / "hedgerow" / "analytics" / "data"
OUT_DIR = REPO_ROOT / "hedgerow" / "geography" / "data"
FORCE = "West Yorkshire"
BOUNDARIES = "lsoa_2011_boundaries_ew_bsc.geojson.gz"
LOOKUP = "lsoa_2011_lookup_police_force.csv.gz"
POPULATION = "lsoa_2011_census_population.csv.gz"
PLACES = 5  # decimal places of longitude/latitude kept


def write_gzip(path: Path, text: str) -> None:
    """Gzip with no file name or timestamp inside, so reruns give the same bytes."""
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed,
    ):
        packed.write(text.encode("utf-8"))


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def round_ring(ring: list[list[float]]) -> list[list[float]]:
    """Positions rounded, with repeats that rounding created dropped."""
    rounded: list[list[float]] = []
    for x, y, *_ in ring:
        position = [round(x, PLACES), round(y, PLACES)]
        if not rounded or rounded[-1] != position:
            rounded.append(position)
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return (
        rounded
        if len(rounded) >= 4
        else [[round(x, PLACES), round(y, PLACES)] for x, y, *_ in ring]
    )


def round_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    if geometry["type"] == "Polygon":
        coordinates: Any = [round_ring(r) for r in geometry["coordinates"]]
    else:
        coordinates = [[round_ring(r) for r in p] for p in geometry["coordinates"]]
    return {"type": geometry["type"], "coordinates": coordinates}


def crime_lsoas() -> set[str]:
    """Every LSOA code in the shipped police.uk street crime files."""
    codes = set()
    for path in sorted(CRIME_DIR.glob("*-street.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
            codes |= {row["LSOA code"] for row in csv.DictReader(handle)}
    return codes - {""}


def main(source: Path) -> None:
    header, rows = read_csv(source / LOOKUP)
    code_at, force_at = header.index("LSOA Code"), header.index("Police_force")
    named = crime_lsoas()
    chosen = sorted(
        (r for r in rows if r[force_at] == FORCE or r[code_at] in named),
        key=lambda r: r[code_at],
    )
    codes = {r[code_at] for r in chosen}
    # Drop the unnamed row-number column the national file starts with.
    keep = [i for i, name in enumerate(header) if name]
    write_gzip(
        OUT_DIR / "west_yorkshire_lookup.csv.gz",
        csv_text([header[i] for i in keep], [[r[i] for i in keep] for r in chosen]),
    )

    header, rows = read_csv(source / POPULATION)
    code_at = header.index("LSOA Code")
    population = sorted(
        (r for r in rows if r[code_at] in codes), key=lambda r: r[code_at]
    )
    write_gzip(
        OUT_DIR / "west_yorkshire_population.csv.gz", csv_text(header, population)
    )

    with gzip.open(source / BOUNDARIES, "rt", encoding="utf-8") as handle:
        national = json.load(handle)
    features = sorted(
        (
            {
                "type": "Feature",
                "properties": {
                    "LSOA11CD": f["properties"]["LSOA11CD"],
                    "LSOA11NM": f["properties"]["LSOA11NM"],
                },
                "geometry": round_geometry(f["geometry"]),
            }
            for f in national["features"]
            if f["properties"]["LSOA11CD"] in codes
        ),
        key=lambda f: f["properties"]["LSOA11CD"],
    )
    # One feature a line, so the loader's error messages can name a line.
    lines = [json.dumps(f, separators=(",", ":")) for f in features]
    text = (
        '{"type":"FeatureCollection","name":"west_yorkshire_lsoa_2011",'
        '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},'
        '"features":[\n' + ",\n".join(lines) + "\n]}\n"
    )
    write_gzip(OUT_DIR / "west_yorkshire_lsoa_2011.geojson.gz", text)
    missing = codes - {f["properties"]["LSOA11CD"] for f in features}
    print(
        f"{len(chosen)} lookup rows, {len(population)} population rows, "
        f"{len(features)} boundaries ({len(missing)} codes without one) "
        f"written to {OUT_DIR}"
    )


if __name__ == "__main__":
    default = REPO_ROOT.parent / "shared" / "data" / "geography"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
