"""`hedgerow hotspots`: Getis-Ord Gi* and local Moran's I per area as CSV."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.analytics.compute.emerging import MIN_SLICES_ADVISED
from hedgerow.analytics.management.area_options import (
    AREA_COLUMNS,
    add_area_arguments,
    area_columns,
    query_from,
    write_table,
)
from hedgerow.analytics.selectors import (
    area_statistics,
    emerging_statistics,
    hotspot_statistics,
)

DEFAULT_PERMUTATIONS = 999
EMERGING_COLUMNS = [*AREA_COLUMNS, "trend_z", "trend_p", "pattern"]
HOTSPOT_MEASURES = ["gi_z", "gi_p", "hotspot", "moran_i", "moran_p", "moran_cluster"]


class Command(BaseCommand):
    help = (
        "Hot and cold spots of the crime rate: Getis-Ord Gi* (queen contiguity, "
        "permutation p, false-discovery-rate corrected, classes hot-99 … cold-99) "
        "and local Moran's I clusters, one CSV row per area; with --harm, of harm "
        "per 1,000 residents instead. Example: hedgerow hotspots --force "
        "west-yorkshire --lens soc --out hotspots.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_arguments(parser)
        parser.add_argument("--permutations", type=int, default=DEFAULT_PERMUTATIONS)
        parser.add_argument("--seed", type=int, default=12345)
        parser.add_argument(
            "--emerging",
            action="store_true",
            help=(
                "emerging hot spots instead: Gi* per month and a Mann-Kendall trend, "
                "classed new, consecutive, intensifying, … (LSOAs; 199 permutations "
                "unless --permutations is given)"
            ),
        )
        parser.add_argument(
            "--no-fdr",
            action="store_true",
            help="classify on the uncorrected p (not advised: many areas, many tests)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["permutations"] < 1:
            raise CommandError("--permutations must be at least 1 (999 is usual)")
        if options["emerging"]:
            self._emerging(options)
            return
        query = query_from(options)
        statistics = area_statistics(query)
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
        columns = [*area_columns(query), *HOTSPOT_MEASURES]
        write_table(table, columns, options["out"], self.stdout)

    def _emerging(self, options: dict[str, Any]) -> None:
        if options["harm"]:
            raise CommandError(
                "--harm does not apply to --emerging: emerging hot spots are of "
                "the crime rate. Leave out one of them."
            )
        permutations = options["permutations"]
        result = emerging_statistics(
            query_from(options),
            permutations=199 if permutations == DEFAULT_PERMUTATIONS else permutations,
            seed=options["seed"],
        )
        months = len(result.statistics.months)
        self.stderr.write(result.statistics.describe())
        if months < MIN_SLICES_ADVISED:
            self.stderr.write(
                f"Only {months} months: a trend needs at least {MIN_SLICES_ADVISED} "
                "to mean much; treat the patterns as provisional."
            )
        write_table(result.table, EMERGING_COLUMNS, options["out"], self.stdout)
