"""`hedgerow purge_report_drafts`: delete report drafts nobody has used for 2 hours.

Run it regularly (every 15 minutes from cron or a systemd timer): an abandoned
draft holds someone's unsent words and photos, and should not outlive its expiry.
"""

from typing import Any

from django.core.management.base import BaseCommand

from hedgerow.intelligence.services.drafts import drafts_purge_expired


class Command(BaseCommand):
    """Delete expired report drafts and their photos; print how many went."""

    help = "Delete expired report drafts and their photos."

    def handle(self, *args: Any, **options: Any) -> None:
        count = drafts_purge_expired()
        self.stdout.write(f"Deleted {count} expired report draft(s).")
