"""What the area pages share: filters, map classes, legends, downloads, audit."""

import json
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

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
from hedgerow.analytics.forms import AreaFilterForm
from hedgerow.analytics.maps import feature_collection, svg_map
from hedgerow.analytics.selectors import (
    AreaStatistics,
    area_statistics,
    available_months,
    lsoa_boundaries,
)
from hedgerow.analytics.tables import csv_text
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record

PAGE_SIZE = 50
CLASS_COUNT = 5
HOTSPOT_ORDER = [HOT_99, HOT_95, HOT_90, NOT_SIGNIFICANT, COLD_90, COLD_95, COLD_99]
HOTSPOT_MEASURES = ["gi_z", "gi_p", "hotspot", "moran_cluster"]


def statistics_from(request: HttpRequest) -> tuple[AreaFilterForm, AreaStatistics]:
    """The map's and hot spots' filters (harm weighting included) and their table."""
    form = AreaFilterForm(request.GET, months=available_months(), harm=True)
    return form, area_statistics(form.query())


def hotspot_labels() -> dict[str, str]:
    return {
        HOT_99: _("Hot spot, 99% confidence"),
        HOT_95: _("Hot spot, 95% confidence"),
        HOT_90: _("Hot spot, 90% confidence"),
        NOT_SIGNIFICANT: _("Not significant"),
        COLD_90: _("Cold spot, 90% confidence"),
        COLD_95: _("Cold spot, 95% confidence"),
        COLD_99: _("Cold spot, 99% confidence"),
    }


def rate_classes(statistics: AreaStatistics, method: str) -> tuple[Classes, np.ndarray]:
    rates = statistics.table[statistics.query.measure()].to_numpy(dtype=np.float64)
    classes = class_breaks(rates, k=CLASS_COUNT, method=method)
    return classes, assign_classes(rates, classes)


def legend_rows(classes: Classes) -> list[dict[str, Any]]:
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


def lsoa_styles(
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


def map_context(
    request: HttpRequest,
    statistics: AreaStatistics,
    css_by_code: dict[str, str],
    titles: dict[str, str],
) -> dict[str, Any]:
    styles = lsoa_styles(statistics, css_by_code, titles)
    boundaries = lsoa_boundaries(list(styles))
    return {"svg": svg_map(boundaries, styles)}


def class_map_context(
    request: HttpRequest,
    statistics: AreaStatistics,
    table: pd.DataFrame,
    column: str,
    labels: dict[str, str],
    *,
    keep_empty: bool = True,
) -> dict[str, Any]:
    """A map coloured by a column of classes (hot spot, pattern) and its legend.

    The legend follows the order of `labels`; without keep_empty it leaves out
    the classes no area has.
    """
    rows = table_records(table)
    css = {str(r["code"]): f"hedgerow-map__{r[column]}" for r in rows}
    titles = {str(r["code"]): f"{r['name']}: {labels[r[column]]}" for r in rows}
    counts = table[column].value_counts()
    legend = [
        {
            "css": f"hedgerow-map__{key}",
            "label": label,
            "count": int(counts.get(key, 0)),
        }
        for key, label in labels.items()
        if keep_empty or counts.get(key, 0)
    ]
    return {**map_context(request, statistics, css, titles), "legend": legend}


def download_links(
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


def table_records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]


def rate_text(rate: Any) -> str:
    return "–" if pd.isna(rate) else f"{rate:.2f}"


def csv_response(
    frame: pd.DataFrame, columns: list[str], filename: str
) -> HttpResponse:
    response = HttpResponse(
        csv_text(frame, columns), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def audit_download(
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


Feature = tuple[str, Mapping[str, Any]]  # an LSOA code and its properties


def area_features(
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


def geojson_download(
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
    text = json.dumps(collection, default=json_number)
    response = HttpResponse(text, content_type="application/geo+json")
    if map_data and request.GET.get("display") == "map":
        return response
    audit()
    response["Content-Disposition"] = f'attachment; filename="{name}.geojson"'
    return response


def area_geojson_response(
    request: HttpRequest,
    statistics: AreaStatistics,
    table: pd.DataFrame,
    columns: list[str],
    name: str,
    *,
    what: str = "GeoJSON",
) -> HttpResponse:
    """LSOA polygons with their area's values; a download unless display=map."""
    return geojson_download(
        request,
        area_features(statistics.query.level, statistics.areas, table, columns),
        name=name,
        description=statistics.describe(),
        audit=lambda: audit_download(request, what, statistics, len(table)),
        map_data=True,
    )


def json_number(value: Any) -> Any:
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return str(value)
