"""Maps of areas: GeoJSON for Leaflet and downloads, and an SVG for pages without JS.

Both draw the same polygons with the same classes, so the map a person sees
with JavaScript off (an SVG drawn on the server) says what the Leaflet map
says. Boundaries are LSOA polygons; an MSOA or local authority is drawn as its
LSOAs, each filled with its group's class, so no dissolving is needed.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SVG_WIDTH = 720
SVG_MAX_HEIGHT = 720
PLACES = 1  # SVG coordinates to a tenth of a pixel


@dataclass(frozen=True)
class SvgArea:
    code: str
    path: str
    css_class: str
    title: str
    url: str


@dataclass(frozen=True)
class SvgMap:
    width: int
    height: int
    areas: list[SvgArea]


def _rings(geometry: Mapping[str, Any]) -> Iterable[list[list[float]]]:
    polygons = (
        [geometry["coordinates"]]
        if geometry["type"] == "Polygon"
        else geometry["coordinates"]
    )
    for polygon in polygons:
        yield from polygon


def svg_map(
    boundaries: Mapping[str, Mapping[str, Any]],
    styles: Mapping[str, tuple[str, str, str]],
) -> SvgMap:
    """Project the boundaries onto an SVG canvas (equirectangular, scaled by latitude).

    `styles` gives each drawn LSOA its (css class, title, link).
    """
    codes = [code for code in styles if code in boundaries]
    if not codes:
        return SvgMap(SVG_WIDTH, 0, [])
    xs = [p[0] for c in codes for r in _rings(boundaries[c]) for p in r]
    ys = [p[1] for c in codes for r in _rings(boundaries[c]) for p in r]
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    squash = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * squash, 1e-9)
    span_y = max(north - south, 1e-9)
    scale = min(SVG_WIDTH / span_x, SVG_MAX_HEIGHT / span_y)
    height = round(span_y * scale)
    areas = []
    for code in codes:
        parts = []
        for ring in _rings(boundaries[code]):
            points = " ".join(
                f"{round((x - west) * squash * scale, PLACES)},"
                f"{round((north - y) * scale, PLACES)}"
                for x, y, *_ in ring
            )
            parts.append(f"M{points}Z")
        css_class, title, url = styles[code]
        areas.append(SvgArea(code, "".join(parts), css_class, title, url))
    return SvgMap(round(span_x * scale), height, areas)


def feature_collection(
    boundaries: Mapping[str, Mapping[str, Any]],
    features: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    name: str,
    description: str,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection (WGS84) of the LSOAs with their properties.

    `features` gives (LSOA code, properties) in order; an LSOA may come more than
    once (one feature each), and one without a boundary is left out.
    """
    return {
        "type": "FeatureCollection",
        "name": name,
        "description": description,
        "features": [
            {
                "type": "Feature",
                "id": code,
                "properties": dict(props),
                "geometry": boundaries[code],
            }
            for code, props in features
            if code in boundaries
        ],
    }
