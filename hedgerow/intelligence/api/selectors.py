"""Reads behind the triage API, always scoped by need-to-know (`.visible_to`)."""

from datetime import datetime, time
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from hedgerow.intelligence.models import Report, SharedReport, Status
from hedgerow.intelligence.selectors.triage import overdue_before


def report_queue_for(*, user: Any, filters: dict[str, Any]) -> QuerySet[Report]:
    """The reports routed to the user's agency, narrowed by the queue's filters."""
    reports = Report.objects.visible_to(user).select_related("threat", "lsoa")
    if status := filters.get("status"):
        reports = reports.filter(status=status)
    if priority := filters.get("priority"):
        reports = reports.filter(priority=priority)
    if threat := filters.get("threat"):
        reports = reports.filter(threat__slug=threat)
    if submitted_after := filters.get("submitted_after"):
        start = timezone.make_aware(datetime.combine(submitted_after, time.min))
        reports = reports.filter(submitted_at__gte=start)
    overdue = filters.get("overdue")
    if overdue is not None:
        # The triage pages' meaning: still new past the triage target.
        late = Q(status=Status.NEW, submitted_at__lt=overdue_before())
        reports = reports.filter(late) if overdue else reports.exclude(late)
    return reports.order_by("-submitted_at", "-pk")


def report_for(*, user: Any, reference: str) -> Report | None:
    """One report the user may read, with what its detail shows; else None."""
    return (
        Report.objects.visible_to(user)
        .select_related("threat", "lsoa", "assigned_to", "duplicate_of")
        .prefetch_related("signs", "routings__agency", "messages__agency")
        .filter(reference=reference)
        .first()
    )


def shared_reports_for(*, user: Any) -> QuerySet[SharedReport]:
    """Sanitised copies shared with, or by, the user's agency."""
    return (
        SharedReport.objects.visible_to(user)
        .select_related("from_agency", "to_agency", "shared_by", "threat", "lsoa")
        .order_by("-shared_at", "-pk")
    )
