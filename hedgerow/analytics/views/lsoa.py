"""One LSOA: crime by month and type, hot spot status, deprivation, comparators."""

from dataclasses import replace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hedgerow.analytics.forms import AreaFilterForm
from hedgerow.analytics.selectors import (
    LsoaProfile,
    available_months,
    lsoa_profile,
    profile_force_slug,
    super_output,
)
from hedgerow.analytics.views.common import (
    csv_response,
    download_links,
    geojson_download,
    hotspot_labels,
    table_records,
)
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.geography.models import Lsoa
from hedgerow.geography.selectors import lsoa_deprivation
from hedgerow.geography.sources.deprivation import DOMAINS as DEPRIVATION_DOMAINS


@require_permission(Permission.AREA_VIEW)
def lsoa_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One LSOA: its crime by month (chart and table), by type, and hot spot status."""
    form = AreaFilterForm(request.GET, months=available_months())
    query = form.query()
    profile = lsoa_profile(code, query)
    if profile is None:
        raise Http404
    return render(
        request,
        "analytics/lsoa_detail.html",
        {
            "form": form,
            "profile": profile,
            "hotspot_label": hotspot_labels().get(profile.hotspot, ""),
            "chart": _bar_chart(profile.by_month),
            "comparators": _comparators(profile),
            "deprivation": _deprivation_rows(profile.lsoa),
        }
        | download_links(request, "areas:lsoa_csv", "areas:lsoa_geojson", [code]),
    )


def _deprivation_rows(lsoa: Lsoa) -> dict[str, Any]:
    """The LSOA's IMD and its seven domains (IoD2019), if loaded, for the page."""
    found = lsoa_deprivation(lsoa)
    if "imd" not in found:
        return {}
    names = {
        "income": _("Income"),
        "employment": _("Employment"),
        "education": _("Education, skills and training"),
        "health": _("Health deprivation and disability"),
        "crime": _("Crime"),
        "barriers": _("Barriers to housing and services"),
        "living_environment": _("Living environment"),
    }
    return {
        "imd": found["imd"],
        "domains": [
            {"name": names[slug], "row": found[slug]}
            for slug in DEPRIVATION_DOMAINS
            if slug in found
        ],
    }


CHART_HEIGHT = 160
CHART_BAR = 48
CHART_GAP = 16


def _bar_chart(by_month: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Bars for the month chart in SVG units, drawn on the server (no JavaScript)."""
    if not by_month:
        return None
    top = max(1, *(row["count"] for row in by_month))
    bars = []
    for index, row in enumerate(by_month):
        height = round(row["count"] / top * CHART_HEIGHT, 1)
        x = CHART_GAP + index * (CHART_BAR + CHART_GAP)
        bars.append(
            {**row, "x": x, "y": round(CHART_HEIGHT - height, 1), "height": height}
        )
    return {
        "bars": bars,
        "bar_width": CHART_BAR,
        "width": CHART_GAP + len(by_month) * (CHART_BAR + CHART_GAP),
        "height": CHART_HEIGHT + 24,
        "label_y": CHART_HEIGHT + 18,
    }


def _comparators(profile: Any) -> list[dict[str, Any]]:
    """The LSOA's super-output pairs within its force area: its matches either way."""
    slug = profile_force_slug(profile.lsoa)
    if slug is None:
        return []
    result = super_output(replace(profile.query, forces=(slug,), local_authorities=()))
    if result.comparison is None:
        return []
    code = profile.lsoa.code
    areas = result.areas
    rows = []
    for pair in table_records(result.comparison.pairs):
        if code not in (pair["high_code"], pair["low_code"]):
            continue
        other = pair["low_code"] if pair["high_code"] == code else pair["high_code"]
        rows.append(
            {
                "code": other,
                "name": areas.loc[other, "name"],
                "rate": float(areas.loc[other, "rate"]),
                "distance": float(pair["distance"]),
                "other_is_low": pair["high_code"] == code,
            }
        )
    return sorted(rows, key=lambda row: row["distance"])


def _audit_lsoa_download(request: HttpRequest, profile: LsoaProfile, what: str) -> None:
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        target_type="geography.lsoa",
        target_id=profile.lsoa.code,
        purpose=f"LSOA crime statistics downloaded ({what})",
        detail={
            "query": request.GET.urlencode(),
            "rows": len(profile.by_month_and_type),
        },
    )


@require_permission(Permission.AREA_VIEW)
def lsoa_csv(request: HttpRequest, code: str) -> HttpResponse:
    """The LSOA's counts per month and crime type, for the period."""
    form = AreaFilterForm(request.GET, months=available_months())
    profile = lsoa_profile(code, form.query(), with_hotspot=False)
    if profile is None:
        raise Http404
    _audit_lsoa_download(request, profile, "CSV")
    frame = profile.by_month_and_type
    return csv_response(frame, list(frame.columns), f"hedgerow-{code}.csv")


def _lsoa_describe(profile: LsoaProfile) -> str:
    """The sentence the LSOA's page opens with: which data and period."""
    return _(
        "police.uk street crime: %(what)s, %(period)s; rates per 1,000 residents "
        "(2011 Census)."
    ) % {"what": profile.query.what(), "period": profile.period()}


@require_permission(Permission.AREA_VIEW)
def lsoa_geojson(request: HttpRequest, code: str) -> HttpResponse:
    """The LSOA's polygon with its page's figures: totals, by month and by type."""
    form = AreaFilterForm(request.GET, months=available_months())
    profile = lsoa_profile(code, form.query())
    if profile is None:
        raise Http404
    lsoa = profile.lsoa
    properties = {
        "code": lsoa.code,
        "name": lsoa.name,
        "population": lsoa.population,
        "count": profile.count,
        "rate": profile.rate,
        "hotspot": profile.hotspot or None,  # None: not worked out
        "gi_z": profile.gi_z,
        "by_month": profile.by_month,
        "by_crime_type": profile.by_type,
    }
    return geojson_download(
        request,
        [(lsoa.code, properties)],
        name=f"hedgerow-{lsoa.code}",
        description=_lsoa_describe(profile),
        audit=lambda: _audit_lsoa_download(request, profile, "GeoJSON"),
    )
