"""The filters of the area pages: where, what, when, at which level, which classes."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.analytics.compute.policeuk import CRIME_TYPES, FORCE_BY_SLUG
from hedgerow.analytics.lenses import DEFAULT_LENS, lenses
from hedgerow.analytics.models import HarmWeights
from hedgerow.analytics.queries import AreaQuery, QueryError, area_query
from hedgerow.geography.models import Lsoa
from hedgerow.geography.services import force_key

ALL_TYPES = "all"
LEVEL_CHOICES = [
    ("lsoa", _("LSOA (neighbourhood)")),
    ("msoa", _("MSOA")),
    ("lad", _("Local authority")),
]
CLASS_CHOICES = [
    ("quantile", _("Quantiles: the same number of areas in each class")),
    ("natural-breaks", _("Natural breaks: classes where the rates cluster")),
]


def loaded_forces() -> list[tuple[str, str]]:
    """(slug, name) of every police force area with loaded LSOAs."""
    names = set(Lsoa.objects.values_list("police_force", flat=True).distinct())
    slugs = {force_key(f.area): f for f in FORCE_BY_SLUG.values()}
    found = [slugs[force_key(n)] for n in names if n and force_key(n) in slugs]
    return sorted(((f.slug, f.area) for f in found), key=lambda pair: pair[1])


def loaded_local_authorities() -> list[tuple[str, str]]:
    rows = (
        Lsoa.objects.exclude(local_authority_code="")
        .values_list("local_authority_code", "local_authority_name")
        .distinct()
        .order_by("local_authority_name")
    )
    return [(code, name) for code, name in rows]


class AreaFilterForm(forms.Form):
    """GET filters; anything missing falls back to a sensible default."""

    force = forms.ChoiceField(label=_("Police force area"), required=False)
    local_authority = forms.ChoiceField(label=_("Local authority"), required=False)
    what = forms.ChoiceField(label=_("Crime counted"), required=False)
    start = forms.ChoiceField(label=_("From"), required=False)
    end = forms.ChoiceField(label=_("To"), required=False)
    level = forms.ChoiceField(label=_("Areas"), choices=LEVEL_CHOICES, required=False)
    classes = forms.ChoiceField(
        label=_("Map classes"), choices=CLASS_CHOICES, required=False
    )
    harm = forms.ChoiceField(
        label=_("Weigh by harm"),
        help_text=_(
            "Count each crime by its weight in a harm weights table: the map and "
            "hot spots then show harm per 1,000 residents"
        ),
        required=False,
    )

    def __init__(self, data: Any, *, months: list[str], harm: bool = False) -> None:
        """`harm`: offer harm weighting (on the pages that map it) if any is loaded."""
        # Unset filters take their defaults, so the page shows what it counts.
        filled = data.copy()
        defaults = {
            "what": f"lens:{DEFAULT_LENS}",
            "start": months[0] if months else "",
            "end": months[-1] if months else "",
            "level": "lsoa",
            "classes": "quantile",
        }
        for key, value in defaults.items():
            if not filled.get(key):
                filled[key] = value
        super().__init__(filled)
        self.months = months
        self._choices("force").choices = [("", _("All loaded areas"))] + [
            (slug, name) for slug, name in loaded_forces()
        ]
        self._choices("local_authority").choices = [("", _("All"))] + [
            (code, name) for code, name in loaded_local_authorities()
        ]
        self._choices("what").choices = (
            [
                (f"lens:{s}", f"{lens.title} ({', '.join(lens.crime_types)})")
                for s, lens in lenses().items()
            ]
            + [(ALL_TYPES, _("All crime types"))]
            + [(f"type:{t}", t) for t in CRIME_TYPES[:14]]
        )
        month_choices = [(m, m) for m in months]
        self._choices("start").choices = month_choices or [("", "–")]
        self._choices("end").choices = month_choices or [("", "–")]
        tables = list(HarmWeights.objects.values_list("slug", "title")) if harm else []
        if tables:
            self._choices("harm").choices = [
                ("", _("No: every crime counts as one")),
                *tables,
            ]
        else:
            del self.fields["harm"]

    def _choices(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def query(self) -> AreaQuery:
        """The query the valid filters describe (defaults for the rest)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        what = data.get("what") or f"lens:{DEFAULT_LENS}"
        lens = what.removeprefix("lens:") if what.startswith("lens:") else None
        types = [what.removeprefix("type:")] if what.startswith("type:") else []
        start = data.get("start") or (self.months[0] if self.months else None)
        end = data.get("end") or (self.months[-1] if self.months else None)
        try:
            return area_query(
                forces=[data["force"]] if data.get("force") else [],
                local_authorities=(
                    [data["local_authority"]] if data.get("local_authority") else []
                ),
                start=start,
                end=end,
                lens=lens,
                crime_types=types,
                level=data.get("level") or "lsoa",
                harm=data.get("harm") or None,
            )
        except QueryError as error:
            self.add_error(None, str(error))
            return area_query(lens=DEFAULT_LENS)

    def class_method(self) -> str:
        return getattr(self, "cleaned_data", {}).get("classes") or "quantile"


class TrendFilterForm(AreaFilterForm):
    """The area filters with two periods: From … Before ends, After starts … To."""

    before_end = forms.ChoiceField(label=_("First period ends"), required=False)
    after_start = forms.ChoiceField(label=_("Second period starts"), required=False)

    def __init__(self, data: Any, *, months: list[str]) -> None:
        filled = data.copy()
        if months:
            filled.setdefault("before_end", months[0])
            filled.setdefault("after_start", months[-1])
        super().__init__(filled, months=months)
        month_choices = [(m, m) for m in months] or [("", "–")]
        self._choices("before_end").choices = month_choices
        self._choices("after_start").choices = month_choices

    def periods(
        self, query: AreaQuery
    ) -> tuple[tuple[str, str], tuple[str, str]] | None:
        """(before, after) as (first, last) months, or None with an error added."""
        data = getattr(self, "cleaned_data", {})
        start, end = query.start, query.end
        before_end, after_start = data.get("before_end"), data.get("after_start")
        if not (start and end and before_end and after_start):
            return None
        if not start <= before_end < after_start <= end:
            self.add_error(
                None,
                _(
                    "The first period must end before the second starts, both within "
                    "From and To"
                ),
            )
            return None
        return (start, before_end), (after_start, end)
