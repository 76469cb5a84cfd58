"""Super output vs zero output: high-crime LSOAs beside the low-crime most like them."""

from typing import Any

import pandas as pd
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hedgerow.analytics.forms import AreaFilterForm
from hedgerow.analytics.selectors import (
    available_months,
    super_output,
)
from hedgerow.analytics.views.common import (
    PAGE_SIZE,
    Feature,
    audit_download,
    csv_response,
    download_links,
    geojson_download,
    table_records,
)
from hedgerow.core.permissions import Permission, require_permission


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
    for row in table_records(result.differences):
        differs.setdefault((row["high_code"], row["low_code"]), []).append(
            f"{names.get(row['feature'], row['feature'])} "
            f"({row['difference_sd']:+.1f} sd)"
        )
    rows = []
    for pair in table_records(result.comparison.pairs):
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
        | download_links(
            request, "areas:super_output_csv", "areas:super_output_geojson"
        ),
    )


@require_permission(Permission.AREA_VIEW)
def super_output_csv(request: HttpRequest) -> HttpResponse:
    _, result, rows = _super_output_rows(request)
    audit_download(request, "super output CSV", result.statistics, len(rows))
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
    return csv_response(
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
    return geojson_download(
        request,
        features,
        name="hedgerow-super-output",
        description=result.statistics.describe(),
        audit=lambda: audit_download(
            request, "super output GeoJSON", result.statistics, len(rows)
        ),
    )
