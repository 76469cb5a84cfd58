"""The demo's crime: the two real West Yorkshire months shipped in analytics/data."""

from pathlib import Path
from typing import Any, Protocol

from hedgerow.analytics.models import CrimeMonth
from hedgerow.analytics.services import policeuk_import
from hedgerow.analytics.store import partition_path
from hedgerow.geography.demo import load_demo_geography

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_MONTHS = {"2016-07": 27176, "2017-07": 28537}
DEMO_FORCE = "west-yorkshire"


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


def demo_crime_loaded() -> bool:
    months = CrimeMonth.objects.filter(force=DEMO_FORCE, month__in=DEMO_MONTHS)
    return all(
        m.rows == DEMO_MONTHS[m.month] and partition_path(m.force, m.month).exists()
        for m in months
    ) and months.count() == len(DEMO_MONTHS)


def load_demo_crime(stdout: Writer) -> None:
    """Import the shipped police.uk months, unless they are already in the store."""
    if demo_crime_loaded():
        stdout.write(
            "Demo crime: West Yorkshire, July 2016 and July 2017 already in.\n"
        )
        return
    load_demo_geography(stdout)
    _, result = policeuk_import(
        sorted(DATA_DIR.glob("*-street.csv.gz")), run_by="hedgerow load_demo"
    )
    stdout.write(
        f"Demo crime: {result.rows} police.uk rows for West Yorkshire, July 2016 "
        f"and July 2017, {result.rejected} rejected (Open Government Licence).\n"
    )
