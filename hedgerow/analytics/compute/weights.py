"""Queen contiguity between areas, from the GeoJSON boundaries Hedgerow stores.

Hot spot statistics compare each area with its neighbours, so every analysis
starts from a spatial weights object. Queen contiguity (areas sharing an edge
or a single corner vertex are neighbours) is the usual choice for LSOAs and is
what ArcGIS and GeoDa default to for polygons. Building it nationally (34,753
LSOAs) takes under two seconds with libpysal's vertex hashing, so callers can
build it on demand and cache it, rather than storing neighbour lists.
"""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from libpysal.weights import W
    from shapely.geometry.base import BaseGeometry

POLYGON_TYPES = frozenset({"Polygon", "MultiPolygon"})


def geometries_from_geojson(
    boundaries: Sequence[Mapping[str, Any]],
) -> list["BaseGeometry"]:
    """Shapely polygons from GeoJSON geometry dicts (longitude/latitude).

    Only polygons can be contiguous, so any other geometry type is an error
    rather than a silent island.
    """
    # Imported here so that importing this module stays cheap for Django.
    from shapely.geometry import shape  # noqa: PLC0415

    geometries = []
    for position, boundary in enumerate(boundaries):
        kind = boundary.get("type")
        if kind not in POLYGON_TYPES:
            msg = f"Boundary {position} is a {kind!r}, not a Polygon or MultiPolygon."
            raise ValueError(msg)
        geometries.append(shape(dict(boundary)))
    return geometries


def queen_weights(codes: Sequence[str], geometries: Sequence["BaseGeometry"]) -> "W":
    """Queen contiguity weights whose ids, in order, are `codes`.

    Value arrays passed to the statistics must follow the same order
    (`w.id_order == list(codes)`). Areas with no neighbours, such as offshore
    islands, are kept and listed in `w.islands`; libpysal's warning about them
    is silenced because the statistics handle islands explicitly.
    """
    if len(codes) != len(geometries):
        msg = f"{len(codes)} codes but {len(geometries)} geometries."
        raise ValueError(msg)
    if not codes:
        msg = "Contiguity needs at least one area."
        raise ValueError(msg)
    from libpysal.weights import Queen  # noqa: PLC0415 -- slow import

    ids = list(codes)
    return Queen.from_iterable(
        list(geometries), ids=ids, id_order=ids, silence_warnings=True
    )


def grouped_weights(weights: "W", groups: Mapping[str, str]) -> "W":
    """Contiguity between groups of areas (MSOAs, local authorities) from LSOA weights.

    Two groups are neighbours when any area of one borders any area of the
    other, which is what queen contiguity of the groups' dissolved boundaries
    gives, without dissolving polygons. Ids are the sorted group codes.
    """
    from libpysal.weights import W as Weights  # noqa: PLC0415 -- slow import

    codes = sorted({groups[i] for i in weights.id_order if i in groups})
    neighbours: dict[str, set[str]] = {code: set() for code in codes}
    for area, around in weights.neighbors.items():
        group = groups.get(area)
        if group is None:
            continue
        for other in around:
            other_group = groups.get(other)
            if other_group is not None and other_group != group:
                neighbours[group].add(other_group)
    return Weights(
        {code: sorted(neighbours[code]) for code in codes},
        id_order=codes,
        silence_warnings=True,
    )
