"""Reading the audit trail: searching it and listing what can be searched for."""

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Max, QuerySet

from hedgerow.accounts.models import Agency
from hedgerow.audit.models import AuditEvent

# Staff think in UK days: "on 30 March" is midnight to midnight in London, GMT or BST.
UK_TIME = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class AuditFilters:
    """What to search the trail for; an empty value matches every event."""

    person: str = ""
    agency_id: int | None = None
    action: str = ""
    target_type: str = ""
    target_id: str = ""
    date_from: date | None = None
    date_to: date | None = None
    # Pins a search to the trail as it was, so recording each page viewed
    # does not shift later pages.
    up_to_seq: int | None = None

    def as_detail(self) -> dict[str, str | int]:
        """The filters that were set, in the form a SEARCH or EXPORT event records."""
        recorded: dict[str, str | int] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name != "up_to_seq" and value not in (None, ""):
                recorded[field.name] = (
                    value.isoformat() if isinstance(value, date) else value
                )
        return recorded


def audit_event_list(*, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Events matching every filter that is set, newest first."""
    conditions = {
        "actor_label__icontains": filters.person,
        "agency_id": filters.agency_id,
        "action": filters.action,
        "target_type": filters.target_type,
        "target_id": filters.target_id,
        "occurred_at__gte": _uk_midnight(filters.date_from),
        "occurred_at__lt": _uk_midnight(filters.date_to, days_later=1),
        "seq__lte": filters.up_to_seq,
    }
    lookups = {
        name: value for name, value in conditions.items() if value not in (None, "")
    }
    return AuditEvent.objects.filter(**lookups).order_by("-seq")


def audit_newest_seq() -> int:
    """The position of the newest event in the trail, 0 when it is empty."""
    newest: int | None = AuditEvent.objects.aggregate(newest=Max("seq"))["newest"]
    return newest or 0


def audit_agencies() -> list[tuple[int, str]]:
    """The partnership's agencies, to search the trail by, in name order."""
    return list(Agency.objects.order_by("name").values_list("pk", "name"))


def audit_target_types() -> list[tuple[str, str]]:
    """Each kind of record the trail mentions, as (stored value, readable name)."""
    values = (
        AuditEvent.objects.exclude(target_type="")
        .order_by("target_type")
        .values_list("target_type", flat=True)
        .distinct()
    )
    return [(value, target_type_label(value)) for value in values]


def target_type_label(target_type: str) -> str:
    """A record type's name as people say it ("Agency"), or as stored if unknown."""
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        return target_type
    return str(model._meta.verbose_name).capitalize()


def _uk_midnight(day: date | None, *, days_later: int = 0) -> datetime | None:
    """The start of a UK day (midnight always exists: clocks change at 1am or 2am)."""
    if day is None:
        return None
    return datetime.combine(day + timedelta(days=days_later), time.min, tzinfo=UK_TIME)
