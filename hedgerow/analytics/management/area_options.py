"""The options `hedgerow area_stats` and `hedgerow hotspots` share, and their CSV."""

from typing import Any

import pandas as pd
from django.core.management.base import CommandError, CommandParser, OutputWrapper

from hedgerow.analytics.compute.area_stats import LEVELS
from hedgerow.analytics.queries import AreaQuery, QueryError, area_query
from hedgerow.analytics.tables import AREA_COLUMNS, area_columns, csv_text

__all__ = ["AREA_COLUMNS", "add_area_arguments", "area_columns", "query_from"]


def add_area_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--force",
        action="append",
        default=[],
        metavar="SLUG",
        help="areas in this police force area (police.uk slug, e.g. west-yorkshire)",
    )
    parser.add_argument(
        "--local-authority",
        action="append",
        default=[],
        metavar="CODE",
        help="areas in this local authority (ONS code, e.g. E08000035)",
    )
    parser.add_argument("--from", dest="start", metavar="YYYY-MM", help="first month")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM", help="last month")
    parser.add_argument("--lens", help="a named set of crime types, e.g. soc")
    parser.add_argument(
        "--crime-type",
        action="append",
        default=[],
        metavar="TYPE",
        help="a police.uk crime type (repeatable); neither this nor --lens: all",
    )
    parser.add_argument("--level", choices=LEVELS, default="lsoa")
    parser.add_argument(
        "--harm",
        metavar="SLUG",
        help=(
            "weigh each crime by a harm weights table loaded with hedgerow "
            "load_harm_weights: adds the columns harm (sum of the weights) and "
            "harm_rate (per 1,000 residents); hot spots are then on harm_rate"
        ),
    )
    parser.add_argument("--out", metavar="FILE", help="write the CSV here, not stdout")


def query_from(options: dict[str, Any]) -> AreaQuery:
    try:
        return area_query(
            forces=options["force"],
            local_authorities=options["local_authority"],
            start=options["start"],
            end=options["end"],
            lens=options["lens"],
            crime_types=options["crime_type"],
            level=options["level"],
            harm=options["harm"],
        )
    except QueryError as error:
        raise CommandError(str(error)) from None


def write_table(
    table: pd.DataFrame, columns: list[str], out: str | None, stdout: OutputWrapper
) -> None:
    """The table as CSV to the file `out`, or to stdout."""
    text = csv_text(table, columns)
    if not out:
        stdout.write(text, ending="")
        return
    try:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise CommandError(f"Cannot write {out}: {error.strerror}") from None
