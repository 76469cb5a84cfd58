"""`hedgerow load_geography`: LSOA boundaries, area lookup, population, deprivation."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.core.progress import NullStream, ProgressBar
from hedgerow.geography.services import LoadSummary, geography_load
from hedgerow.geography.sources import SourceError, problems_text

EXAMPLE = (
    "hedgerow load_geography "
    "--boundaries lsoa_2011_boundaries_ew_bsc.geojson.gz "
    "--lookup lsoa_2011_lookup_police_force.csv.gz "
    "--population lsoa_2011_census_population.csv.gz "
    "--only-police-force 'West Yorkshire'"
)


class Command(BaseCommand):
    """Create or update LSOAs from official ONS files; safe to run again."""

    help = (
        "Load LSOA boundaries (GeoJSON, plain or .gz, Shapefile .zip or .shp, "
        "GeoPackage or KML, with LSOA11CD or LSOA21CD properties; BNG is "
        "reprojected), the LSOA → MSOA → local authority → region → police "
        "force lookup (CSV), census population (CSV, whose local authority and "
        "region columns fill in LSOAs the lookup lacks) and, optionally, the English "
        "Indices of Deprivation 2019 File 7 (CSV). An LSOA with no police force "
        "takes its local authority's (--police-force-lookup; the shipped 2011 "
        "table by default). Every row is checked before anything is saved. "
        f"Example: {EXAMPLE}"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--boundaries",
            metavar="FILE",
            help="GeoJSON, Shapefile (.zip or .shp), GeoPackage or KML",
        )
        parser.add_argument("--lookup", metavar="FILE", help="area lookup CSV")
        parser.add_argument("--population", metavar="FILE", help="population CSV")
        parser.add_argument(
            "--imd",
            metavar="FILE",
            help="English Indices of Deprivation 2019, File 7 (scores, ranks, deciles)",
        )
        parser.add_argument(
            "--police-force-lookup",
            metavar="FILE",
            help=(
                "CSV of local authority code → police force area, for LSOAs the "
                "lookup gives no force (default: the shipped 2011 table)"
            ),
        )
        parser.add_argument(
            "--only-local-authority",
            metavar="CODE",
            action="append",
            default=[],
            help="load only LSOAs in this local authority (repeatable)",
        )
        parser.add_argument(
            "--only-police-force",
            metavar="NAME",
            action="append",
            default=[],
            help="load only LSOAs in this police force area (repeatable)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="do not draw a progress bar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = ProgressBar(
            sys.stderr if not options["no_progress"] else NullStream()
        )
        try:
            summary = geography_load(
                boundaries=options["boundaries"],
                lookup=options["lookup"],
                population=options["population"],
                imd=options["imd"],
                police_force_lookup=options["police_force_lookup"],
                only_local_authorities=options["only_local_authority"],
                only_police_forces=options["only_police_force"],
                progress=progress,
            )
        except SourceError as error:
            progress.close()
            raise CommandError(
                "Nothing was loaded:\n" + problems_text(error.problems)
            ) from None
        progress.close()
        self.stdout.write(summary_text(summary, options))


def summary_text(summary: LoadSummary, options: dict[str, Any]) -> str:
    """What was loaded, in plain words."""
    lines = [
        f"LSOAs created: {summary.created}",
        f"LSOAs updated: {summary.updated}",
        f"LSOAs unchanged: {summary.unchanged}",
    ]
    if options.get("boundaries"):
        lines.append(f"Boundaries read: {summary.boundaries_read}")
    if options.get("lookup"):
        lines.append(f"Lookup rows matched: {summary.lookup_matched}")
        if options.get("boundaries"):
            lines.append(f"LSOAs without a lookup row: {summary.without_lookup}")
    if options.get("population"):
        lines.append(f"Population rows matched: {summary.population_matched}")
        if options.get("boundaries"):
            lines.append(
                f"LSOAs without a population row: {summary.without_population}"
            )
    if summary.police_force_from_local_authority:
        lines.append(
            "Police force taken from the local authority: "
            f"{summary.police_force_from_local_authority}"
        )
    if options.get("imd"):
        lines += [
            f"Deprivation (IoD2019) created: {summary.deprivation_created}",
            f"Deprivation (IoD2019) updated: {summary.deprivation_updated}",
            f"Deprivation (IoD2019) unchanged: {summary.deprivation_unchanged}",
            "Deprivation rows with no LSOA loaded: "
            f"{len(summary.deprivation_unmatched)}",
        ]
    if summary.skipped_by_filter:
        lines.append(f"Skipped by the filters: {summary.skipped_by_filter}")
    unmatched = summary.unmatched_codes
    lines.append(f"Unmatched codes (no boundary loaded): {len(unmatched)}")
    if unmatched:
        shown = ", ".join(unmatched[:5]) + (", …" if len(unmatched) > 5 else "")
        lines.append(f"  for example {shown}")
    return "\n".join(lines) + "\n"
