"""`hedgerow dedupe_records`: which records in one CSV are the same entity."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.networks.compute.resolution import (
    DEFAULT_THRESHOLD,
    KNOWN_COLUMNS,
    dedupe_frame,
    read_records,
    write_csv_atomically,
)
from hedgerow.networks.management.commands.link_records import check_out, threshold

HEADER = ("id_l", "id_r", "match_probability")


class Command(BaseCommand):
    help = (
        "Find records in one CSV file that refer to the same person or "
        "organisation, without labelled examples (Splink, trained unsupervised). "
        "Columns compared, by name: "
        + ", ".join(KNOWN_COLUMNS)
        + ". Writes one row per pair at or above the threshold: "
        "id_l,id_r,match_probability. Example: hedgerow dedupe_records people.csv "
        "--id-column rec_id --out pairs.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE.csv")
        parser.add_argument("--id-column", required=True, metavar="ID")
        parser.add_argument("--out", required=True, metavar="FILE")
        parser.add_argument(
            "--threshold",
            type=threshold,
            default=DEFAULT_THRESHOLD,
            metavar="P",
            help=f"lowest match probability accepted (default {DEFAULT_THRESHOLD})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        check_out(options["out"])
        try:
            records = read_records(options["file"], "input")
            pairs = dedupe_frame(
                records, options["id_column"], threshold=options["threshold"]
            )
        except ValueError as error:
            raise CommandError(f"Nothing was deduplicated:\n{error}") from None
        rows = (
            (row.id_l, row.id_r, f"{row.match_probability:.6f}")
            for row in pairs.itertuples(index=False)
        )
        write_csv_atomically(options["out"], HEADER, rows)
        self.stderr.write(
            f"{len(records):,} records; {len(pairs):,} pairs at or above "
            f"{options['threshold']}"
        )
