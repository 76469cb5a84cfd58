"""Reading imported crime: the catalogue's files, opened as one DuckDB view.

`crimes_db()` gives an in-memory DuckDB connection with a view `crimes` over
exactly the Parquet files the catalogue lists (optionally for some forces and a
span of months), so what a page counts is what the catalogue says is there.
"""

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
import pandas as pd
from django.utils.translation import gettext

from hedgerow.analytics.compute.area_stats import (
    LEVEL_COLUMNS,
    area_table,
    crime_counts,
    crime_types_in,
    month_table,
    months_in,
    rate,
)
from hedgerow.analytics.compute.emerging import emerging_hotspots
from hedgerow.analytics.compute.harm import unweighted
from hedgerow.analytics.compute.hotspots import gi_star, local_moran
from hedgerow.analytics.compute.policeuk import FORCE_BY_SLUG
from hedgerow.analytics.compute.similarity import (
    Comparison,
    explain_differences,
    super_output_comparison,
)
from hedgerow.analytics.compute.trends import rate_change_table
from hedgerow.analytics.compute.weights import (
    geometries_from_geojson,
    grouped_weights,
    queen_weights,
)
from hedgerow.analytics.models import CrimeMonth, HarmWeights
from hedgerow.analytics.queries import LEVEL_NAMES, AreaQuery
from hedgerow.analytics.store import partition_path
from hedgerow.geography.models import Lsoa
from hedgerow.geography.selectors import deprivation_scores
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
    table: pd.DataFrame  # code, name, count, population, rate (harm, harm_rate)
    months: list[str]  # the months with data in the period
    areas: pd.DataFrame  # the LSOAs behind it (areas_frame)
    harm: HarmWeights | None = None  # the weights when query.harm is set
    unweighted: tuple[str, ...] = ()  # crime types counted that have no weight

    def period(self) -> str:
        return period_text(self.months)

    def describe(self) -> str:
        """Which data and period the table shows, in one sentence."""
        where = ", ".join(self.query.forces) or gettext("all loaded areas")
        if self.query.local_authorities:
            where += " (" + ", ".join(self.query.local_authorities) + ")"
        sentence = gettext(
            "police.uk street crime: %(what)s, %(where)s, %(period)s (%(months)s "
            "months), per %(level)s; rates per 1,000 residents (2011 Census)"
        ) % {
            "what": self.query.what(),
            "where": where,
            "period": self.period(),
            "months": len(self.months),
            "level": LEVEL_NAMES[self.query.level],
        }
        return "; ".join([sentence, *self._harm_text()])

    def _harm_text(self) -> list[str]:
        """What the harm weighting is and which crime types it leaves out."""
        if self.harm is None:
            return []
        weighted = gettext(
            "weighted by harm with “%(title)s” (%(slug)s): each crime adds its "
            "weight to the harm, and maps and hot spots use harm per 1,000 residents"
        ) % {"title": self.harm.title, "slug": self.harm.slug}
        if not self.unweighted:
            return [weighted, gettext("every crime type counted has a weight")]
        missing = gettext("no weight, so no harm, for %(types)s") % {
            "types": ", ".join(self.unweighted)
        }
        return [weighted, missing]


def period_text(months: list[str]) -> str:
    """ "2016-07 to 2017-07", one month alone, or that nothing is imported."""
    if not months:
        return gettext("no months imported")
    first, last = months[0], months[-1]
    if first == last:
        return first
    return gettext("%(first)s to %(last)s") % {"first": first, "last": last}


