"""The demo's geography: West Yorkshire's LSOAs, shipped in hedgerow/geography/data.

The demo needs no ../shared: the boundaries, lookup and population it loads are
compressed copies in this repository (see data/README.md for their provenance).
"""

from pathlib import Path
from typing import Any, Protocol

from hedgerow.geography.models import Lsoa
from hedgerow.geography.services import geography_load

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_BOUNDARIES = DATA_DIR / "west_yorkshire_lsoa_2011.geojson.gz"
DEMO_LOOKUP = DATA_DIR / "west_yorkshire_lookup.csv.gz"
DEMO_POPULATION = DATA_DIR / "west_yorkshire_population.csv.gz"
DEMO_FORCE = "West Yorkshire"
DEMO_FORCE_LSOA_COUNT = 1388  # West Yorkshire's 2011 LSOAs
# With the 22 over the border where the demo's police.uk months place a crime.
DEMO_LSOA_COUNT = 1410


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


def demo_geography_loaded() -> bool:
    """True when every demo LSOA is there with its lookup and population."""
    in_force = Lsoa.objects.filter(police_force=DEMO_FORCE, population__isnull=False)
    return (
        in_force.count() >= DEMO_FORCE_LSOA_COUNT
        and Lsoa.objects.filter(population__isnull=False).count() >= DEMO_LSOA_COUNT
    )


def load_demo_geography(stdout: Writer) -> None:
    """Load West Yorkshire's LSOAs from the shipped files, unless already loaded."""
    if demo_geography_loaded():
        stdout.write("Demo geography: West Yorkshire LSOAs already loaded.\n")
        return
    summary = geography_load(
        boundaries=str(DEMO_BOUNDARIES),
        lookup=str(DEMO_LOOKUP),
        population=str(DEMO_POPULATION),
    )
    stdout.write(
        f"Demo geography: {summary.created} West Yorkshire LSOAs created, "
        f"{summary.updated} updated (ONS, Open Government Licence).\n"
    )
