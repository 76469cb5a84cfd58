"""`hedgerow link_records`: which records in one CSV are the same as in another."""

from argparse import ArgumentTypeError
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.networks.compute.resolution import (
    DEFAULT_THRESHOLD,
    KNOWN_COLUMNS,
    link_frames,
    read_records,
    write_csv_atomically,
)

HEADER = ("left_id", "right_id", "match_probability")


def threshold(value: str) -> float:
    """An argparse type: a probability above 0 and up to 1."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number <= 1:
        raise ArgumentTypeError(
            f"must be a probability above 0 and up to 1, not {value!r}"
        )
    return number


def check_out(out: str) -> None:
    """Fail before any work if the output cannot be written there."""
    parent = Path(out).resolve().parent
    if Path(out).is_dir():
        raise CommandError(f"--out {out!r} is a folder: give a file name.")
    if not parent.is_dir():
        raise CommandError(f"--out {out!r}: the folder {str(parent)!r} does not exist.")


class Command(BaseCommand):
    help = (
        "Link the records of two CSV files that refer to the same person or "
        "organisation, without labelled examples (Splink, trained unsupervised). "
        "Columns are matched by name; those compared are: "
        + ", ".join(KNOWN_COLUMNS)
        + ". Writes one row per accepted pair, each record in at most one pair: "
        "left_id,right_id,match_probability. Example: hedgerow link_records "
        "left.csv right.csv --id-column rec_id --out matches.csv --threshold 0.9"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left", metavar="LEFT.csv")
        parser.add_argument("right", metavar="RIGHT.csv")
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
            left = read_records(options["left"], "left")
            right = read_records(options["right"], "right")
            pairs = link_frames(
                left, right, options["id_column"], threshold=options["threshold"]
            )
        except ValueError as error:
            raise CommandError(f"Nothing was linked:\n{error}") from None
        rows = (
            (row.left_id, row.right_id, f"{row.match_probability:.6f}")
            for row in pairs.itertuples(index=False)
        )
        write_csv_atomically(options["out"], HEADER, rows)
        self.stderr.write(
            f"{len(left):,} left and {len(right):,} right records; "
            f"{len(pairs):,} pairs at or above {options['threshold']}"
        )
