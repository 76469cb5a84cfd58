"""`hedgerow load_signs_catalogue`: add the missing shipped warning-signs content."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hedgerow.intelligence.services.catalogue import catalogue_install

NOTHING_TO_DO = "The catalogue is up to date: nothing was created or replaced."


class Command(BaseCommand):
    """Install the shipped catalogue; existing entries keep coordinators' edits."""

    help = (
        "Create the shipped contacts, threats and warning signs that are missing. "
        "With --replace, also put the shipped text back over coordinators' edits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--replace",
            action="store_true",
            help="put the shipped text back over coordinators' edits",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = catalogue_install(replace=options["replace"])
        except ValidationError as error:
            raise CommandError(
                "The shipped catalogue is not valid:\n" + "\n".join(error.messages)
            ) from error
        if not result.changed:
            self.stdout.write(NOTHING_TO_DO)
            return
        for label, names in (
            ("Contacts created", result.contacts_created),
            ("Threats created", result.threats_created),
            ("Warning signs created", result.signs_created),
            ("Contacts replaced", result.contacts_replaced),
            ("Threats replaced", result.threats_replaced),
            ("Warning signs replaced", result.signs_replaced),
        ):
            if names:
                self.stdout.write(f"{label} ({len(names)}): {', '.join(names)}")
        self.stdout.write(self.style.SUCCESS("Catalogue installed."))
