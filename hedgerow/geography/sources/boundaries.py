"""LSOA boundaries from the ONS download formats, kept as GeoJSON in WGS84.

The ONS Open Geography Portal publishes LSOA boundaries with the properties
LSOA11CD/LSOA11NM (2011) or LSOA21CD/LSOA21NM (2021), as GeoJSON, Shapefile
(zipped), GeoPackage and KML. GeoJSON (plain or gzip) is read here, so each
problem names its line; the others are read with pyogrio (GDAL), and a problem
names the feature's number. Coordinates must be longitude/latitude, or be in a
declared projection (ONS files are British National Grid, EPSG:27700), which
is reprojected to WGS84 with pyproj.
"""

import json
import re
from pathlib import Path
from typing import Any

from hedgerow.geography.sources import LSOA_CODE, Problem, SourceError, Table, read_text

CODE_PROPERTY = re.compile(r"^lsoa[0-9]{2}cd$|^lsoa_?code$", re.IGNORECASE)
NAME_PROPERTY = re.compile(r"^lsoa[0-9]{2}nm$|^lsoa_?name$", re.IGNORECASE)
BNG_CRS = re.compile(r"27700")
# Read with pyogrio rather than as GeoJSON text.
OGR_SUFFIXES = (".shp", ".zip", ".gpkg", ".kml", ".gml", ".fgb")
WGS84 = re.compile(r"^(EPSG:4326|OGC:CRS84)$", re.IGNORECASE)


def read_boundaries(path: str) -> Table:
    """Each feature's code, name, boundary (GeoJSON geometry) and bounding box."""
    if str(path).lower().endswith(OGR_SUFFIXES):
        return _read_ogr(path)
    text = read_text(path)
    table = Table(path=str(path))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(
            [Problem(str(path), error.lineno, f"this is not valid JSON ({error.msg})")]
        ) from None
    features = document.get("features") if isinstance(document, dict) else None
    if document.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise SourceError(
            [Problem(str(path), None, "this is not a GeoJSON FeatureCollection")]
        )
    lines = _feature_lines(text, len(features))
    transform = _bng_transform() if _is_bng(document, features) else None
    for index, feature in enumerate(features):
        _read_feature(table, feature, lines[index], transform)
    return table


def _read_ogr(path: str) -> Table:
    """A Shapefile (or zip of one), GeoPackage or KML, through pyogrio."""
    import pyogrio  # noqa: PLC0415 - GDAL loads only for these formats
    import shapely  # noqa: PLC0415

    if not Path(path).exists():
        raise SourceError([Problem(str(path), None, "there is no such file")])
    try:
        meta, _, wkb, values = pyogrio.raw.read(path)
    except pyogrio.errors.DataSourceError as error:
        raise SourceError(
            [
                Problem(
                    str(path), None, f"the file cannot be read as boundaries ({error})"
                )
            ]
        ) from None
    table = Table(path=str(path))
    crs = meta.get("crs")
    geometries = shapely.from_wkb(wkb)
    fields = [str(f) for f in meta["fields"]]
    features: list[dict[str, Any]] = [
        {
            "properties": {
                f: column[i] for f, column in zip(fields, values, strict=True)
            },
            "geometry": (
                None if geometry is None else json.loads(shapely.to_geojson(geometry))
            ),
        }
        for i, geometry in enumerate(geometries)
    ]
    if crs and not WGS84.match(str(crs)):
        transform = _transform_from(crs)
    else:
        transform = _bng_transform() if _is_bng({}, features) else None
    for number, feature in enumerate(features, start=1):
        _read_feature(table, feature, None, transform, number=number)
    return table


def _read_feature(
    table: Table,
    feature: Any,
    line: int | None,
    transform: Any | None,
    *,
    number: int | None = None,
) -> None:
    """One feature into the table; `number` (not line) names it in other formats."""
    where = f"feature {number}: " if number else ""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        table.problem(line, f"{where}the feature has no properties")
        return
    code = str(_property(properties, CODE_PROPERTY) or "").strip().upper()
    name = str(_property(properties, NAME_PROPERTY) or "").strip()
    if not LSOA_CODE.match(code):
        table.problem(line, f"{where}“{code}” is not an LSOA code (like E01011365)")
        return
    if code in table.rows:
        first = (
            f"as feature {table.lines[code]}"
            if number
            else f"on line {table.lines[code]}"
        )
        table.problem(line, f"{where}{code} appears twice (first {first})")
        return
    try:
        boundary, bbox = _boundary(geometry, transform)
    except ValueError as error:
        table.problem(line, f"{where}{code}: {error}")
        return
    min_lon, min_lat, max_lon, max_lat = bbox
    table.lines[code] = number or line or 0
    table.rows[code] = {
        "name": name,
        "boundary": boundary,
        "min_longitude": min_lon,
        "min_latitude": min_lat,
        "max_longitude": max_lon,
        "max_latitude": max_lat,
    }


