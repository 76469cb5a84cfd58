"""Need-to-know filters: staff see only the reports their agency was given."""

from typing import TYPE_CHECKING, Any

from django.db import models

from hedgerow.core.permissions import Permission, has_permission

if TYPE_CHECKING:
    from hedgerow.intelligence.models import Report, SharedReport  # noqa: F401


class ReportQuerySet(models.QuerySet["Report"]):
    """Reports, scoped to what a member of staff may read."""

    def visible_to(self, user: Any) -> "ReportQuerySet":
        """Reports routed to the user's agency, for staff who triage reports.

        A report shared with another agency is *not* visible to it here: that
        agency sees only the sanitised SharedReport (see SharedReportQuerySet).
        """
        if not has_permission(user, Permission.REPORT_TRIAGE) or not user.agency_id:
            return self.none()
        return self.filter(routings__agency_id=user.agency_id).distinct()


class SharedReportQuerySet(models.QuerySet["SharedReport"]):
    """Sanitised copies, scoped to the agencies that sent or received them."""

    def visible_to(self, user: Any) -> "SharedReportQuerySet":
        """Copies shared with, or by, the user's agency."""
        if not has_permission(user, Permission.REPORT_TRIAGE) or not user.agency_id:
            return self.none()
        return self.filter(
            models.Q(to_agency_id=user.agency_id)
            | models.Q(from_agency_id=user.agency_id)
        )
