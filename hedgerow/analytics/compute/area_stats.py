"""Counts and rates of crime per area, month and crime type.

The counting is one DuckDB query over the Parquet store (a national year of
about six million rows takes well under a second); the areas come from the
caller as a frame of LSOAs with their place in the hierarchy and population.
Every area in the frame gets a row, with a count of 0 where nothing was
recorded: a map or a hot spot analysis must see the quiet areas too.

A rate is the count over the whole chosen period per 1,000 usual residents
(2011 Census): count / population × 1,000. An area with no population figure
has no rate (NaN), never a made-up one.
"""

from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

LEVELS = ("lsoa", "msoa", "lad", "force")
# The columns of the areas frame that name each level's code and name.
LEVEL_COLUMNS = {
    "lsoa": ("lsoa_code", "lsoa_name"),
    "msoa": ("msoa_code", "msoa_name"),
    "lad": ("lad_code", "lad_name"),
    "force": ("force", "force"),
}
PER = 1000


def _where(
    crime_types: Sequence[str] | None,
    start: str | None,
    end: str | None,
    lsoas: Sequence[str] | None = None,
) -> tuple[str, list[Any]]:
    clauses: list[str] = ["lsoa_code IS NOT NULL"]
    params: list[Any] = []
    if lsoas is not None:
        clauses.append("list_contains(?, lsoa_code)")
        params.append(list(lsoas))
    if crime_types:
        clauses.append("list_contains(?, crime_type)")
        params.append(list(crime_types))
    if start:
        clauses.append("month >= ?")
        params.append(start)
    if end:
        clauses.append("month <= ?")
        params.append(end)
    return " AND ".join(clauses), params


def crime_counts(
    db: duckdb.DuckDBPyConnection,
    *,
    crime_types: Sequence[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    by: Sequence[str] = ("lsoa_code", "month", "crime_type"),
    weights: dict[str, float] | None = None,
    lsoas: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rows per combination of `by` in the view `crimes`, in the period and types.

    Unordered: sorting millions of groups would cost more than the counting.

    With `weights` (crime type → harm weight) a `harm` column is added: the sum
    of each row's weight, so harm = Σ count × weight. Crime types without a
    weight count as 0 harm, and the caller says so.
    """
    allowed = {"lsoa_code", "month", "crime_type", "force"}
    if not set(by) <= allowed:
        msg = f"by must be some of {sorted(allowed)}"
        raise ValueError(msg)
    where, params = _where(crime_types, start, end, lsoas)
    columns = ", ".join(by)
    harm = ""
    if weights is not None:
        db.execute(
            "CREATE OR REPLACE TEMP TABLE harm_weight (crime_type VARCHAR, w DOUBLE)"
        )
        if weights:  # executemany refuses an empty list
            db.executemany(
                "INSERT INTO harm_weight VALUES (?, ?)", list(weights.items())
            )
        harm = (
            ", sum(coalesce((SELECT w FROM harm_weight h "
            "WHERE h.crime_type = crimes.crime_type), 0)) AS harm"
        )
    # `by` is checked against fixed names above; the values are bound.
    sql = (
        f"SELECT {columns}, count(*) AS count{harm} FROM crimes "  # noqa: S608
        f"WHERE {where} GROUP BY {columns}"
    )
    return db.execute(sql, params).df()


def months_in(
    db: duckdb.DuckDBPyConnection, *, start: str | None = None, end: str | None = None
) -> list[str]:
    """The months with any crime in the view, within the period, oldest first."""
    where, params = _where(None, start, end)
    rows = db.execute(
        f"SELECT DISTINCT month FROM crimes WHERE {where} ORDER BY month",  # noqa: S608
        params,
    ).fetchall()
    return [str(row[0]) for row in rows]


def crime_types_in(
    db: duckdb.DuckDBPyConnection, *, start: str | None = None, end: str | None = None
) -> list[str]:
    """The crime types recorded in an area in the view, within the period."""
    where, params = _where(None, start, end)
    rows = db.execute(
        f"SELECT DISTINCT crime_type FROM crimes WHERE {where}",  # noqa: S608
        params,
    ).fetchall()
    return sorted(str(row[0]) for row in rows)


def rate(count: Any, population: Any) -> Any:
    """count / population × 1,000; NaN where the population is missing or 0."""
    count = np.asarray(count, dtype=np.float64)
    population = np.asarray(population, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        result = np.where(population > 0, count / population * PER, np.nan)
    return result if result.ndim else float(result)


def area_table(
    counts: pd.DataFrame, areas: pd.DataFrame, *, level: str = "lsoa"
) -> pd.DataFrame:
    """One row per area at `level`: code, name, count, population, rate (and harm).

    `counts` has lsoa_code and count (and optionally harm) columns; `areas` has
    a row per LSOA with lsoa_code, lsoa_name, msoa_code, msoa_name, lad_code,
    lad_name, force and population. Crime in LSOAs outside `areas` is left out.
    """
    if level not in LEVELS:
        msg = f"level must be one of {', '.join(LEVELS)}"
        raise ValueError(msg)
    code_column, name_column = LEVEL_COLUMNS[level]
    value_columns = [c for c in ("count", "harm") if c in counts.columns]
    per_lsoa = counts.groupby("lsoa_code", sort=False)[value_columns].sum()
    joined = areas.set_index("lsoa_code").join(per_lsoa, how="left")
    for column in value_columns:
        joined[column] = joined[column].fillna(0)
    joined["count"] = joined.get("count", pd.Series(0, index=joined.index)).astype(
        np.int64
    )
    joined = joined.reset_index()
    joined = joined[joined[code_column].fillna("") != ""]
    grouped = joined.groupby(code_column, sort=True).agg(
        name=(name_column, "first"),
        count=("count", "sum"),
        # min_count=1: an area whose LSOAs all lack a population has none.
        population=("population", lambda s: s.sum(min_count=1)),
        **({"harm": ("harm", "sum")} if "harm" in value_columns else {}),
    )
    grouped.index.name = "code"
    table = grouped.reset_index()
    table["rate"] = rate(table["count"], table["population"])
    if "harm" in table.columns:
        table["harm_rate"] = rate(table["harm"], table["population"])
    return table


def month_table(counts: pd.DataFrame, months: Sequence[str]) -> pd.DataFrame:
    """Counts as an areas × months frame (0 where none), for trends and charts."""
    pivot = counts.pivot_table(
        index="lsoa_code", columns="month", values="count", aggfunc="sum", fill_value=0
    )
    return pivot.reindex(columns=list(months), fill_value=0).astype(np.int64)
