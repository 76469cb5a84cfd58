"""URLs of the area analytics pages, under /areas/."""

from django.urls import path

from hedgerow.analytics import views

app_name = "areas"
urlpatterns = [
    path("", views.area_map, name="map"),
    path("areas.csv", views.area_map_csv, name="map_csv"),
    path("areas.geojson", views.area_map_geojson, name="map_geojson"),
    path("hotspots/", views.hotspots, name="hotspots"),
    path("hotspots/hotspots.csv", views.hotspots_csv, name="hotspots_csv"),
    path("hotspots/hotspots.geojson", views.hotspots_geojson, name="hotspots_geojson"),
    path("emerging/", views.emerging_page, name="emerging"),
    path("emerging/emerging.csv", views.emerging_csv, name="emerging_csv"),
    path("emerging/emerging.geojson", views.emerging_geojson, name="emerging_geojson"),
    path("trends/", views.trends, name="trends"),
    path("trends/trends.csv", views.trends_csv, name="trends_csv"),
    path("trends/trends.geojson", views.trends_geojson, name="trends_geojson"),
    path("super-output/", views.super_output_page, name="super_output"),
    path(
        "super-output/super-output.csv",
        views.super_output_csv,
        name="super_output_csv",
    ),
    path(
        "super-output/super-output.geojson",
        views.super_output_geojson,
        name="super_output_geojson",
    ),
    path("lsoa/<str:code>/", views.lsoa_detail, name="lsoa"),
    path("lsoa/<str:code>/crime.csv", views.lsoa_csv, name="lsoa_csv"),
    path("lsoa/<str:code>/lsoa.geojson", views.lsoa_geojson, name="lsoa_geojson"),
]
