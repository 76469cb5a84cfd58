"""Reading imported crime: the catalogue's files, opened as one DuckDB view.

`crimes_db()` gives an in-memory DuckDB connection with a view `crimes` over
exactly the Parquet files the catalogue lists (optionally for some forces and a
span of months), so what a page counts is what the catalogue says is there.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from hedgerow.analytics.compute.area_stats import (
    LEVEL_COLUMNS,
    area_table,
    crime_counts,
    months_in,
)
from hedgerow.analytics.compute.hotspots import gi_star, local_moran
from hedgerow.analytics.compute.policeuk import FORCE_BY_SLUG
from hedgerow.analytics.compute.weights import (
    geometries_from_geojson,
    grouped_weights,
    queen_weights,
)
from hedgerow.analytics.models import CrimeMonth
from hedgerow.analytics.queries import LEVEL_NAMES, AreaQuery
from hedgerow.analytics.store import partition_path
from hedgerow.geography.models import Lsoa
from hedgerow.geography.services import force_key

if TYPE_CHECKING:
    from libpysal.weights import W

# The view when nothing is imported yet: the same columns, no rows.
EMPTY_CRIMES = """
CREATE VIEW crimes AS SELECT * FROM (VALUES (
  NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR,
  NULL::VARCHAR, NULL::DOUBLE, NULL::DOUBLE, NULL::VARCHAR, NULL::VARCHAR,
  NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR, NULL::INTEGER
)) AS t(crime_key, crime_id, month, force, reported_by, falls_within, longitude,
        latitude, location, lsoa_code, crime_type, last_outcome, context, record)
WHERE false
"""


def crime_months(
    *,
    forces: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> list[CrimeMonth]:
    """The catalogue's force-months, optionally for some forces and months."""
    months = CrimeMonth.objects.all()
    if forces:
        months = months.filter(force__in=forces)
    if start:
        months = months.filter(month__gte=start)
    if end:
        months = months.filter(month__lte=end)
    return list(months)


def crime_files(months: list[CrimeMonth]) -> list[Path]:
    return [
        path
        for path in (partition_path(m.force, m.month) for m in months)
        if path.exists()
    ]


def crimes_db(months: list[CrimeMonth]) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection whose view `crimes` holds those months' rows."""
    db = duckdb.connect(":memory:")
    files = crime_files(months)
    if not files:
        db.execute(EMPTY_CRIMES)
        return db
    listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
    # The paths come from the catalogue and settings, not from a request.
    db.execute(f"CREATE VIEW crimes AS SELECT * FROM read_parquet([{listed}])")  # noqa: S608
    return db


def available_months() -> list[str]:
    """Every month with some imported crime, oldest first."""
    return sorted(set(CrimeMonth.objects.values_list("month", flat=True)))


def force_area_name(slug: str) -> str:
    """The police force area name the geography uses for a police.uk force slug."""
    force = FORCE_BY_SLUG.get(slug)
    return force.area if force else slug


def areas_frame(
    *, forces: list[str] | None = None, local_authorities: list[str] | None = None
) -> pd.DataFrame:
    """The loaded LSOAs (optionally in some force areas or local authorities).

    Columns: lsoa_code, lsoa_name, msoa_code, msoa_name, lad_code, lad_name,
    force (the police.uk slug), population, households, area_hectares.
    """
    lsoas = Lsoa.objects.all()
    if local_authorities:
        lsoas = lsoas.filter(local_authority_code__in=local_authorities)
    rows = list(
        lsoas.order_by("code").values_list(
            "code",
            "name",
            "msoa_code",
            "msoa_name",
            "local_authority_code",
            "local_authority_name",
            "police_force",
            "population",
            "households",
            "area_hectares",
        )
    )
    slugs = {force_key(f.area): f.slug for f in FORCE_BY_SLUG.values()}
    frame = pd.DataFrame(
        rows,
        columns=[
            "lsoa_code",
            "lsoa_name",
            "msoa_code",
            "msoa_name",
            "lad_code",
            "lad_name",
            "force",
            "population",
            "households",
            "area_hectares",
        ],
    )
    frame["force"] = [
        slugs.get(force_key(name), force_key(name)) for name in frame["force"]
    ]
    if forces:
        frame = frame[frame["force"].isin(forces)]
    return frame.reset_index(drop=True)


