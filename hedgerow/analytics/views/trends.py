"""Where crime rose and fell most between two periods (exact Poisson test)."""

from typing import Any

import pandas as pd
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hedgerow.analytics.compute.trends import most_changed
from hedgerow.analytics.forms import TrendFilterForm
from hedgerow.analytics.selectors import (
    TrendStatistics,
    available_months,
    trend_statistics,
)
from hedgerow.analytics.views.common import (
    area_features,
    csv_response,
    download_links,
    geojson_download,
    table_records,
)
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.permissions import Permission, require_permission

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
            context[direction] = table_records(chosen.reset_index())
        context["significant"] = int(table["significant"].sum())
        context["areas"] = len(table)
        context["link_lsoas"] = query.level == "lsoa"
        context |= download_links(request, "areas:trends_csv", "areas:trends_geojson")
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
    return csv_response(table, TREND_COLUMNS, "hedgerow-trends.csv")


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
        else area_features(result.query.level, result.areas, table, TREND_COLUMNS)
    )
    return geojson_download(
        request,
        features,
        name="hedgerow-trends",
        description=_trend_describe(form, result),
        audit=lambda: _audit_trends_download(request, "GeoJSON", len(table)),
    )
