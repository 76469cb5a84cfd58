"""URL patterns for public interchange, joined into the app's urls."""

from django.urls import URLPattern, URLResolver, path

from hedgerow.budgeting.views import interchange

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "<slug:slug>/results.pb",
        interchange.public_round_export_pb,
        name="round_export_pb",
    ),
]