def _property(properties: dict[str, Any], pattern: re.Pattern[str]) -> Any:
    for key, value in properties.items():
        if pattern.match(key):
            return value
    return None


def _boundary(
    geometry: Any, transform: Any | None
) -> tuple[dict[str, Any], tuple[float, float, float, float]]:
    """The geometry checked (and reprojected if need be), with its bounding box."""
    if not isinstance(geometry, dict) or geometry.get("type") not in {
        "Polygon",
        "MultiPolygon",
    }:
        raise ValueError("the geometry is not a Polygon or MultiPolygon")
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise ValueError("the geometry has no coordinates")
    xs: list[float] = []
    ys: list[float] = []
    for polygon in polygons:
        for ring in polygon if isinstance(polygon, list) else [None]:
            if not isinstance(ring, list) or len(ring) < 4:
                raise ValueError("a ring has fewer than four positions")
            for position in ring:
                if (
                    not isinstance(position, list)
                    or len(position) < 2
                    or not all(isinstance(n, int | float) for n in position[:2])
                ):
                    raise ValueError("a position is not a pair of numbers")
                xs.append(position[0])
                ys.append(position[1])
    if transform is not None:
        geometry = _reproject(geometry, transform)
        return _boundary(geometry, None)
    if not (min(xs) >= -180 and max(xs) <= 180 and min(ys) >= -90 and max(ys) <= 90):
        raise ValueError("a coordinate is outside longitude/latitude range")
    boundary = {"type": geometry["type"], "coordinates": coordinates}
    return boundary, (min(xs), min(ys), max(xs), max(ys))


def _is_bng(document: dict[str, Any], features: list[Any]) -> bool:
    """True for British National Grid: a CRS that says so, or coordinates > 180."""
    crs = json.dumps(document.get("crs") or "")
    if BNG_CRS.search(crs):
        return True
    for feature in features[:50]:
        try:
            first = json.dumps(feature["geometry"]["coordinates"])[:200]
        except (KeyError, TypeError):
            continue
        numbers = [float(n) for n in re.findall(r"-?[0-9]+(?:\.[0-9]+)?", first)]
        if any(abs(n) > 180 for n in numbers):
            return True
    return False


def _bng_transform() -> Any:
    """A BNG → WGS84 transformer (pyproj imported here: only BNG files need it)."""
    return _transform_from(27700)


def _transform_from(crs: Any) -> Any:
    """A transformer from the file's projection to WGS84 longitude/latitude."""
    from pyproj import Transformer  # noqa: PLC0415

    return Transformer.from_crs(crs, 4326, always_xy=True)


def _reproject(geometry: dict[str, Any], transform: Any) -> dict[str, Any]:
    """The geometry with every position reprojected."""

    def ring(positions: list[list[float]]) -> list[list[float]]:
        xs, ys = transform.transform(
            [p[0] for p in positions], [p[1] for p in positions]
        )
        return [[round(x, 6), round(y, 6)] for x, y in zip(xs, ys, strict=True)]

    if geometry["type"] == "Polygon":
        return {
            "type": "Polygon",
            "coordinates": [ring(r) for r in geometry["coordinates"]],
        }
    return {
        "type": "MultiPolygon",
        "coordinates": [[ring(r) for r in p] for p in geometry["coordinates"]],
    }


def _feature_lines(text: str, count: int) -> list[int | None]:
    """The line each feature starts on, found by decoding the array in place.

    json.loads keeps no positions, so this walks the "features" array with
    raw_decode. If the walk does not agree with the parsed document, lines are
    unknown (None) rather than wrong.
    """
    match = re.search(r'"features"\s*:\s*\[', text)
    if match is None:
        return [None] * count
    decoder = json.JSONDecoder()
    position, line = match.end(), text.count("\n", 0, match.end()) + 1
    starts: list[int | None] = []
    whitespace = re.compile(r"[\s,]*")
    while len(starts) < count:
        gap = whitespace.match(text, position)
        end_gap = gap.end() if gap else position
        line += text.count("\n", position, end_gap)
        if end_gap >= len(text) or text[end_gap] == "]":
            break
        starts.append(line)
        try:
            _, end = decoder.raw_decode(text, end_gap)
        except json.JSONDecodeError:
            break
        line += text.count("\n", end_gap, end)
        position = end
    if len(starts) != count:
        return [None] * count
    return starts
