"""Open311 GeoReport v2 endpoints (public, anonymous)."""

app_name = "open311"
urlpatterns: list = []
