"""`hedgerow export_ftm`: a group's subjects and links as FollowTheMoney JSON lines."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.networks.ftm import FtmError, export_lines
from hedgerow.networks.models import Link, OrganisedCrimeGroup, Subject


class Command(BaseCommand):
    help = (
        "Write the subjects and links of one group (--group ID), or of the whole "
        "register (--all), as FollowTheMoney entities, one JSON object per line, "
        "each validated by the followthemoney library. OFFICIAL-SENSITIVE: the "
        "export is audited with its --purpose. Example: hedgerow export_ftm "
        "--group 3 --purpose 'Sharing with the ROCU' --out caviar.ftm.json"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--group", type=int, metavar="ID")
        target.add_argument("--all", action="store_true")
        parser.add_argument("--purpose", required=True)
        parser.add_argument("--out", required=True, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["purpose"].strip():
            raise CommandError("Say why the register is being exported (--purpose).")
        subjects = Subject.objects.current().select_related("agency", "place")
        group = None
        if options["group"] is not None:
            group = OrganisedCrimeGroup.objects.filter(pk=options["group"]).first()
            if group is None:
                raise CommandError(f"There is no group {options['group']}.")
            subjects = subjects.filter(memberships__group=group)
        ids = list(subjects.values_list("pk", flat=True))
        # A group's export holds the links among its members and to what they use.
        links = Link.objects.filter(Q(source_id__in=ids) | Q(target_id__in=ids))
        ends = set(links.values_list("source_id", flat=True)) | set(
            links.values_list("target_id", flat=True)
        )
        subjects = Subject.objects.filter(pk__in=set(ids) | ends).select_related(
            "agency", "place"
        )
        try:
            lines = list(export_lines(subjects.order_by("pk"), links.order_by("pk")))
        except FtmError as error:
            raise CommandError(f"Nothing was exported:\n{error}") from None
        audit_record(
            actor=None,
            actor_label="command line",
            action=Action.EXPORT,
            target=group,
            target_type="" if group else "networks.subject",
            purpose=options["purpose"].strip(),
            detail={"format": "ftm", "entities": len(lines), "file": options["out"]},
        )
        out = Path(options["out"])
        temporary = out.with_name(out.name + ".partial")
        temporary.write_text("".join(lines), encoding="utf-8")
        temporary.replace(out)
        self.stderr.write(f"Wrote {len(lines):,} entities to {out}")
