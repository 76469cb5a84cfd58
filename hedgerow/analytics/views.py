"""Area pages under /areas/: the rate map, hot spots, one LSOA; CSV and GeoJSON.

Analysts and coordinators only (Permission.AREA_VIEW). Every page states the
data and period it shows; every map has a table; every table and map can be
downloaded as CSV and GeoJSON, and each download is recorded in the audit trail.
The data is police.uk's public, already anonymised street crime, aggregated.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from hedgerow.analytics.compute import emerging
from hedgerow.analytics.compute.classify import Classes, assign_classes, class_breaks
from hedgerow.analytics.compute.hotspots import (
    COLD_90,
    COLD_95,
    COLD_99,
    HOT_90,
    HOT_95,
    HOT_99,
    NOT_SIGNIFICANT,
)
from hedgerow.analytics.compute.trends import most_changed
from hedgerow.analytics.forms import CLASS_CHOICES, AreaFilterForm, TrendFilterForm
from hedgerow.analytics.maps import feature_collection, svg_map
from hedgerow.analytics.selectors import (
    AreaStatistics,
    LsoaProfile,
    TrendStatistics,
    area_statistics,
    available_months,
    emerging_statistics,
    hotspot_statistics,
    lsoa_boundaries,
    lsoa_profile,
    profile_force_slug,
    super_output,
    trend_statistics,
)
from hedgerow.analytics.tables import AREA_COLUMNS, area_columns, csv_text
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.geography.models import Lsoa
from hedgerow.geography.selectors import lsoa_deprivation
from hedgerow.geography.sources.deprivation import DOMAINS as DEPRIVATION_DOMAINS

PAGE_SIZE = 50
CLASS_COUNT = 5
HOTSPOT_ORDER = [HOT_99, HOT_95, HOT_90, NOT_SIGNIFICANT, COLD_90, COLD_95, COLD_99]
HOTSPOT_MEASURES = ["gi_z", "gi_p", "hotspot", "moran_cluster"]


def _statistics(request: HttpRequest) -> tuple[AreaFilterForm, AreaStatistics]:
    form = AreaFilterForm(request.GET, months=available_months(), harm=True)
    return form, area_statistics(form.query())


def _hotspot_labels() -> dict[str, str]:
    return {
        HOT_99: _("Hot spot, 99% confidence"),
        HOT_95: _("Hot spot, 95% confidence"),
        HOT_90: _("Hot spot, 90% confidence"),
        NOT_SIGNIFICANT: _("Not significant"),
        COLD_90: _("Cold spot, 90% confidence"),
        COLD_95: _("Cold spot, 95% confidence"),
        COLD_99: _("Cold spot, 99% confidence"),
    }


def _rate_classes(
    statistics: AreaStatistics, method: str
) -> tuple[Classes, np.ndarray]:
    rates = statistics.table[statistics.query.measure()].to_numpy(dtype=np.float64)
    classes = class_breaks(rates, k=CLASS_COUNT, method=method)
    return classes, assign_classes(rates, classes)


def _legend(classes: Classes) -> list[dict[str, Any]]:
    lower = classes.lower
    legend = []
    for index, (upper, count) in enumerate(
        zip(classes.breaks, classes.counts, strict=True)
    ):
        legend.append(
            {
                "css": f"hedgerow-map__class-{index}",
                "label": f"{lower:.2f} – {upper:.2f}",
                "count": count,
            }
        )
        lower = upper
    return legend


def _lsoa_styles(
    statistics: AreaStatistics, css_by_code: dict[str, str], titles: dict[str, str]
) -> dict[str, tuple[str, str, str]]:
    """Each LSOA drawn with its area's class (its MSOA's or authority's above LSOA)."""
    from hedgerow.analytics.compute.area_stats import LEVEL_COLUMNS  # noqa: PLC0415

    column = LEVEL_COLUMNS[statistics.query.level][0]
    styles = {}
    for lsoa, code in zip(
        statistics.areas["lsoa_code"], statistics.areas[column], strict=True
    ):
        if code in css_by_code:
            url = reverse("areas:lsoa", args=[lsoa])
            styles[lsoa] = (css_by_code[code], titles[code], url)
    return styles


