"""Area pages under /areas/: the rate map, hot spots, one LSOA; CSV and GeoJSON.

Analysts and coordinators only (Permission.AREA_VIEW). Every page states the
data and period it shows; every map has a table; every table and map can be
downloaded as CSV and GeoJSON, and each download is recorded in the audit trail.
The data is police.uk's public, already anonymised street crime, aggregated.
"""

from hedgerow.analytics.views.lsoa import lsoa_csv, lsoa_detail, lsoa_geojson
from hedgerow.analytics.views.maps import (
    area_map,
    area_map_csv,
    area_map_geojson,
    emerging_csv,
    emerging_geojson,
    emerging_page,
    hotspots,
    hotspots_csv,
    hotspots_geojson,
)
from hedgerow.analytics.views.super_output import (
    super_output_csv,
    super_output_geojson,
    super_output_page,
)
from hedgerow.analytics.views.trends import trends, trends_csv, trends_geojson

__all__ = [
    "area_map",
    "area_map_csv",
    "area_map_geojson",
    "emerging_csv",
    "emerging_geojson",
    "emerging_page",
    "hotspots",
    "hotspots_csv",
    "hotspots_geojson",
    "lsoa_csv",
    "lsoa_detail",
    "lsoa_geojson",
    "super_output_csv",
    "super_output_geojson",
    "super_output_page",
    "trends",
    "trends_csv",
    "trends_geojson",
]