def area_statistics(query: AreaQuery) -> AreaStatistics:
    """Counts and rates per area for the query (every area, 0 where none).

    With query.harm the table also has harm (Σ count × weight) and harm_rate
    (per 1,000 residents), and says which crime types counted have no weight:
    the query's own types, or with all types those recorded in the period.
    """
    areas = areas_frame(
        forces=list(query.forces), local_authorities=list(query.local_authorities)
    )
    harm = HarmWeights.objects.get(slug=query.harm) if query.harm else None
    months = crime_months(start=query.start, end=query.end)
    with crimes_db(months) as db:
        counts = crime_counts(
            db,
            crime_types=query.crime_type_filter(),
            start=query.start,
            end=query.end,
            by=("lsoa_code",),
            weights=harm.weights if harm else None,
        )
        present = months_in(db, start=query.start, end=query.end)
        counted = query.crime_type_filter() or (
            crime_types_in(db, start=query.start, end=query.end) if harm else []
        )
    table = area_table(counts, areas, level=query.level)
    return AreaStatistics(
        query=query,
        table=table,
        months=present,
        areas=areas,
        harm=harm,
        unweighted=tuple(unweighted(counted, harm.weights)) if harm else (),
    )


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
    """The table with Gi* (z, p, class) and local Moran's I on the rates.

    On harm per 1,000 residents instead when the query is weighted by harm.
    """
    weights = area_weights(statistics)
    table = statistics.table.set_index("code").reindex(weights.id_order)
    rates = table[statistics.query.measure()].fillna(0).to_numpy()
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


@dataclass(frozen=True)
class LsoaProfile:
    """One LSOA's crime for a query: by month on the lens, by type, hot spot status."""

    lsoa: Lsoa
    query: AreaQuery
    months: list[str]
    by_month: list[dict[str, Any]]  # month, count (what the query counts)
    by_type: list[dict[str, Any]]  # crime_type, count (every type)
    by_month_and_type: pd.DataFrame  # month, crime_type, count (every type)
    count: int
    rate: float | None
    hotspot: str  # a Gi* class among the LSOAs of its force area, or ""
    gi_z: float | None

    def period(self) -> str:
        return period_text(self.months)


def lsoa_profile(
    code: str, query: AreaQuery, *, with_hotspot: bool = True
) -> LsoaProfile | None:
    """The LSOA's profile, or None when no such LSOA is loaded."""
    lsoa = Lsoa.objects.filter(code=code).first()
    if lsoa is None:
        return None
    months = crime_months(start=query.start, end=query.end)
    with crimes_db(months) as db:
        every = crime_counts(
            db,
            lsoas=[code],
            start=query.start,
            end=query.end,
            by=("lsoa_code", "month", "crime_type"),
        )
    every = every[every["lsoa_code"] == code].drop(columns="lsoa_code")
    every = every.reset_index(drop=True)
    wanted = query.crime_type_filter()
    counted = every if wanted is None else every[every["crime_type"].isin(wanted)]
    present = sorted({m.month for m in months})
    per_month = counted.groupby("month")["count"].sum()
    by_month = [{"month": m, "count": int(per_month.get(m, 0))} for m in present]
    per_type = every.groupby("crime_type")["count"].sum().sort_values(ascending=False)
    by_type = [{"crime_type": t, "count": int(n)} for t, n in per_type.items()]
    count = int(counted["count"].sum())
    rate = count / lsoa.population * 1000 if lsoa.population else None
    hotspot, gi_z = _lsoa_hotspot(lsoa, query) if with_hotspot else ("", None)
    return LsoaProfile(
        lsoa=lsoa,
        query=query,
        months=present,
        by_month=by_month,
        by_type=by_type,
        by_month_and_type=every,
        count=count,
        rate=rate,
        hotspot=hotspot,
        gi_z=gi_z,
    )


def profile_force_slug(lsoa: Lsoa) -> str | None:
    """The police.uk slug of the force area an LSOA is in, if known."""
    slugs = {force_key(f.area): f.slug for f in FORCE_BY_SLUG.values()}
    return slugs.get(force_key(lsoa.police_force))