def _map_context(
    request: HttpRequest,
    statistics: AreaStatistics,
    css_by_code: dict[str, str],
    titles: dict[str, str],
) -> dict[str, Any]:
    styles = _lsoa_styles(statistics, css_by_code, titles)
    boundaries = lsoa_boundaries(list(styles))
    return {"svg": svg_map(boundaries, styles)}


def _download_links(
    request: HttpRequest,
    csv_name: str,
    geojson_name: str,
    args: list[str] | None = None,
) -> dict[str, str]:
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    geojson_url = reverse(geojson_name, args=args)
    return {
        "csv_url": reverse(csv_name, args=args) + suffix,
        "geojson_url": geojson_url + suffix,
        "map_data_url": geojson_url + (suffix + "&" if suffix else "?") + "display=map",
    }


@require_permission(Permission.AREA_VIEW)
def area_map(request: HttpRequest) -> HttpResponse:
    """Crime rates per area as a choropleth map, its legend and its table."""
    form, statistics = _statistics(request)
    table = statistics.table
    context: dict[str, Any] = {"form": form, "statistics": statistics}
    if len(table) and statistics.months:
        classes, assigned = _rate_classes(statistics, form.class_method())
        css = {
            code: (f"hedgerow-map__class-{k}" if k >= 0 else "hedgerow-map__no-data")
            for code, k in zip(table["code"], assigned, strict=True)
        }
        titles = {
            str(row["code"]): f"{row['name']}: {row['count']} "
            f"({_rate_text(row['rate'])} per 1,000)"
            for row in _records(table)
        }
        context |= _map_context(request, statistics, css, titles)
        context["legend"] = _legend(classes)
        context["class_method"] = dict(CLASS_CHOICES)[form.class_method()]
        ranked = table.sort_values(["rate", "code"], ascending=[False, True])
        context["page"] = Paginator(ranked.to_dict("records"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context["link_lsoas"] = statistics.query.level == "lsoa"
    context |= _download_links(request, "areas:map_csv", "areas:map_geojson")
    return render(request, "analytics/area_map.html", context)


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]


def _rate_text(rate: Any) -> str:
    return "–" if pd.isna(rate) else f"{rate:.2f}"


def _csv_response(
    frame: pd.DataFrame, columns: list[str], filename: str
) -> HttpResponse:
    response = HttpResponse(
        csv_text(frame, columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _audit_download(
    request: HttpRequest, what: str, statistics: AreaStatistics, rows: int
) -> None:
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        target_type="analytics.area_statistics",
        purpose=f"Area statistics downloaded ({what})",
        detail={
            "query": request.GET.urlencode(),
            "describes": statistics.describe(),
            "rows": rows,
        },
    )


@require_permission(Permission.AREA_VIEW)
def area_map_csv(request: HttpRequest) -> HttpResponse:
    _, statistics = _statistics(request)
    _audit_download(request, "CSV", statistics, len(statistics.table))
    return _csv_response(
        statistics.table, area_columns(statistics.query), "hedgerow-areas.csv"
    )


Feature = tuple[str, Mapping[str, Any]]  # an LSOA code and its properties


def _area_features(
    level: str, areas: pd.DataFrame, table: pd.DataFrame, columns: list[str]
) -> list[Feature]:
    """Each LSOA with its area's values (its MSOA's or authority's above LSOA).

    `table` has one row per area, keyed on `columns[0]`, "code".
    """
    from hedgerow.analytics.compute.area_stats import LEVEL_COLUMNS  # noqa: PLC0415

    column = LEVEL_COLUMNS[level][0]
    values = table.set_index("code")[columns[1:]]
    records: dict[str, dict[str, Any]] = {
        str(code): {str(k): (None if pd.isna(v) else v) for k, v in row.items()}
        for code, row in values.to_dict("index").items()
    }
    return [
        (lsoa, {"lsoa_code": lsoa, "code": code, **records[code]})
        for lsoa, code in zip(areas["lsoa_code"], areas[column], strict=True)
        if code in records
    ]


def _geojson(
    request: HttpRequest,
    features: list[Feature],
    *,
    name: str,
    description: str,
    audit: Callable[[], None],
    map_data: bool = False,
) -> HttpResponse:
    """The LSOAs' polygons with their properties, downloaded and so audited.

    With `map_data` the page's own map may fetch it (display=map): that is the
    page being viewed, so it is neither audited nor an attachment.
    """
    collection = feature_collection(
        lsoa_boundaries([code for code, _props in features]),
        features,
        name=name,
        description=description,
    )
    text = json.dumps(collection, default=_json_number)
    response = HttpResponse(text, content_type="application/geo+json")
    if map_data and request.GET.get("display") == "map":
        return response
    audit()
    response["Content-Disposition"] = f'attachment; filename="{name}.geojson"'
    return response


def _geojson_response(
    request: HttpRequest,
    statistics: AreaStatistics,
    table: pd.DataFrame,
    columns: list[str],
    name: str,
    *,
    what: str = "GeoJSON",
) -> HttpResponse:
    """LSOA polygons with their area's values; a download unless display=map."""
    return _geojson(
        request,
        _area_features(statistics.query.level, statistics.areas, table, columns),
        name=name,
        description=statistics.describe(),
        audit=lambda: _audit_download(request, what, statistics, len(table)),
        map_data=True,
    )


def _json_number(value: Any) -> Any:
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return str(value)


@require_permission(Permission.AREA_VIEW)
def area_map_geojson(request: HttpRequest) -> HttpResponse:
    form, statistics = _statistics(request)
    table = statistics.table.copy()
    if len(table):
        _, assigned = _rate_classes(statistics, form.class_method())
        table["rate_class"] = assigned
    else:
        table["rate_class"] = []
    return _geojson_response(
        request,
        statistics,
        table,
        [*area_columns(statistics.query), "rate_class"],
        "hedgerow-areas",
    )


def _hotspots(
    request: HttpRequest,
) -> tuple[AreaFilterForm, AreaStatistics, pd.DataFrame]:
    form, statistics = _statistics(request)
    if len(statistics.table) < 3 or not statistics.months:
        columns = [*area_columns(statistics.query), *HOTSPOT_MEASURES]
        return form, statistics, pd.DataFrame(columns=columns)
    return form, statistics, hotspot_statistics(statistics)


@require_permission(Permission.AREA_VIEW)
def hotspots(request: HttpRequest) -> HttpResponse:
    """Getis–Ord Gi* hot and cold spots of the rate, mapped and tabled."""
    form, statistics, table = _hotspots(request)
    labels = _hotspot_labels()
    context: dict[str, Any] = {"form": form, "statistics": statistics}
    if len(table):
        rows = _records(table)
        css = {str(r["code"]): f"hedgerow-map__{r['hotspot']}" for r in rows}
        titles = {str(r["code"]): f"{r['name']}: {labels[r['hotspot']]}" for r in rows}
        context |= _map_context(request, statistics, css, titles)
        counts = table["hotspot"].value_counts()
        context["legend"] = [
            {
                "css": f"hedgerow-map__{key}",
                "label": labels[key],
                "count": int(counts.get(key, 0)),
            }
            for key in HOTSPOT_ORDER
        ]
        significant = table[table["hotspot"] != NOT_SIGNIFICANT].copy()
        significant["order"] = significant["hotspot"].map(HOTSPOT_ORDER.index)
        significant = significant.sort_values(
            ["order", "gi_z"], ascending=[True, False]
        )
        significant["label"] = significant["hotspot"].map(labels)
        context["page"] = Paginator(significant.to_dict("records"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context["link_lsoas"] = statistics.query.level == "lsoa"
    context |= _download_links(request, "areas:hotspots_csv", "areas:hotspots_geojson")
    return render(request, "analytics/hotspots.html", context)


@require_permission(Permission.AREA_VIEW)
def hotspots_csv(request: HttpRequest) -> HttpResponse:
    _, statistics, table = _hotspots(request)
    _audit_download(request, "hot spots CSV", statistics, len(table))
    columns = [*area_columns(statistics.query), *HOTSPOT_MEASURES]
    return _csv_response(table, columns, "hedgerow-hotspots.csv")


@require_permission(Permission.AREA_VIEW)
def hotspots_geojson(request: HttpRequest) -> HttpResponse:
    _, statistics, table = _hotspots(request)
    columns = [*area_columns(statistics.query), *HOTSPOT_MEASURES]
    return _geojson_response(request, statistics, table, columns, "hedgerow-hotspots")


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
            "hotspot_label": _hotspot_labels().get(profile.hotspot, ""),
            "chart": _bar_chart(profile.by_month),
            "comparators": _comparators(profile),
            "deprivation": _deprivation_rows(profile.lsoa),
        }
        | _download_links(request, "areas:lsoa_csv", "areas:lsoa_geojson", [code]),
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
    for pair in _records(result.comparison.pairs):
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
    return _csv_response(frame, list(frame.columns), f"hedgerow-{code}.csv")


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
    return _geojson(
        request,
        [(lsoa.code, properties)],
        name=f"hedgerow-{lsoa.code}",
        description=_lsoa_describe(profile),
        audit=lambda: _audit_lsoa_download(request, profile, "GeoJSON"),
    )


def _feature_names() -> dict[str, str]:
    return {
        "log_density": _("Residents per hectare (log)"),
        "households": _("Households"),
        "persons_per_household": _("Residents per household"),
        "la_rate": _("Local authority's rate"),
        "imd_income": _("Income deprivation (IoD 2019)"),
        "imd_employment": _("Employment deprivation (IoD 2019)"),
        "imd_education": _("Education, skills and training deprivation (IoD 2019)"),
        "imd_health": _("Health deprivation and disability (IoD 2019)"),
        "imd_barriers": _("Barriers to housing and services (IoD 2019)"),
        "imd_living_environment": _("Living environment deprivation (IoD 2019)"),
    }


def _super_output_rows(
    request: HttpRequest,
) -> tuple[AreaFilterForm, Any, list[dict[str, Any]]]:
    form = AreaFilterForm(request.GET, months=available_months())
    result = super_output(form.query())
    names = _feature_names()
    areas = result.areas
    if result.comparison is None:
        return form, result, []
    differs: dict[tuple[str, str], list[str]] = {}
    for row in _records(result.differences):
        differs.setdefault((row["high_code"], row["low_code"]), []).append(
            f"{names.get(row['feature'], row['feature'])} "
            f"({row['difference_sd']:+.1f} sd)"
        )
    rows = []
    for pair in _records(result.comparison.pairs):
        high, low = areas.loc[pair["high_code"]], areas.loc[pair["low_code"]]
        rows.append(
            {
                "high_code": pair["high_code"],
                "high_name": high["name"],
                "high_rate": float(high["rate"]),
                "low_code": pair["low_code"],
                "low_name": low["name"],
                "low_rate": float(low["rate"]),
                "rank": int(pair["rank"]),
                "distance": float(pair["distance"]),
                "differs_most": "; ".join(
                    differs.get((pair["high_code"], pair["low_code"]), [])
                ),
            }
        )
    return form, result, rows


@require_permission(Permission.AREA_VIEW)
def super_output_page(request: HttpRequest) -> HttpResponse:
    """High-crime LSOAs beside the low-crime LSOAs most like them, and what differs."""
    form, result, rows = _super_output_rows(request)
    names = _feature_names()
    return render(
        request,
        "analytics/super_output.html",
        {
            "form": form,
            "statistics": result.statistics,
            "comparison": result.comparison,
            "features": [
                names.get(f, f)
                for f in (result.comparison.features if result.comparison else [])
            ],
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        }
        | _download_links(
            request, "areas:super_output_csv", "areas:super_output_geojson"
        ),
    )


@require_permission(Permission.AREA_VIEW)
def super_output_csv(request: HttpRequest) -> HttpResponse:
    _, result, rows = _super_output_rows(request)
    _audit_download(request, "super output CSV", result.statistics, len(rows))
    columns = [
        "high_code",
        "high_name",
        "high_rate",
        "rank",
        "low_code",
        "low_name",
        "low_rate",
        "distance",
        "differs_most",
    ]
    return _csv_response(
        pd.DataFrame(rows, columns=columns), columns, "hedgerow-super-output.csv"
    )


SUPER_OUTPUT_PAIR = ["high_code", "low_code", "rank", "distance", "differs_most"]


@require_permission(Permission.AREA_VIEW)
def super_output_geojson(request: HttpRequest) -> HttpResponse:
    """The pairs of super_output_csv as features: one per LSOA in each pair.

    Each feature is an LSOA (lsoa_code, name, rate) with its role in the pair,
    "high" or "low", and the pair's high_code, low_code, rank, distance and
    differs_most. A low-crime LSOA matched to several high-crime ones is a feature
    of each of its pairs, so its polygon (and id) comes once per pair.
    """
    _, result, rows = _super_output_rows(request)
    features: list[Feature] = [
        (
            row[f"{role}_code"],
            {
                "lsoa_code": row[f"{role}_code"],
                "name": row[f"{role}_name"],
                "rate": row[f"{role}_rate"],
                "role": role,
                **{key: row[key] for key in SUPER_OUTPUT_PAIR},
            },
        )
        for row in rows
        for role in ("high", "low")
    ]
    return _geojson(
        request,
        features,
        name="hedgerow-super-output",
        description=result.statistics.describe(),
        audit=lambda: _audit_download(
            request, "super output GeoJSON", result.statistics, len(rows)
        ),
    )


TREND_LIMIT = 20


def _trend_result(
    request: HttpRequest,
) -> tuple[TrendFilterForm, TrendStatistics | None]:
    """The trend filters and their result (None when the periods are not usable)."""
    form = TrendFilterForm(request.GET, months=available_months())
    query = form.query()
    periods = form.periods(query)
    if periods is None:
        return form, None
    return form, trend_statistics(query, before=periods[0], after=periods[1])


@require_permission(Permission.AREA_VIEW)
def trends(request: HttpRequest) -> HttpResponse:
    """Where crime rose and fell most between two periods (exact Poisson test)."""
    form, result = _trend_result(request)
    query = form.query()
    context: dict[str, Any] = {"form": form, "result": result}
    if result is not None:
        table = _trend_table(result)
        indexed = table.set_index("code")
        for direction in ("rising", "falling"):
            chosen = most_changed(indexed, direction=direction, limit=TREND_LIMIT)
            context[direction] = _records(chosen.reset_index())
        context["significant"] = int(table["significant"].sum())
        context["areas"] = len(table)
        context["link_lsoas"] = query.level == "lsoa"
        context |= _download_links(request, "areas:trends_csv", "areas:trends_geojson")
    return render(request, "analytics/trends.html", context)


TREND_COLUMNS = [
    "code",
    "name",
    "population",
    "before",
    "after",
    "before_per_month",
    "after_per_month",
    "change",
    "rate_ratio",
    "p",
    "p_adjusted",
    "significant",
    "direction",
]


def _trend_table(result: TrendStatistics | None) -> pd.DataFrame:
    """Every area's change with its code as a column (no rows without a result)."""
    if result is None:
        return pd.DataFrame(columns=TREND_COLUMNS)
    return result.table.reset_index().rename(columns={"index": "code"})


def _audit_trends_download(request: HttpRequest, what: str, rows: int) -> None:
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        target_type="analytics.area_statistics",
        purpose=f"Area trends downloaded ({what})",
        detail={"query": request.GET.urlencode(), "rows": rows},
    )


@require_permission(Permission.AREA_VIEW)
def trends_csv(request: HttpRequest) -> HttpResponse:
    _, result = _trend_result(request)
    table = _trend_table(result)
    _audit_trends_download(request, "CSV", len(table))
    return _csv_response(table, TREND_COLUMNS, "hedgerow-trends.csv")


def _trend_describe(form: TrendFilterForm, result: TrendStatistics | None) -> str:
    if result is not None:
        return result.describe()
    return _(
        "police.uk street crime: %(what)s; no areas compared: choose two periods "
        "with imported crime, the first ending before the second starts"
    ) % {"what": form.query().what()}


@require_permission(Permission.AREA_VIEW)
def trends_geojson(request: HttpRequest) -> HttpResponse:
    """Every area's change, as trends_csv has it, on each of its LSOAs' polygons."""
    form, result = _trend_result(request)
    table = _trend_table(result)
    features = (
        []
        if result is None
        else _area_features(result.query.level, result.areas, table, TREND_COLUMNS)
    )
    return _geojson(
        request,
        features,
        name="hedgerow-trends",
        description=_trend_describe(form, result),
        audit=lambda: _audit_trends_download(request, "GeoJSON", len(table)),
    )


def _pattern_labels() -> dict[str, str]:
    hot, cold = _("hot spot"), _("cold spot")
    labels = {emerging.NO_PATTERN: _("No pattern")}
    for side, name in (("hot", hot), ("cold", cold)):
        labels |= {
            f"new-{side}": _("New %(spot)s") % {"spot": name},
            f"consecutive-{side}": _("Consecutive %(spot)s") % {"spot": name},
            f"intensifying-{side}": _("Intensifying %(spot)s") % {"spot": name},
            f"persistent-{side}": _("Persistent %(spot)s") % {"spot": name},
            f"diminishing-{side}": _("Diminishing %(spot)s") % {"spot": name},
            f"sporadic-{side}": _("Sporadic %(spot)s") % {"spot": name},
            f"oscillating-{side}": _("Oscillating %(spot)s") % {"spot": name},
            f"historical-{side}": _("Historical %(spot)s") % {"spot": name},
        }
    return labels


EMERGING_COLUMNS = [*AREA_COLUMNS, "trend_z", "trend_p", "pattern"]


@require_permission(Permission.AREA_VIEW)
def emerging_page(request: HttpRequest) -> HttpResponse:
    """Emerging hot spots: each LSOA's pattern of monthly Gi* hot and cold spots."""
    form = AreaFilterForm(request.GET, months=available_months())
    result = emerging_statistics(form.query())
    labels = _pattern_labels()
    table = result.table
    context: dict[str, Any] = {
        "form": form,
        "statistics": result.statistics,
        "too_few_months": len(result.statistics.months) < emerging.MIN_SLICES_ADVISED,
        "advised": emerging.MIN_SLICES_ADVISED,
    }
    if len(table):
        rows = _records(table)
        css = {str(r["code"]): f"hedgerow-map__{r['pattern']}" for r in rows}
        titles = {str(r["code"]): f"{r['name']}: {labels[r['pattern']]}" for r in rows}
        statistics = replace(
            result.statistics, query=replace(result.statistics.query, level="lsoa")
        )
        context |= _map_context(request, statistics, css, titles)
        counts = table["pattern"].value_counts()
        context["legend"] = [
            {
                "css": f"hedgerow-map__{key}",
                "label": label,
                "count": int(counts.get(key, 0)),
            }
            for key, label in labels.items()
            if counts.get(key, 0)
        ]
        patterned = [
            {**r, "label": labels[r["pattern"]]}
            for r in rows
            if r["pattern"] != emerging.NO_PATTERN
        ]
        context["page"] = Paginator(patterned, PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    context |= _download_links(request, "areas:emerging_csv", "areas:emerging_geojson")
    return render(request, "analytics/emerging.html", context)


@require_permission(Permission.AREA_VIEW)
def emerging_csv(request: HttpRequest) -> HttpResponse:
    form = AreaFilterForm(request.GET, months=available_months())
    result = emerging_statistics(form.query())
    _audit_download(
        request, "emerging hot spots CSV", result.statistics, len(result.table)
    )
    return _csv_response(
        result.table, EMERGING_COLUMNS, "hedgerow-emerging-hotspots.csv"
    )


@require_permission(Permission.AREA_VIEW)
def emerging_geojson(request: HttpRequest) -> HttpResponse:
    """Each LSOA's emerging hot spot pattern on its polygon; the map's data too."""
    form = AreaFilterForm(request.GET, months=available_months())
    result = emerging_statistics(form.query())
    return _geojson_response(
        request,
        result.statistics,
        result.table,
        EMERGING_COLUMNS,
        "hedgerow-emerging-hotspots",
        what="emerging hot spots GeoJSON",
    )
