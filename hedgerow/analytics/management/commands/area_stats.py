"""`hedgerow area_stats`: crime counts and rates per area as CSV."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hedgerow.analytics.management.area_options import (
    AREA_COLUMNS,
    add_area_arguments,
    query_from,
    write_table,
)
from hedgerow.analytics.selectors import area_statistics


class Command(BaseCommand):
    help = (
        "Write one CSV row per area (code, name, count, population, rate per "
        "1,000 residents) for imported police.uk crime. Example: hedgerow "
        "area_stats --force west-yorkshire --from 2017-07 --to 2017-07 --lens soc "
        "--level msoa --out soc.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        statistics = area_statistics(query_from(options))
        self.stderr.write(statistics.describe())
        write_table(statistics.table, AREA_COLUMNS, options["out"], self.stdout)
