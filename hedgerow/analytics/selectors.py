"""Reading imported crime: the catalogue's files, opened as one DuckDB view.

`crimes_db()` gives an in-memory DuckDB connection with a view `crimes` over
exactly the Parquet files the catalogue lists (optionally for some forces and a
span of months), so what a page counts is what the catalogue says is there.
"""

from pathlib import Path

import duckdb

from hedgerow.analytics.models import CrimeMonth
from hedgerow.analytics.store import partition_path

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