def lsoa_boundaries(codes: list[str]) -> dict[str, dict[str, Any]]:
    """GeoJSON geometry of each LSOA, by code."""
    return dict(Lsoa.objects.filter(code__in=codes).values_list("code", "boundary"))


@dataclass(frozen=True)
class AreaStatistics:
    """One table of areas with what it counts and over which months."""

    query: AreaQuery
    table: pd.DataFrame  # code, name, count, population, rate
    months: list[str]  # the months with data in the period
    areas: pd.DataFrame  # the LSOAs behind it (areas_frame)

    def period(self) -> str:
        if not self.months:
            return "no months imported"
        first, last = self.months[0], self.months[-1]
        return first if first == last else f"{first} to {last}"

    def describe(self) -> str:
        """Which data and period the table shows, in one sentence."""
        where = ", ".join(self.query.forces) or "all loaded areas"
        if self.query.local_authorities:
            where += " (" + ", ".join(self.query.local_authorities) + ")"
        return (
            f"police.uk street crime: {self.query.what()}, {where}, {self.period()} "
            f"({len(self.months)} months), per {LEVEL_NAMES[self.query.level]}; "
            "rates per 1,000 residents (2011 Census)"
        )


def area_statistics(query: AreaQuery) -> AreaStatistics:
    """Counts and rates per area for the query (every area, 0 where none)."""
    areas = areas_frame(
        forces=list(query.forces), local_authorities=list(query.local_authorities)
    )
    months = crime_months(start=query.start, end=query.end)
    with crimes_db(months) as db:
        counts = crime_counts(
            db,
            crime_types=query.crime_type_filter(),
            start=query.start,
            end=query.end,
            by=("lsoa_code",),
        )
        present = months_in(db, start=query.start, end=query.end)
    table = area_table(counts, areas, level=query.level)
    return AreaStatistics(query=query, table=table, months=present, areas=areas)


def area_weights(statistics: AreaStatistics) -> "W":
    """Queen contiguity between the table's areas, from the LSOA boundaries."""
    areas = statistics.areas
    codes = list(areas["lsoa_code"])
    boundaries = lsoa_boundaries(codes)
    weights = queen_weights(
        codes, geometries_from_geojson([boundaries[c] for c in codes])
    )
    if statistics.query.level == "lsoa":
        return weights
    code_column = LEVEL_COLUMNS[statistics.query.level][0]
    groups = dict(zip(areas["lsoa_code"], areas[code_column], strict=True))
    return grouped_weights(weights, {k: v for k, v in groups.items() if v})


def hotspot_statistics(
    statistics: AreaStatistics,
    *,
    permutations: int = 999,
    seed: int = 12345,
    fdr: bool = True,
) -> pd.DataFrame:
    """The table with Gi* (z, p, class) and local Moran's I on the rates."""
    weights = area_weights(statistics)
    table = statistics.table.set_index("code").reindex(weights.id_order)
    rates = table["rate"].fillna(0).to_numpy()
    gi = gi_star(rates, weights, permutations=permutations, seed=seed, fdr=fdr)
    moran = local_moran(
        rates, weights, permutations=max(permutations, 1), seed=seed, fdr=fdr
    )
    table["gi_z"] = gi.z
    table["gi_p"] = gi.p
    table["hotspot"] = gi.classes
    table["moran_i"] = moran.i
    table["moran_p"] = moran.p
    table["moran_cluster"] = moran.quadrant
    table.index.name = "code"
    return table.reset_index()
