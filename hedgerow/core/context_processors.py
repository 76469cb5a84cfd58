"""Values every page template needs."""

from django.conf import settings
from django.http import HttpRequest

from hedgerow.core.navigation import navigation_for


def service(request: HttpRequest) -> dict[str, object]:
    """Service name, partnership name and the role-aware navigation."""
    return {
        "partnership_name": settings.HEDGEROW_PARTNERSHIP_NAME,
        "navigation": navigation_for(request),
    }
