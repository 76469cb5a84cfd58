"""The staff pages of community events under /events/.

Reading needs ENGAGEMENT_VIEW (officers, analysts, coordinators); recording and
changing need ENGAGEMENT_MANAGE (coordinators). Every page that shows an event or
what residents said is audited, and every change is audited by its service.
"""

from typing import Any

from django.http import HttpRequest


def posted(request: HttpRequest) -> Any:
    """The posted data, or None on a GET: an empty POST still shows its errors."""
    return request.POST if request.method == "POST" else None
