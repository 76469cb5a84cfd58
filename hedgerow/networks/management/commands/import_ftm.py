"""`hedgerow import_ftm`: FollowTheMoney JSON lines in as subjects and links."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.accounts.models import Agency
from hedgerow.networks.ftm import FtmError
from hedgerow.networks.services.ftm_import import ftm_import


class Command(BaseCommand):
    help = (
        "Read FollowTheMoney entities (one JSON object per line: Person, Company, "
        "Organization, Vehicle, UserAccount, BankAccount, RealEstate and the links "
        "Associate, Family, Employment, Ownership, Directorship, UnknownLink), check "
        "each with the followthemoney library and record them for --agency. All or "
        "nothing: any problem is reported and nothing is kept. Example: hedgerow "
        "import_ftm caviar.ftm.json --agency 'West Yorkshire Police'"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--agency", required=True, help="the recording agency's name"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(name=options["agency"]).first()
        if agency is None:
            raise CommandError(f"There is no agency called “{options['agency']}”.")
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        try:
            result = ftm_import(
                lines=text.splitlines(),
                agency=agency,
                actor_label="command line",
                source=path.name,
            )
        except FtmError as error:
            raise CommandError(f"Nothing was imported:\n{error}") from None
        self.stdout.write(
            f"Imported {result.subjects:,} subjects and {result.links:,} links "
            f"for {agency.name}."
        )
