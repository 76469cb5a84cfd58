"""Reads for triage, routing and shared copies, always scoped by need to know.

Reports are read only through `Report.objects.visible_to(user)` and shared copies
through `SharedReport.objects.visible_to(user)`; the only unscoped reads are the
routing rules and the unrouted reports, which are for coordinators
(ROUTING_MANAGE) and show no more than a report's threat, area and age.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from hedgerow.accounts.models import User
from hedgerow.accounts.roles import ROLE_PERMISSIONS
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.audit.services import target_type_of
from hedgerow.core.permissions import Permission
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import (
    Report,
    RoutingRule,
    SharedReport,
    Status,
    Threat,
)
from hedgerow.places.models import Place

# --- Routing ---------------------------------------------------------------------


def routing_rule_list() -> QuerySet[RoutingRule]:
    """Every rule, active first, with what it needs to be shown in a table."""
    return RoutingRule.objects.select_related("threat").prefetch_related("agencies")


def routing_fallback_exists() -> bool:
    """True while an active fallback rule with an agency catches unmatched reports."""
    return RoutingRule.objects.filter(
        is_active=True, is_fallback=True, agencies__isnull=False
    ).exists()


def unrouted_report_list() -> QuerySet[Report]:
    """Reports no agency has: no rule matched them and there was no fallback."""
    return (
        Report.objects.filter(routings__isnull=True)
        .select_related("threat", "lsoa")
        .order_by("submitted_at")
    )


def unrouted_report_count() -> int:
    """How many reports wait to be routed by hand."""
    return unrouted_report_list().count()


# --- The queue -------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilters:
    """What the officer asked the queue to show, already validated."""

    status: str = "open"
    threat: Threat | None = None
    local_authority: str = ""
    lsoa: str = ""
    age: tuple[int | None, int | None] = (None, None)
    priority: str = ""
    mine: bool = False
    overdue: bool = False
    sort: str = "newest"


def triage_target() -> timedelta:
    """How soon a new report should be graded (HEDGEROW_TRIAGE_TARGET_HOURS)."""
    return timedelta(hours=settings.HEDGEROW_TRIAGE_TARGET_HOURS)


def overdue_before(now: datetime | None = None) -> datetime:
    """Reports still new that came in before this moment are overdue."""
    return (now or timezone.now()) - triage_target()


def report_is_overdue(report: Report, now: datetime | None = None) -> bool:
    """Still not graded, past the triage target."""
    return report.status == Status.NEW and report.submitted_at < overdue_before(now)


def report_visible_list(user: User) -> QuerySet[Report]:
    """The reports routed to the user's agency, with what lists and pages show."""
    return Report.objects.visible_to(user).select_related(
        "threat", "lsoa", "assigned_to", "place", "duplicate_of"
    )


def report_overdue_count(user: User) -> int:
    """How many of the agency's reports are still ungraded past the target."""
    return (
        Report.objects.visible_to(user)
        .filter(status=Status.NEW, submitted_at__lt=overdue_before())
        .count()
    )


