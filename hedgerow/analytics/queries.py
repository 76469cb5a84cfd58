"""What an analyst asks of the area statistics, checked once for commands and pages.

`area_query` turns the raw options (from `hedgerow area_stats` or a page's
filters) into an `AreaQuery`, or raises QueryError saying in plain words what
is wrong and what would be right.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy

from hedgerow.analytics.compute.area_stats import LEVELS
from hedgerow.analytics.compute.policeuk import CRIME_TYPES, FORCE_BY_SLUG, MONTH
from hedgerow.analytics.lenses import lenses

LEVEL_NAMES = {
    "lsoa": gettext_lazy("LSOA"),
    "msoa": gettext_lazy("MSOA"),
    "lad": gettext_lazy("local authority"),
    "force": gettext_lazy("police force area"),
}


class QueryError(ValueError):
    """A filter is wrong; the message says which and what it may be."""


@dataclass(frozen=True)
class AreaQuery:
    forces: tuple[str, ...] = ()
    local_authorities: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    lens: str | None = None
    crime_types: tuple[str, ...] = ()
    level: str = "lsoa"

    def crime_type_filter(self) -> tuple[str, ...] | None:
        """The crime types counted, or None for all of them."""
        if self.lens:
            return lenses()[self.lens].crime_types
        return self.crime_types or None

    def what(self) -> str:
        """What is counted, in words: the lens or the crime types."""
        if self.lens:
            lens = lenses()[self.lens]
            return f"{lens.title} ({', '.join(lens.crime_types)})"
        if self.crime_types:
            return ", ".join(self.crime_types)
        return gettext("all crime types")


def area_query(
    *,
    forces: Iterable[str] = (),
    local_authorities: Iterable[str] = (),
    start: str | None = None,
    end: str | None = None,
    lens: str | None = None,
    crime_types: Iterable[str] = (),
    level: str = "lsoa",
) -> AreaQuery:
    forces = tuple(f.strip().lower() for f in forces if f.strip())
    unknown = [f for f in forces if f not in FORCE_BY_SLUG]
    if unknown:
        raise QueryError(
            f"“{unknown[0]}” is not a police.uk force. Use the force's slug, one of: "
            + ", ".join(sorted(FORCE_BY_SLUG))
        )
    for label, month in (("--from", start), ("--to", end)):
        if month and not MONTH.match(month):
            raise QueryError(f"{label} “{month}” is not a month written YYYY-MM")
    if start and end and start > end:
        raise QueryError(f"the period starts ({start}) after it ends ({end})")
    types = tuple(t.strip() for t in crime_types if t.strip())
    if lens and types:
        raise QueryError("give a lens or crime types, not both")
    if lens and lens not in lenses():
        raise QueryError(
            f"“{lens}” is not a lens. Lenses: "
            + ", ".join(f"{s} ({v.name})" for s, v in lenses().items())
        )
    wrong = [t for t in types if t not in CRIME_TYPES]
    if wrong:
        raise QueryError(
            f"“{wrong[0]}” is not a police.uk crime type. Crime types: "
            + ", ".join(CRIME_TYPES)
        )
    if level not in LEVELS:
        raise QueryError(f"level “{level}” is not one of {', '.join(LEVELS)}")
    return AreaQuery(
        forces=forces,
        local_authorities=tuple(c.strip().upper() for c in local_authorities),
        start=start or None,
        end=end or None,
        lens=lens or None,
        crime_types=types,
        level=level,
    )
