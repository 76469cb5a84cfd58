"""API permissions: the same named permissions the staff pages use.

Holding the permission gets a caller past the door (else 403); which reports they
then see is need-to-know (`.visible_to(user)`), so anything else is a 404.
"""

from typing import Any

from rest_framework import permissions, throttling  # type: ignore[import-untyped]
from rest_framework.request import Request  # type: ignore[import-untyped]

from hedgerow.core.permissions import Permission, has_permission


class CanTriageReports(permissions.BasePermission):  # type: ignore[misc]
    """Staff whose role may read and triage the reports routed to their agency."""

    message = "Your role does not allow you to triage reports."

    def has_permission(self, request: Request, view: Any) -> bool:
        return has_permission(request.user, Permission.REPORT_TRIAGE)


class PartnerThrottle(throttling.UserRateThrottle):  # type: ignore[misc]
    """Stops a runaway partner script, per person (never per address).

    Checked after authentication and permissions, so anonymous callers are
    refused before any key is made for them.
    """

    rate = "600/minute"
