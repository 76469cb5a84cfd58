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
from hedgerow.analytics.models import HarmWeights

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
    harm: str | None = None  # the slug of a loaded HarmWeights table

    def measure(self) -> str:
        """The column maps and hot spots use: harm per 1,000 when weighted, or rate."""
        return "harm_rate" if self.harm else "rate"

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
    harm: str | None = None,
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
        harm=_harm_slug(harm),
    )


def _harm_slug(harm: str | None) -> str | None:
    """The slug of a loaded harm weights table, or None for no weighting."""
    harm = (harm or "").strip()
    if not harm:
        return None
    loaded = dict(HarmWeights.objects.values_list("slug", "title"))
    if harm in loaded:
        return harm
    if not loaded:
        raise QueryError(
            gettext(
                "“%(harm)s” is not a harm weights table: none is loaded. Load one "
                "with hedgerow load_harm_weights (docs/howto/load-harm-weights.md)"
            )
            % {"harm": harm}
        )
    raise QueryError(
        gettext("“%(harm)s” is not a harm weights table. Loaded tables: %(loaded)s")
        % {"harm": harm, "loaded": ", ".join(f"{s} ({t})" for s, t in loaded.items())}
    )
