"""`hedgerow load_demo`: load the demo partnership, running each step in settings."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from hedgerow.accounts.demo import DEMO_NOT_ALLOWED


class Command(BaseCommand):
    """Run every step in settings.HEDGEROW_DEMO_STEPS, in order; safe to run again."""

    help = (
        "Load the demo partnership with published demo accounts. Local use only: "
        "refuses unless HEDGEROW_DEMO_ALLOWED is true."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.HEDGEROW_DEMO_ALLOWED:
            raise CommandError(DEMO_NOT_ALLOWED)
        for dotted_path in settings.HEDGEROW_DEMO_STEPS:
            import_string(dotted_path)(self.stdout)
        self.stdout.write(self.style.SUCCESS("\nThe demo partnership is ready."))
