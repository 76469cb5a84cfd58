"""`hedgerow pb_export`: a round out as a Pabulib `.pb` file, recorded as an export."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.budgeting.models import Round
from hedgerow.budgeting.services.interchange import round_download_pb


class Command(BaseCommand):
    help = (
        "Write a round's eligible bids and confirmed ballots (anonymous, numbered "
        "in the order of their random ids) as a Pabulib .pb file, with the funded "
        "projects once counted. Recorded in the audit trail. Writes to standard "
        "output unless -o is given. Example: hedgerow pb_export warsaw-2026 -o "
        "warsaw-2026.pb"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", metavar="SLUG", help="the round's web address name")
        parser.add_argument("-o", "--output", metavar="FILE", help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        round = Round.objects.filter(slug=options["slug"]).first()
        if round is None:
            raise CommandError(f"There is no round “{options['slug']}”.")
        output = options["output"]
        if output and not Path(output).parent.is_dir():
            raise CommandError(f"Cannot write {output}: there is no such folder.")
        text = round_download_pb(round=round, by=None, actor_label="command line")
        if not output:
            self.stdout.write(text, ending="")
            return
        out = Path(output)
        # Written aside then moved, so a failed write leaves no half file.
        partial = out.with_name(out.name + ".partial")
        try:
            partial.write_text(text, encoding="utf-8")
            partial.replace(out)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}.") from None
        self.stderr.write(f"Wrote {round.name} to {out}")
