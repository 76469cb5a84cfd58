"""Reads of the official geography.

`lsoa_at` answers "which LSOA is this point in?" for every report and place. A
table scan of 35,000 bounding boxes took about 17 ms a point on SQLite, so each
process keeps an R-tree (shapely STRtree) of the LSOAs' bounding boxes: about a
megabyte, built in a fraction of a second. Every lookup first asks the database
for the table's newest id and newest `updated_at` (one query, answered from two
indexes) and rebuilds the tree when either has moved, so a load by another
process is seen at once. Boundaries are read fresh from the database for the
few candidates the tree returns.
"""

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from django.db import connection
from shapely.geometry import Point, shape

from hedgerow.geography.models import Deprivation, Lsoa

# Longer IN (…) lists are slow to plan (and pass some SQLite builds' variable limit).
IN_LIST_LIMIT = 5000


@dataclass(frozen=True)
class _BoxIndex:
    """Bounding boxes of every LSOA in an R-tree, with the version they reflect."""

    version: tuple[Any, ...]
    ids: np.ndarray
    tree: shapely.STRtree
    # LSOAs read so far, by id, with their prepared boundary.
    shapes: dict[int, tuple[Lsoa, Any]] = field(default_factory=dict)


_lock = threading.Lock()
_index: _BoxIndex | None = None
# Two scalar subqueries: each MAX is answered from its index (SQLite scans the
# table for two MAX aggregates in one SELECT).
_VERSION_SQL = (
    "SELECT (SELECT MAX(id) FROM {table}), (SELECT MAX(updated_at) FROM {table})"
)


def _version() -> tuple[Any, ...]:
    """A cheap fingerprint of the table: two index lookups in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL.format(table=Lsoa._meta.db_table))
        return tuple(cursor.fetchone() or ())


def _box_index() -> _BoxIndex:
    global _index  # noqa: PLW0603 (one index per process, swapped whole)
    version = _version()
    index = _index
    if index is not None and index.version == version:
        return index
    with _lock:
        rows = list(
            Lsoa.objects.values_list(
                "id", "min_longitude", "min_latitude", "max_longitude", "max_latitude"
            )
        )
        bounds = np.array([row[1:] for row in rows], dtype=float).reshape(-1, 4)
        boxes = shapely.box(bounds[:, 0], bounds[:, 1], bounds[:, 2], bounds[:, 3])
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        _index = _BoxIndex(version, ids, shapely.STRtree(boxes))
        return _index


def lsoa_index_clear() -> None:
    """Forget the cached bounding boxes (the next lookup rebuilds them)."""
    global _index  # noqa: PLW0603
    _index = None


def lsoa_at(*, longitude: float, latitude: float) -> Lsoa | None:
    """The LSOA whose boundary contains the point, or None outside every LSOA.

    The R-tree of bounding boxes leaves a handful of candidates; shapely decides
    which boundary really covers the point (a point on a shared edge goes to the
    lowest code, so the answer never depends on row order).
    """
    point = Point(longitude, latitude)
    index = _box_index()
    if not len(index.ids):
        return None
    hits = index.tree.query(point, predicate="intersects")
    candidate_ids = [int(i) for i in index.ids[hits]]
    if not candidate_ids:
        return None
    missing = [pk for pk in candidate_ids if pk not in index.shapes]
    if missing:
        # Boundaries are read once per index and kept with it, prepared for fast
        # containment tests; a new version of the table brings a new index.
        for lsoa in Lsoa.objects.filter(pk__in=missing):
            boundary = shape(lsoa.boundary)
            shapely.prepare(boundary)
            index.shapes[lsoa.pk] = (lsoa, boundary)
    candidates = sorted(
        (index.shapes[pk] for pk in candidate_ids if pk in index.shapes),
        key=lambda pair: pair[0].code,
    )
    for lsoa, boundary in candidates:
        if boundary.covers(point):
            return lsoa
    return None


def deprivation_scores(
    codes: list[str], measures: tuple[str, ...], *, edition: str = "IoD2019"
) -> dict[str, dict[str, float]]:
    """{LSOA code: {measure: score}} for the LSOAs with deprivation loaded."""
    wanted = set(codes)
    found: dict[str, dict[str, float]] = {}
    rows = Deprivation.objects.filter(edition=edition, measure__in=measures)
    if len(wanted) < IN_LIST_LIMIT:  # beyond it, reading them all is quicker
        rows = rows.filter(lsoa__code__in=wanted)
    for code, measure, score in rows.values_list("lsoa__code", "measure", "score"):
        if code in wanted:
            found.setdefault(code, {})[measure] = score
    return found


def lsoa_deprivation(lsoa: Lsoa, *, edition: str = "IoD2019") -> dict[str, Deprivation]:
    """One LSOA's deprivation measures by measure slug (empty when not loaded)."""
    rows = Deprivation.objects.filter(lsoa=lsoa, edition=edition)
    return {row.measure: row for row in rows}
