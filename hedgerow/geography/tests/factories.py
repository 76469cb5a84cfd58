"""Factories for LSOAs: each a small real square (0.01° a side) in West Yorkshire."""

from typing import Any

import factory

from hedgerow.geography.models import Lsoa

SIDE = 0.01


def square(west: float, south: float, side: float = SIDE) -> dict[str, Any]:
    """A GeoJSON Polygon: the square with its south-west corner at (west, south)."""
    east, north = west + side, south + side
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


class LsoaFactory(factory.django.DjangoModelFactory):
    """An LSOA in Leeds; pass `west`/`south` to place its square elsewhere.

    Squares sit side by side along latitude 53.79 (one per sequence number), so
    factories never overlap unless asked to.
    """

    class Meta:
        model = Lsoa
        django_get_or_create = ("code",)

    class Params:
        west = factory.Sequence(lambda n: round(-1.70 + (n % 50) * SIDE, 6))
        south = factory.Sequence(lambda n: round(53.70 + (n // 50) * SIDE, 6))

    code = factory.Sequence(lambda n: f"E01{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"Leeds {n:03d}A")
    msoa_code = "E02002330"
    msoa_name = "Leeds 111"
    local_authority_code = "E08000035"
    local_authority_name = "Leeds"
    region_code = "E12000003"
    region_name = "Yorkshire and The Humber"
    police_force = "West Yorkshire"
    population = 1500
    households = 620
    area_hectares = 80.0
    boundary = factory.LazyAttribute(lambda o: square(o.west, o.south))
    min_longitude = factory.LazyAttribute(lambda o: o.west)
    min_latitude = factory.LazyAttribute(lambda o: o.south)
    max_longitude = factory.LazyAttribute(lambda o: round(o.west + SIDE, 6))
    max_latitude = factory.LazyAttribute(lambda o: round(o.south + SIDE, 6))

    @classmethod
    def centre(cls, lsoa: Lsoa) -> tuple[float, float]:
        """(longitude, latitude) of the middle of a factory LSOA's square."""
        return (
            (lsoa.min_longitude + lsoa.max_longitude) / 2,
            (lsoa.min_latitude + lsoa.max_latitude) / 2,
        )
