"""`hedgerow pb_import`: a Pabulib `.pb` file in, as a round in its results phase."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_slug

from hedgerow.budgeting.services.interchange import round_import_pb


class Command(BaseCommand):
    help = (
        "Import a participatory-budgeting election from a Pabulib .pb file as a new "
        "round in its results phase, with its projects as eligible bids and its "
        "ballots without any voter details. All or nothing: a file that cannot be "
        "imported is refused with the line at fault. Example: hedgerow pb_import "
        "data/pabulib/Poland_Warszawa_2026.pb --slug warsaw-2026"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE.pb")
        parser.add_argument(
            "--slug", required=True, help="the new round's web address name"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["slug"]
        try:
            validate_slug(slug)
        except ValidationError:
            raise CommandError(
                f"“{slug}” is not a web address name: use letters, numbers and hyphens."
            ) from None
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            round = round_import_pb(
                data=data,
                filename=path.name,
                slug=slug.lower(),
                by=None,
                actor_label="command line",
            )
        except ValidationError as error:
            reasons = "\n".join(error.messages)
            raise CommandError(
                f"Nothing was imported from {path}:\n{reasons}"
            ) from None
        self.stdout.write(
            f"Imported {round.name}: {round.bids.count():,} projects and "
            f"{round.ballots.count():,} ballots, as round {round.slug}."
        )
