"""Crime lenses: named sets of police.uk crime types that a map or table counts.

police.uk has no "organised crime" category, so serious and organised crime is
seen through the street crime types that most often carry it. The default lens,
"SOC indicators", is Drugs, Possession of weapons and Robbery:

- Drugs: police.uk's Drugs category holds possession and trafficking; in Home
  Office recorded crime for 2017/18, trafficking was 19.5% of it (26,600 of
  136,476 offences), and drug supply is the business of county lines.
- Possession of weapons: knives and firearms carried for the drugs trade
  (blades 47%, other weapons 35%, firearms about 18% of 38,760 offences).
- Robbery: 77,104 offences, the violence of the street drugs market and of
  exploited young people made to rob.

Left out on purpose: Violence and sexual offences, where the offences specific
to organised crime (modern slavery, kidnapping, child sexual exploitation) are
under 1% of 1.5 million and would drown the signal; and Anti-social behaviour,
which is not crime. `scripts/soc_lens_evidence.py` recomputes these shares from
the Home Office data. Deployments add or change lenses with the setting
HEDGEROW_CRIME_LENSES (see docs/adr/0014-soc-lens.md).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

from hedgerow.analytics.compute.policeuk import CRIME_TYPES

DEFAULT_LENS = "soc"


@dataclass(frozen=True)
class Lens:
    slug: str
    name: str  # in English; `title` gives it in the current language
    crime_types: tuple[str, ...]

    @property
    def title(self) -> str:
        return gettext(self.name)


BUILT_IN = {
    "soc": Lens(
        "soc",
        gettext_noop("SOC indicators"),
        ("Drugs", "Possession of weapons", "Robbery"),
    ),
}


def lenses() -> dict[str, Lens]:
    """The built-in lenses with the deployment's own (which may replace them)."""
    found = dict(BUILT_IN)
    for slug, spec in getattr(settings, "HEDGEROW_CRIME_LENSES", {}).items():
        unknown = sorted(set(spec["crime_types"]) - set(CRIME_TYPES))
        if unknown:
            msg = (
                f"HEDGEROW_CRIME_LENSES[{slug!r}] names unknown crime types: {unknown}"
            )
            raise ValueError(msg)
        found[slug] = Lens(slug, spec["name"], tuple(spec["crime_types"]))
    return found
