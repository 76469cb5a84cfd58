"""Open311 GeoReport v2 endpoints (public, anonymous), under /open311/v2/."""

from django.urls import re_path

from hedgerow.intelligence.api import open311

app_name = "open311"
urlpatterns = [
    re_path(r"^services\.(?P<fmt>\w+)$", open311.service_list, name="services"),
    re_path(
        r"^services/(?P<code>[-\w]+)\.(?P<fmt>\w+)$",
        open311.service_definition,
        name="service_definition",
    ),
    re_path(r"^requests\.(?P<fmt>\w+)$", open311.requests, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[-\w]+)\.(?P<fmt>\w+)$",
        open311.request_status,
        name="request",
    ),
]