def report_queue(*, user: User, filters: QueueFilters) -> QuerySet[Report]:
    """The agency's reports narrowed and ordered as the officer asked."""
    overdue = Case(
        When(status=Status.NEW, submitted_at__lt=overdue_before(), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    reports = (
        report_visible_list(user)
        .filter(_queue_q(user, filters))
        .annotate(overdue=overdue)
    )
    return _queue_order(reports, filters.sort)


def _queue_q(user: User, filters: QueueFilters) -> Q:
    now = timezone.now()
    q = _status_q(filters.status) & _age_q(filters.age, now)
    if filters.threat is not None:
        q &= Q(threat=filters.threat)
    if filters.local_authority:
        q &= Q(lsoa__local_authority_code=filters.local_authority)
    if filters.lsoa:
        q &= Q(lsoa__code=filters.lsoa)
    if filters.priority:
        priority = "" if filters.priority == "ungraded" else filters.priority
        q &= Q(priority=priority)
    if filters.mine:
        q &= Q(assigned_to=user)
    if filters.overdue:
        q &= Q(status=Status.NEW, submitted_at__lt=overdue_before(now))
    return q


def _status_q(status: str) -> Q:
    if status == "open":
        return ~Q(status=Status.CLOSED)
    if status in Status.values:
        return Q(status=status)
    return Q()


def _age_q(age: tuple[int | None, int | None], now: datetime) -> Q:
    """Reports at least `newest` hours old and less than `oldest` hours old."""
    newest, oldest = age
    q = Q()
    if newest is not None:
        q &= Q(submitted_at__lte=now - timedelta(hours=newest))
    if oldest is not None:
        q &= Q(submitted_at__gt=now - timedelta(hours=oldest))
    return q


def _queue_order(reports: QuerySet[Report], sort: str) -> QuerySet[Report]:
    if sort == "oldest":
        return reports.order_by("submitted_at", "pk")
    if sort == "priority":
        # Ungraded reports after P4: they have not been looked at yet.
        rank = Case(
            When(priority="", then=Value(9)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return reports.annotate(ungraded=rank).order_by(
            "ungraded", "priority", "submitted_at"
        )
    return reports.order_by("-submitted_at", "-pk")


def queue_local_authorities(user: User) -> list[tuple[str, str]]:
    """The local authorities the agency's reports are in, as filter choices."""
    codes = (
        Report.objects.visible_to(user)
        .exclude(lsoa__isnull=True)
        .values_list("lsoa__local_authority_code", flat=True)
    )
    rows = (
        Lsoa.objects.filter(local_authority_code__in=set(codes))
        .values_list("local_authority_code", "local_authority_name")
        .distinct()
        .order_by("local_authority_name")
    )
    return [(code, name or code) for code, name in rows]


# --- One report ------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    """One thing done to a report, as the report page lists it."""

    event: AuditEvent
    changed: list[str]


def report_history(report: Report) -> list[HistoryRow]:
    """What has been done to the report (changes and disclosures, not reads)."""
    events = (
        AuditEvent.objects.filter(
            target_type=target_type_of(report), target_id=str(report.pk)
        )
        .exclude(action__in=[Action.VIEW, Action.SEARCH])
        .order_by("seq")
    )
    return [HistoryRow(event, _changed_labels(event)) for event in events]


def _changed_labels(event: AuditEvent) -> list[str]:
    """The names of the report's fields an event changed, as people read them."""
    changes = event.detail.get("changes", {}) if isinstance(event.detail, dict) else {}
    labels = []
    for name in changes:
        try:
            field = Report._meta.get_field(name.removesuffix("_id"))
        except FieldDoesNotExist:
            labels.append(name)
        else:
            labels.append(str(getattr(field, "verbose_name", name)))
    return labels


def triage_officer_list(user: User) -> QuerySet[User]:
    """Active staff of the user's agency who may triage reports."""
    roles = [
        role
        for role, held in ROLE_PERMISSIONS.items()
        if Permission.REPORT_TRIAGE in held
    ]
    return User.objects.filter(
        agency_id=user.agency_id, is_active=True, role__in=roles
    ).order_by("full_name")


def place_visible_list(user: User) -> QuerySet[Place]:
    """Places the user's agency recorded, and places shared with the partnership."""
    return Place.objects.visible_to(user)


def place_search(*, user: User, query: str) -> QuerySet[Place]:
    """Visible places whose address, name or postcode contains `query`."""
    compact = query.replace(" ", "")
    return place_visible_list(user).filter(
        Q(address__icontains=query)
        | Q(name__icontains=query)
        | Q(postcode__icontains=query)
        | Q(postcode__icontains=compact)
    )[:25]


# --- Shared copies ---------------------------------------------------------------


def shared_received_list(user: User) -> QuerySet[SharedReport]:
    """Sanitised copies other agencies shared with the user's agency."""
    return (
        SharedReport.objects.visible_to(user)
        .filter(to_agency_id=user.agency_id)
        .select_related("threat", "lsoa", "from_agency")
    )


def shared_visible_list(user: User) -> QuerySet[SharedReport]:
    """Copies the user's agency sent or received."""
    return SharedReport.objects.visible_to(user).select_related(
        "threat", "lsoa", "from_agency", "to_agency", "shared_by"
    )


def report_related(*, report: Report, user: User) -> dict[str, Any]:
    """Where the report went, who it was shared with, and its visible duplicates."""
    return {
        "duplicates": list(
            Report.objects.visible_to(user)
            .filter(duplicate_of=report)
            .only("reference")
            .order_by("submitted_at")
        ),
        "routings": list(
            report.routings.select_related("agency", "rule").order_by("routed_at")
        ),
        "shares": list(
            report.shares.select_related("to_agency", "from_agency", "shared_by")
        ),
    }
