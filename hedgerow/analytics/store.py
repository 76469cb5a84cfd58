"""Where imported crime lives: one Parquet file per force and month.

    <HEDGEROW_ANALYTICS_DIR>/crimes/<force slug>/<YYYY-MM>.parquet

Force and month are columns inside each file too, so a query reads a list of
files (the catalogue's, see selectors.crime_files) without path conventions.
"""

from pathlib import Path

from django.conf import settings


def store_dir() -> Path:
    return Path(settings.HEDGEROW_ANALYTICS_DIR)


def partition_path(force: str, month: str) -> Path:
    return store_dir() / "crimes" / force / f"{month}.parquet"


def staging_dir() -> Path:
    """Imports write here first (same disk, so the move into place is atomic)."""
    return store_dir() / "staging"
