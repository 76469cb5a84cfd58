"""Queen contiguity on hand-made squares whose neighbours are known."""

import pytest

from hedgerow.analytics.compute.weights import geometries_from_geojson, queen_weights


def square(x: float, y: float) -> list[list[list[float]]]:
    return [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]


BOUNDARIES = [
    {"type": "Polygon", "coordinates": square(0, 0)},  # A
    {"type": "Polygon", "coordinates": square(1, 0)},  # B: shares an edge with A
    {"type": "Polygon", "coordinates": square(1, 1)},  # C: only a corner with A
    # D: two parts, both far from everything else.
    {"type": "MultiPolygon", "coordinates": [square(5, 5), square(8, 8)]},
]


def test_edge_and_corner_are_neighbours_and_detached_square_is_an_island():
    w = queen_weights(["A", "B", "C", "D"], geometries_from_geojson(BOUNDARIES))

    assert w.id_order == ["A", "B", "C", "D"]
    assert set(w.neighbors["A"]) == {"B", "C"}
    assert set(w.neighbors["B"]) == {"A", "C"}
    assert set(w.neighbors["C"]) == {"A", "B"}
    assert w.neighbors["D"] == []
    assert w.islands == ["D"]


def test_building_weights_with_an_island_raises_no_warning(recwarn):
    queen_weights(["A", "B", "C", "D"], geometries_from_geojson(BOUNDARIES))

    assert not [warning for warning in recwarn if "island" in str(warning.message)]


def test_geometries_keep_their_shape():
    geometries = geometries_from_geojson(BOUNDARIES)

    assert [g.geom_type for g in geometries] == [
        "Polygon",
        "Polygon",
        "Polygon",
        "MultiPolygon",
    ]
    assert geometries[3].area == pytest.approx(2.0)


def test_non_polygon_boundaries_are_rejected():
    with pytest.raises(ValueError, match="Boundary 1 is a 'Point'"):
        geometries_from_geojson(
            [BOUNDARIES[0], {"type": "Point", "coordinates": [0, 0]}]
        )


def test_codes_and_geometries_must_match():
    with pytest.raises(ValueError, match="2 codes but 4 geometries"):
        queen_weights(["A", "B"], geometries_from_geojson(BOUNDARIES))
