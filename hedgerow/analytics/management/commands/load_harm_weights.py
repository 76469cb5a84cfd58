"""`hedgerow load_harm_weights FILE`: load a harm weight per police.uk crime type."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.analytics.compute.harm import unweighted
from hedgerow.analytics.compute.policeuk import CRIME_TYPES
from hedgerow.analytics.models import HarmWeights
from hedgerow.analytics.services import HarmWeightsRefusedError, harm_weights_load


class Command(BaseCommand):
    """Load (or replace) a harm weights table; every row is checked first."""

    help = (
        "Load a harm weights table from a CSV with the header crime_type,weight "
        "(and optionally note): one row per police.uk crime type, written exactly "
        "as police.uk does (e.g. Burglary, Violence and sexual offences), and a "
        "weight of 0 or more taken from a published source such as the Cambridge "
        "Crime Harm Index (days of custody) or the ONS Crime Severity Score. "
        "Hedgerow ships no weights. Crime types not listed weigh 0. Every row is "
        "checked and problems are reported as file:line: reason; if any row is "
        "bad nothing is saved. Loading the same --name again replaces the table. "
        "Use it with --harm NAME on hedgerow area_stats and hedgerow hotspots, "
        "or the 'Weigh by harm' filter. See docs/howto/load-harm-weights.md. "
        "Example: hedgerow load_harm_weights cchi.csv --name cchi-2023 "
        '--title "Cambridge Crime Harm Index" --source "CCHI 2023, mapped to '
        'police.uk types by …"'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the weights CSV (UTF-8)")
        parser.add_argument(
            "--name",
            required=True,
            metavar="SLUG",
            help="the table's name, used by --harm (lower-case, digits, hyphens)",
        )
        parser.add_argument(
            "--title", required=True, help="what pages call it, e.g. the index's name"
        )
        parser.add_argument(
            "--source",
            required=True,
            help="where the numbers come from: publication, version, date, address",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            harm, created = harm_weights_load(
                options["file"],
                slug=options["name"],
                title=options["title"],
                source=options["source"],
                loaded_by="hedgerow load_harm_weights",
            )
        except HarmWeightsRefusedError as refusal:
            raise CommandError(f"Nothing was loaded:\n{refusal}") from None
        self.stdout.write(summary_text(harm, created=created))


def summary_text(harm: HarmWeights, *, created: bool) -> str:
    """What was loaded, and which crime types have no weight, in plain words."""
    verb = "Loaded" if created else "Replaced"
    lines = [f"{verb} harm weights “{harm.slug}” ({harm.title})"]
    for crime_type in CRIME_TYPES:  # jsonb does not keep the file's order
        if crime_type in harm.weights:
            lines.append(f"  {crime_type}: {harm.weights[crime_type]:g}")
    missing = unweighted(CRIME_TYPES, harm.weights)
    if missing:
        lines.append("No weight, so counted as 0 harm: " + ", ".join(missing))
    return "\n".join(lines) + "\n"
