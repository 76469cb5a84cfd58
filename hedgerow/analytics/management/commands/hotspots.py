"""`hedgerow hotspots`: Getis-Ord Gi* and local Moran's I per area as CSV."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.analytics.management.area_options import (
    AREA_COLUMNS,
    add_area_arguments,
    query_from,
    write_table,
)
from hedgerow.analytics.selectors import area_statistics, hotspot_statistics

HOTSPOT_COLUMNS = [
    *AREA_COLUMNS,
    "gi_z",
    "gi_p",
    "hotspot",
    "moran_i",
    "moran_p",
    "moran_cluster",
]


class Command(BaseCommand):
    help = (
        "Hot and cold spots of the crime rate: Getis-Ord Gi* (queen contiguity, "
        "permutation p, false-discovery-rate corrected, classes hot-99 … cold-99) "
        "and local Moran's I clusters, one CSV row per area. Example: hedgerow "
        "hotspots --force west-yorkshire --lens soc --out hotspots.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_arguments(parser)
        parser.add_argument("--permutations", type=int, default=999)
        parser.add_argument("--seed", type=int, default=12345)
        parser.add_argument(
            "--no-fdr",
            action="store_true",
            help="classify on the uncorrected p (not advised: many areas, many tests)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["permutations"] < 1:
            raise CommandError("--permutations must be at least 1 (999 is usual)")
        statistics = area_statistics(query_from(options))
        if len(statistics.table) < 3:
            raise CommandError(
                "Hot spots need at least three areas with boundaries; load the "
                "geography for the force or local authority first."
            )
        table = hotspot_statistics(
            statistics,
            permutations=options["permutations"],
            seed=options["seed"],
            fdr=not options["no_fdr"],
        )
        self.stderr.write(statistics.describe())
        write_table(table, HOTSPOT_COLUMNS, options["out"], self.stdout)
