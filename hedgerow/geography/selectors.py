"""Reads of the official geography."""

from shapely.geometry import Point, shape

from hedgerow.geography.models import Lsoa


def lsoa_at(*, longitude: float, latitude: float) -> Lsoa | None:
    """The LSOA whose boundary contains the point, or None outside every LSOA.

    The bounding-box filter runs in the database and leaves a handful of
    candidates; shapely decides which boundary really contains the point.
    """
    point = Point(longitude, latitude)
    candidates = Lsoa.objects.filter(
        min_longitude__lte=longitude,
        max_longitude__gte=longitude,
        min_latitude__lte=latitude,
        max_latitude__gte=latitude,
    )
    for lsoa in candidates:
        if shape(lsoa.boundary).covers(point):
            return lsoa
    return None
