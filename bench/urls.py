"""Hedgerow's URLs plus a bare view: the server's floor for one request.

Used by config.settings.bench only. The bare view passes through the same
middleware as every page but does no work, so its throughput beside the Open311
figures shows what submitting a report costs over simply answering.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler403, handler404, handler500
from config.urls import urlpatterns as site

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def bare(request: HttpRequest) -> HttpResponse:
    """A tiny response and nothing else."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *site]