def _lsoa_hotspot(lsoa: Lsoa, query: AreaQuery) -> tuple[str, float | None]:
    """The LSOA's Gi* class among the LSOAs of its police force area."""
    force = profile_force_slug(lsoa)
    if force is None:
        return "", None
    around = AreaQuery(
        forces=(force,),
        start=query.start,
        end=query.end,
        lens=query.lens,
        crime_types=query.crime_types,
        level="lsoa",
    )
    statistics = area_statistics(around)
    if len(statistics.table) < 3:
        return "", None
    table = hotspot_statistics(statistics)
    found = table[table["code"] == lsoa.code].to_dict("records")
    if not found:
        return "", None
    z = float(found[0]["gi_z"])
    return str(found[0]["hotspot"]), (None if np.isnan(z) else z)


# The features "super output vs zero output" matches on, and how each reads.
SIMILARITY_FEATURES = {
    "log_density": "residents per hectare (log)",
    "households": "households",
    "persons_per_household": "residents per household",
    "la_rate": "the local authority's own rate",
}
# With the Indices of Deprivation loaded, six of its seven domain scores join
# them. Not the Crime domain: it is recorded crime, the very thing compared.
DEPRIVATION_FEATURES = {
    f"imd_{measure}": measure
    for measure in ("income", "employment", "education", "health", "barriers")
} | {"imd_living_environment": "living_environment"}
# Deprivation is used only where it covers this share of the areas compared
# (it is England's index: a query across the border would lose Wales).
DEPRIVATION_COVERAGE = 0.9


@dataclass(frozen=True)
class SuperOutput:
    """High-crime LSOAs beside their most similar low-crime LSOAs."""

    statistics: AreaStatistics
    comparison: Comparison | None  # None when there is nothing to match
    areas: pd.DataFrame  # by LSOA code: name, rate, count and the features
    differences: pd.DataFrame  # explain_differences rows


def similarity_frame(statistics: AreaStatistics) -> pd.DataFrame:
    """Each LSOA's rate with the features it is matched on (NaN where unknown)."""
    areas = statistics.areas.set_index("lsoa_code")
    table = statistics.table.set_index("code")
    frame = pd.DataFrame(index=areas.index)
    frame["name"] = areas["lsoa_name"]
    frame["group"] = areas["lad_code"]
    frame["count"] = table["count"]
    frame["rate"] = table["rate"]
    population = areas["population"].astype("float64")
    hectares = areas["area_hectares"].astype("float64")
    households = areas["households"].astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        density = (population / hectares).where(hectares > 0)
        frame["log_density"] = np.log(density.where(density > 0))
        frame["persons_per_household"] = (population / households).where(households > 0)
    frame["households"] = households
    counts = table["count"].groupby(areas["lad_code"]).sum()
    people = population.groupby(areas["lad_code"]).sum(min_count=1)
    la_rate = counts / people * 1000
    frame["la_rate"] = areas["lad_code"].map(la_rate).astype("float64")
    scores = deprivation_scores(list(frame.index), tuple(DEPRIVATION_FEATURES.values()))
    if len(frame) and len(scores) >= DEPRIVATION_COVERAGE * len(frame):
        for column, measure in DEPRIVATION_FEATURES.items():
            frame[column] = [
                scores.get(code, {}).get(measure, np.nan) for code in frame.index
            ]
    return frame


def similarity_features(frame: pd.DataFrame) -> list[str]:
    """The features a similarity frame has: the base ones, and deprivation if any."""
    return [*SIMILARITY_FEATURES, *(c for c in DEPRIVATION_FEATURES if c in frame)]


