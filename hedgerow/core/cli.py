"""The `hedgerow` console command: Django's management CLI with Hedgerow's settings."""

import os
import sys


def main() -> None:
    """Run a management command, defaulting to the local (laptop) settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
