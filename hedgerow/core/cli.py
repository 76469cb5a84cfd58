"""The `hedgerow` console command: Django's management CLI with Hedgerow's settings."""

import os
import sys


def main() -> None:
    """Run a management command, defaulting to the local (laptop) settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # Imported after the settings module is chosen, as Django requires.
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    execute_from_command_line(sys.argv)
