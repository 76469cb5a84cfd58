"""hedgerow load_demo_networks: Project CAVIAR and the London gang as demo groups.

`hedgerow load_demo` runs this too, after the partnership; on its own it is for a
partnership that wants the research networks to practise on. Safe to run again.
"""

from typing import Any

from django.core.management.base import BaseCommand

from hedgerow.networks.demo import load_demo_networks


class Command(BaseCommand):
    help = "Load Project CAVIAR and a London gang, real research networks, as groups."

    def handle(self, *args: Any, **options: Any) -> None:
        load_demo_networks(self.stdout)
