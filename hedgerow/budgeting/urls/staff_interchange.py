"""URL patterns for staff interchange, joined into the app's urls."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.budgeting.views import interchange

urlpatterns: list[URLPattern | URLResolver] = [
    path("import/", interchange.round_import, name="round_import"),
    path("<slug:slug>/export.pb", interchange.round_export_pb, name="round_export_pb"),
]
