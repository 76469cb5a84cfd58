"""Recording community events, their attendance, documents and table insights.

Every write checks its input, runs in one transaction and writes its audit event
in that transaction. The trail keeps ids, choices and counts, never what residents
said: an insight's text stays in the insight.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.documents import document_check, document_name_clean
from hedgerow.engagement.models import (
    INSIGHT_MAX_LENGTH,
    AgeBand,
    Event,
    EventAttendance,
    EventDocument,
    Insight,
)

FUTURE_DATE = _("The date of the event must be today or in the past")
TITLE_REQUIRED = _("Enter the title of the event")
AGE_BANDS_OVER_TOTAL = _(
    "The age bands add up to %(counted)s people, more than the %(total)s who "
    "attended. Check the counts, or change the total attendance first"
)
ATTENDANCE_BELOW_AGE_BANDS = _(
    "The attendance cannot be less than the %(counted)s people already counted in "
    "age bands. Change the age bands first"
)
UNKNOWN_AGE_BAND = _("Choose one of the age bands listed")
NEGATIVE_COUNT = _("Enter a whole number of people, 0 or more")
INSIGHT_REQUIRED = _("Enter what was said at the table")
INSIGHT_TOO_LONG = _("What was said must be 2000 characters or fewer")

# Fields of an event a coordinator records or changes, in the order shown.
EVENT_FIELDS = (
    "kind",
    "title",
    "held_on",
    "venue",
    "lsoa",
    "agencies",
    "facilitators",
    "other_facilitators",
    "attendance",
    "summary",
)
# Free text the audit trail names when it changes, but never copies.
EVENT_TEXT_FIELDS = ("title", "venue", "other_facilitators", "summary")
INSIGHT_FIELDS = ("table_label", "text", "themes", "lsoa", "is_quotable")


def _counted(event: Event) -> int:
    """How many of the event's attendance are counted in age bands."""
    total: int | None = event.age_bands.aggregate(total=Sum("count"))["total"]
    return total or 0


def _event_apply(event: Event, fields: dict[str, Any]) -> None:
    """Check the fields and set them on `event` (not its many-to-many fields)."""
    errors: dict[str, Any] = {}
    held_on: datetime.date = fields["held_on"]
    if held_on > timezone.localdate():
        errors["held_on"] = FUTURE_DATE
    title = (fields.get("title") or "").strip()
    if not title:
        errors["title"] = TITLE_REQUIRED
    attendance = int(fields.get("attendance") or 0)
    counted = _counted(event) if event.pk else 0
    if attendance < counted:
        errors["attendance"] = ValidationError(
            ATTENDANCE_BELOW_AGE_BANDS, params={"counted": counted}
        )
    if errors:
        raise ValidationError(errors)
    event.kind = fields["kind"]
    event.title = title
    event.held_on = held_on
    event.venue = (fields.get("venue") or "").strip()
    event.lsoa = fields.get("lsoa")
    event.other_facilitators = (fields.get("other_facilitators") or "").strip()
    event.attendance = attendance
    event.summary = (fields.get("summary") or "").strip()
    event.full_clean()


def _event_detail(event: Event) -> dict[str, Any]:
    """What the audit trail keeps of an event: ids, choices and counts."""
    return {
        "kind": event.kind,
        "held_on": event.held_on.isoformat(),
        "lsoa_id": event.lsoa_id,
        "attendance": event.attendance,
        "agency_ids": sorted(a.pk for a in event.agencies.all()),
        "facilitator_ids": sorted(u.pk for u in event.facilitators.all()),
    }


def _event_relations_set(event: Event, fields: dict[str, Any]) -> None:
    event.agencies.set(fields.get("agencies") or [])
    event.facilitators.set(fields.get("facilitators") or [])


@transaction.atomic
def event_create(*, user: Any, **fields: Any) -> Event:
    """Record an event: its kind, date, place, partners, facilitators and turnout."""
    event = Event(created_by=user)
    _event_apply(event, fields)
    event.save()
    _event_relations_set(event, fields)
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=event,
        purpose="Community events: recording an event",
        detail=_event_detail(event),
    )
    return event


@transaction.atomic
def event_update(*, event: Event, user: Any, **fields: Any) -> Event:
    """Change an event; its attendance may not fall below its age-band counts."""
    # Changed on a fresh, locked copy: a refused change leaves the caller's intact.
    current = Event.objects.select_for_update().get(pk=event.pk)
    before = _event_detail(current)
    old_text = {n: getattr(current, n) for n in EVENT_TEXT_FIELDS}
    _event_apply(current, fields)
    current.save()
    _event_relations_set(current, fields)
    after = _event_detail(current)
    changed = sorted(name for name in after if before[name] != after[name])
    changed += sorted(n for n, v in old_text.items() if getattr(current, n) != v)
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=current,
        purpose="Community events: changing an event",
        detail={"changed": changed, "before": before, "after": after},
    )
    return current


