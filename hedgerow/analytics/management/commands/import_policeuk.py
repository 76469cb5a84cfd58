"""`hedgerow import_policeuk PATH...`: import police.uk street crime into the store."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.analytics.compute.policeuk_import import ImportResult
from hedgerow.analytics.services import ImportRefusedError, policeuk_import
from hedgerow.core.progress import NullStream, ProgressBar

# Bad rows listed in full; the rest are counted by reason.
REJECTIONS_SHOWN = 20


class Command(BaseCommand):
    """Import police.uk downloads: zips, month folders, street CSVs (plain or .gz)."""

    help = (
        "Import police.uk street-level crime for any forces and months. Give "
        "download zips, folders or street CSV files (plain or .gz). Bad rows are "
        "reported with file:line and reason and the rest imported; outcomes and "
        "stop-and-search files are skipped. Importing a month again replaces it. "
        "Example: hedgerow import_policeuk ~/Downloads/2017-07.zip"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="files read at once (default 2; one per CPU core is right)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="do not draw a progress bar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        progress = ProgressBar(
            sys.stderr if not options["no_progress"] else NullStream()
        )
        try:
            _, result = policeuk_import(
                options["paths"],
                run_by="hedgerow import_policeuk",
                workers=options["workers"],
                progress=progress,
            )
        except ImportRefusedError as refusal:
            progress.close()
            raise CommandError(str(refusal)) from None
        progress.close()
        self.stdout.write(summary_text(result))
        if not result.partitions and any(f.refused for f in result.files):
            raise CommandError("Nothing was imported: see the problems above.")


def summary_text(result: ImportResult) -> str:
    """Rows, forces, months, rejections and files not imported, in plain words."""
    parts = result.partitions
    forces = sorted({p.force for p in parts})
    months = sorted({p.month for p in parts})
    lines = [
        f"Rows imported: {result.rows}",
        f"Forces: {len(forces)}" + (f" ({', '.join(forces)})" if forces else ""),
        f"Months: {len(months)}" + (f" ({_span(months)})" if months else ""),
        f"Rows rejected: {result.rejected}",
    ]
    for reason, count in result.rejected_by_reason().items():
        lines.append(f"  {reason}: {count}")
    rejections = [r for f in result.files for r in f.rejections]
    for rejection in rejections[:REJECTIONS_SHOWN]:
        lines.append(f"  {rejection}")
    if result.rejected > REJECTIONS_SHOWN:
        lines.append(f"  … and {result.rejected - REJECTIONS_SHOWN} more rejected rows")
    for file in result.files:
        if file.refused:
            lines.append(f"Not imported: {file.source}: {file.refused}")
        elif file.skipped:
            lines.append(f"Skipped: {file.source}: {file.skipped}")
    for part in sorted(parts, key=lambda p: (p.force, p.month)):
        lines.append(f"  {part.force} {part.month}: {part.rows} rows")
    return "\n".join(lines) + "\n"


def _span(months: list[str]) -> str:
    if len(months) <= 3:
        return ", ".join(months)
    return f"{months[0]} to {months[-1]}"