def super_output(
    query: AreaQuery, *, k: int = 3, same_local_authority: bool = False
) -> SuperOutput:
    """Top-decile LSOAs by rate matched to their most similar bottom-half LSOAs."""
    statistics = area_statistics(replace(query, level="lsoa"))
    frame = similarity_frame(statistics)
    frame = frame[frame["rate"].notna()]
    if len(frame) < 2 or not statistics.months:
        return SuperOutput(statistics, None, frame, pd.DataFrame())
    try:
        comparison = super_output_comparison(
            frame,
            features=similarity_features(frame),
            top=0.1,
            bottom=0.5,
            k=k,
            same_group="group" if same_local_authority else None,
        )
    except ValueError:  # no measure varies across these areas
        return SuperOutput(statistics, None, frame, pd.DataFrame())
    differences = explain_differences(
        frame, comparison.pairs, comparison.features, scale=comparison.scale
    )
    return SuperOutput(statistics, comparison, frame, differences)


@dataclass(frozen=True)
class TrendStatistics:
    """Change per area between two periods, with the Poisson test per area."""

    query: AreaQuery
    before: list[str]  # the months with data in each period
    after: list[str]
    table: pd.DataFrame  # trends.rate_change_table, indexed by area code, with name
    areas: pd.DataFrame  # the LSOAs behind it (areas_frame), to map the areas

    def describe(self) -> str:
        return gettext(
            "police.uk street crime: %(what)s, %(before)s against %(after)s, per "
            "%(level)s"
        ) % {
            "what": self.query.what(),
            "before": period_text(self.before),
            "after": period_text(self.after),
            "level": LEVEL_NAMES[self.query.level],
        }


def trend_statistics(
    query: AreaQuery, *, before: tuple[str, str], after: tuple[str, str]
) -> TrendStatistics | None:
    """Each area's counts in the two periods and whether they changed.

    None when either period has no imported months.
    """
    whole = replace(query, start=min(before[0], after[0]), end=max(before[1], after[1]))
    statistics = area_statistics(replace(whole, start=before[0], end=before[1]))
    later = area_statistics(replace(whole, start=after[0], end=after[1]))
    if not statistics.months or not later.months:
        return None
    frame = statistics.table.set_index("code")[["name", "population"]].copy()
    frame["before"] = statistics.table.set_index("code")["count"]
    frame["after"] = later.table.set_index("code")["count"]
    table = rate_change_table(
        frame, months_before=len(statistics.months), months_after=len(later.months)
    )
    return TrendStatistics(
        query, statistics.months, later.months, table, statistics.areas
    )


@dataclass(frozen=True)
class EmergingStatistics:
    """Emerging hot spot classes per LSOA over the months of the query."""

    statistics: AreaStatistics
    table: (
        pd.DataFrame
    )  # code, name, count, population, rate, trend_z, trend_p, pattern


def emerging_statistics(
    query: AreaQuery, *, permutations: int = 199, seed: int = 12345
) -> EmergingStatistics:
    """Gi* of each month's LSOA rates plus a Mann–Kendall trend, classified (ESRI)."""
    statistics = area_statistics(replace(query, level="lsoa"))
    columns = [*statistics.table.columns, "trend_z", "trend_p", "pattern"]
    if len(statistics.table) < 3 or not statistics.months:
        return EmergingStatistics(statistics, pd.DataFrame(columns=columns))
    weights = area_weights(statistics)
    months = crime_months(start=query.start, end=query.end)
    with crimes_db(months) as db:
        counts = crime_counts(
            db,
            crime_types=query.crime_type_filter(),
            start=query.start,
            end=query.end,
            by=("lsoa_code", "month"),
        )
    per_month = month_table(counts, statistics.months).reindex(
        weights.id_order, fill_value=0
    )
    population = (
        statistics.areas.set_index("lsoa_code")["population"]
        .reindex(weights.id_order)
        .astype("float64")
    )
    rates = np.nan_to_num(rate(per_month.to_numpy().T, population.to_numpy()))
    result = emerging_hotspots(rates, weights, permutations=permutations, seed=seed)
    table = statistics.table.set_index("code").reindex(weights.id_order)
    table["trend_z"] = result.trend_z
    table["trend_p"] = result.trend_p
    table["pattern"] = result.classes
    table.index.name = "code"
    return EmergingStatistics(statistics, table.reset_index())