@transaction.atomic
def event_attendance_set(
    *, event: Event, user: Any, counts: Mapping[str, int | None]
) -> Event:
    """Set how many attended in each age band; the bands may not exceed the total.

    A band left empty or at 0 is removed: "not counted" and "none came" read the
    same in a head count.
    """
    current = Event.objects.select_for_update().get(pk=event.pk)
    if any(band not in AgeBand.values for band in counts):
        raise ValidationError(UNKNOWN_AGE_BAND)
    wanted = {band: int(n) for band, n in counts.items() if n}
    if any(number < 0 for number in wanted.values()):
        raise ValidationError(NEGATIVE_COUNT)
    counted = sum(wanted.values())
    if counted > current.attendance:
        raise ValidationError(
            AGE_BANDS_OVER_TOTAL,
            params={"counted": counted, "total": current.attendance},
        )
    before = {row.band: row.count for row in current.age_bands.all()}
    # Written afresh in the bands' own order, which is the order they are shown in.
    current.age_bands.all().delete()
    EventAttendance.objects.bulk_create(
        EventAttendance(event=current, band=band, count=wanted[band])
        for band in AgeBand.values
        if band in wanted
    )
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=current,
        purpose="Community events: counting attendance by age band",
        detail={"age_bands": wanted, "before": before},
    )
    return current


@transaction.atomic
def event_document_add(
    *, event: Event, user: Any, name: str, content: bytes
) -> EventDocument:
    """Keep a document with the event, if it is an allowed type and under 10 MB.

    Errors are given against `file`, the upload field of the form.
    """
    name = document_name_clean(name)
    try:
        kind = document_check(name=name, content=content)
    except ValidationError as error:
        raise ValidationError({"file": error}) from error
    document = EventDocument.objects.create(
        event=event,
        name=name,
        content=content,
        content_type=kind.content_type,
        size=len(content),
        added_at=timezone.now(),
        added_by=user,
    )
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=document,
        purpose="Community events: adding a document to an event",
        detail={"event_id": event.pk, "name": name, "size": document.size},
    )
    return document


@transaction.atomic
def event_document_remove(*, document: EventDocument, user: Any) -> None:
    """Remove a document from its event; the trail keeps its name and size."""
    audit_record(
        actor=user,
        action=Action.DELETE,
        target=document,
        purpose="Community events: removing a document from an event",
        detail={
            "event_id": document.event_id,
            "name": document.name,
            "size": document.size,
        },
    )
    document.delete()


def _insight_apply(insight: Insight, fields: dict[str, Any]) -> None:
    """Check the fields and set them on `insight` (not its themes)."""
    text = (fields.get("text") or "").strip()
    if not text:
        raise ValidationError({"text": INSIGHT_REQUIRED})
    if len(text) > INSIGHT_MAX_LENGTH:
        raise ValidationError({"text": INSIGHT_TOO_LONG})
    insight.text = text
    insight.table_label = (fields.get("table_label") or "").strip()
    insight.lsoa = fields.get("lsoa")
    insight.is_quotable = bool(fields.get("is_quotable"))
    insight.full_clean()


def _insight_detail(insight: Insight, themes: Iterable[Any]) -> dict[str, Any]:
    """What the trail keeps of an insight: where, which themes, never the words."""
    return {
        "event_id": insight.event_id,
        "table_label": insight.table_label,
        "theme_ids": sorted(theme.pk for theme in themes),
        "lsoa_id": insight.lsoa_id,
        "is_quotable": insight.is_quotable,
    }


@transaction.atomic
def insight_create(*, event: Event, user: Any, **fields: Any) -> Insight:
    """Record what was said at one table of an event."""
    insight = Insight(event=event, recorded_by=user)
    _insight_apply(insight, fields)
    insight.save()
    themes = list(fields.get("themes") or [])
    insight.themes.set(themes)
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=insight,
        purpose="Community events: recording a table insight",
        detail=_insight_detail(insight, themes),
    )
    return insight


@transaction.atomic
def insight_update(*, insight: Insight, user: Any, **fields: Any) -> Insight:
    """Correct an insight: its words, themes, neighbourhood or whether to quote it."""
    current = Insight.objects.select_for_update().get(pk=insight.pk)
    before = _insight_detail(current, current.themes.all())
    old_text = current.text
    _insight_apply(current, fields)
    current.save()
    themes = list(fields.get("themes") or [])
    current.themes.set(themes)
    after = _insight_detail(current, themes)
    changed = sorted(name for name in after if before[name] != after[name])
    if current.text != old_text:
        changed.append("text")
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=current,
        purpose="Community events: correcting a table insight",
        detail={"changed": changed, "before": before, "after": after},
    )
    return current


@transaction.atomic
def insight_delete(*, insight: Insight, user: Any) -> None:
    """Delete an insight, for example one recorded against the wrong event."""
    audit_record(
        actor=user,
        action=Action.DELETE,
        target=insight,
        purpose="Community events: deleting a table insight",
        detail=_insight_detail(insight, insight.themes.all()),
    )
    insight.delete()
