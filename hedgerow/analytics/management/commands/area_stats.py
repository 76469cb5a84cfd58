"""`hedgerow area_stats`: crime counts and rates per area as CSV."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hedgerow.analytics.management.area_options import (
    add_area_arguments,
    area_columns,
    query_from,
    write_table,
)
from hedgerow.analytics.selectors import area_statistics


class Command(BaseCommand):
    help = (
        "Write one CSV row per area (code, name, count, population, rate per "
        "1,000 residents; with --harm also harm and harm_rate) for imported "
        "police.uk crime. Example: hedgerow area_stats --force west-yorkshire "
        "--from 2017-07 --to 2017-07 --lens soc --level msoa --out soc.csv"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_area_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        query = query_from(options)
        statistics = area_statistics(query)
        self.stderr.write(statistics.describe())
        write_table(statistics.table, area_columns(query), options["out"], self.stdout)
