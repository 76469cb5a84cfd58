"""The `hedgerow` console command: Django's management CLI with Hedgerow's settings."""

import os
import sys


def main() -> None:
    """Run a management command, defaulting to the local (laptop) settings."""
    if sys.argv[1:2] == ["pb_tally"]:
        # The tally engine needs no Django, so the command starts in a blink.
        from hedgerow.budgeting.tally.cli import main as pb_tally  # noqa: PLC0415

        sys.exit(pb_tally(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # Imported after the settings module is chosen, as Django requires.
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(sys.argv)
