"""The rate map, hot spots and emerging hot spots, with their CSV and GeoJSON."""

from dataclasses import replace
from typing import Any

import pandas as pd
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hedgerow.analytics.compute import emerging
from hedgerow.analytics.compute.hotspots import (
    NOT_SIGNIFICANT,
)
from hedgerow.analytics.forms import CLASS_CHOICES, AreaFilterForm
from hedgerow.analytics.selectors import (
    AreaStatistics,
    available_months,
    emerging_statistics,
    hotspot_statistics,
)
from hedgerow.analytics.tables import AREA_COLUMNS, area_columns
from hedgerow.analytics.views.common import (
    HOTSPOT_MEASURES,
    HOTSPOT_ORDER,
    PAGE_SIZE,
    area_geojson_response,
    audit_download,
    class_map_context,
    csv_response,
    download_links,
    hotspot_labels,
    legend_rows,
    map_context,
    rate_classes,
    rate_text,
    statistics_from,
    table_records,
)
from hedgerow.core.permissions import Permission, require_permission


@require_permission(Permission.AREA_VIEW)
def area_map(request: HttpRequest) -> HttpResponse:
    """Crime rates per area as a choropleth map, its legend and its table."""
    form, statistics = statistics_from(request)
    table = statistics.table
    context: dict[str, Any] = {"form": form, "statistics": statistics}
    if len(table) and statistics.months:
        classes, assigned = rate_classes(statistics, form.class_method())
        css = {
            code: (f"hedgerow-map__class-{k}" if k >= 0 else "hedgerow-map__no-data")
            for code, k in zip(table["code"], assigned, strict=True)
        }
        titles = {
            str(row["code"]): f"{row['name']}: {row['count']} "
            f"({rate_text(row['rate'])} per 1,000)"
            for row in table_records(table)
        }
        context |= map_context(request, statistics, css, titles)
        context["legend"] = legend_rows(classes)
        context["class_method"] = dict(CLASS_CHOICES)[form.class_method()]
        ranked = table.sort_values(["rate", "code"], ascending=[False, True])
        context["page"] = Paginator(ranked.to_dict("records"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context["link_lsoas"] = statistics.query.level == "lsoa"
    context |= download_links(request, "areas:map_csv", "areas:map_geojson")
    return render(request, "analytics/area_map.html", context)


@require_permission(Permission.AREA_VIEW)
def area_map_csv(request: HttpRequest) -> HttpResponse:
    _, statistics = statistics_from(request)
    audit_download(request, "CSV", statistics, len(statistics.table))
    return csv_response(
        statistics.table, area_columns(statistics.query), "hedgerow-areas.csv"
    )


@require_permission(Permission.AREA_VIEW)
def area_map_geojson(request: HttpRequest) -> HttpResponse:
    form, statistics = statistics_from(request)
    table = statistics.table.copy()
    if len(table):
        _, assigned = rate_classes(statistics, form.class_method())
        table["rate_class"] = assigned
    else:
        table["rate_class"] = []
    return area_geojson_response(
        request,
        statistics,
        table,
        [*area_columns(statistics.query), "rate_class"],
        "hedgerow-areas",
    )


def _hotspots(
    request: HttpRequest,
) -> tuple[AreaFilterForm, AreaStatistics, pd.DataFrame]:
    form, statistics = statistics_from(request)
    if len(statistics.table) < 3 or not statistics.months:
        columns = [*area_columns(statistics.query), *HOTSPOT_MEASURES]
        return form, statistics, pd.DataFrame(columns=columns)
    return form, statistics, hotspot_statistics(statistics)


@require_permission(Permission.AREA_VIEW)
def hotspots(request: HttpRequest) -> HttpResponse:
    """Getis–Ord Gi* hot and cold spots of the rate, mapped and tabled."""
    form, statistics, table = _hotspots(request)
    labels = hotspot_labels()
    context: dict[str, Any] = {"form": form, "statistics": statistics}
    if len(table):
        context |= class_map_context(request, statistics, table, "hotspot", labels)
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
    context |= download_links(request, "areas:hotspots_csv", "areas:hotspots_geojson")
    return render(request, "analytics/hotspots.html", context)


@require_permission(Permission.AREA_VIEW)
def hotspots_csv(request: HttpRequest) -> HttpResponse:
    _, statistics, table = _hotspots(request)
    audit_download(request, "hot spots CSV", statistics, len(table))
    columns = [*area_columns(statistics.query), *HOTSPOT_MEASURES]
    return csv_response(table, columns, "hedgerow-hotspots.csv")


@require_permission(Permission.AREA_VIEW)
def hotspots_geojson(request: HttpRequest) -> HttpResponse:
    _, statistics, table = _hotspots(request)
    columns = [*area_columns(statistics.query), *HOTSPOT_MEASURES]
    return area_geojson_response(
        request, statistics, table, columns, "hedgerow-hotspots"
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
        rows = table_records(table)
        statistics = replace(
            result.statistics, query=replace(result.statistics.query, level="lsoa")
        )
        context |= class_map_context(
            request, statistics, table, "pattern", labels, keep_empty=False
        )
        patterned = [
            {**r, "label": labels[r["pattern"]]}
            for r in rows
            if r["pattern"] != emerging.NO_PATTERN
        ]
        context["page"] = Paginator(patterned, PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    context |= download_links(request, "areas:emerging_csv", "areas:emerging_geojson")
    return render(request, "analytics/emerging.html", context)


@require_permission(Permission.AREA_VIEW)
def emerging_csv(request: HttpRequest) -> HttpResponse:
    form = AreaFilterForm(request.GET, months=available_months())
    result = emerging_statistics(form.query())
    audit_download(
        request, "emerging hot spots CSV", result.statistics, len(result.table)
    )
    return csv_response(
        result.table, EMERGING_COLUMNS, "hedgerow-emerging-hotspots.csv"
    )


@require_permission(Permission.AREA_VIEW)
def emerging_geojson(request: HttpRequest) -> HttpResponse:
    """Each LSOA's emerging hot spot pattern on its polygon; the map's data too."""
    form = AreaFilterForm(request.GET, months=available_months())
    result = emerging_statistics(form.query())
    return area_geojson_response(
        request,
        result.statistics,
        result.table,
        EMERGING_COLUMNS,
        "hedgerow-emerging-hotspots",
        what="emerging hot spots GeoJSON",
    )
