"""LSOA boundaries from a GeoJSON FeatureCollection (plain or gzip), in WGS84.

The ONS Open Geography Portal publishes LSOA boundaries with the properties
LSOA11CD/LSOA11NM (2011) or LSOA21CD/LSOA21NM (2021). Coordinates must be
longitude/latitude, or British National Grid eastings and northings
(EPSG:27700, as the ONS shapefile-derived downloads are), which are reprojected to
WGS84 with pyproj.
"""

import json
import re
from typing import Any

from hedgerow.geography.sources import LSOA_CODE, Problem, SourceError, Table, read_text

CODE_PROPERTY = re.compile(r"^lsoa[0-9]{2}cd$|^lsoa_?code$", re.IGNORECASE)
NAME_PROPERTY = re.compile(r"^lsoa[0-9]{2}nm$|^lsoa_?name$", re.IGNORECASE)
BNG_CRS = re.compile(r"27700")


def read_boundaries(path: str) -> Table:
    """Each feature's code, name, boundary (GeoJSON geometry) and bounding box."""
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


def _read_feature(
    table: Table, feature: Any, line: int | None, transform: Any | None
) -> None:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        table.problem(line, "the feature has no properties")
        return
    code = str(_property(properties, CODE_PROPERTY) or "").strip().upper()
    name = str(_property(properties, NAME_PROPERTY) or "").strip()
    if not LSOA_CODE.match(code):
        table.problem(line, f"“{code}” is not an LSOA code (like E01011365)")
        return
    if code in table.rows:
        table.problem(line, f"{code} appears twice (first on line {table.lines[code]})")
        return
    try:
        boundary, bbox = _boundary(geometry, transform)
    except ValueError as error:
        table.problem(line, f"{code}: {error}")
        return
    min_lon, min_lat, max_lon, max_lat = bbox
    table.lines[code] = line or 0
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
    from pyproj import Transformer  # noqa: PLC0415

    return Transformer.from_crs(27700, 4326, always_xy=True)


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
