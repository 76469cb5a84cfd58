"""Writing to the audit trail; every service that changes or discloses data calls it."""

import json
from dataclasses import dataclass, replace
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from hedgerow.audit.chain import event_hash
from hedgerow.audit.models import Action, AuditChainHead, AuditEvent
from hedgerow.audit.selectors import AuditFilters, audit_event_list

HEAD_ID = 1
# How the trail names itself as the target of a search or export of it.
AUDIT_TARGET_TYPE = "audit.auditevent"


@dataclass(frozen=True)
class AuditExport:
    """A recorded export: its own audit event and exactly the rows it may contain."""

    event: AuditEvent
    rows: int
    events: QuerySet[AuditEvent]


def target_type_of(target: models.Model) -> str:
    """The `app_label.model_name` that names a record's type in the trail."""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}"


# No savepoint when called inside a service's transaction: an audit failure must
# roll back the whole change anyway, and skipping the savepoint saves two round trips.
@transaction.atomic(savepoint=False)
def audit_record(
    *,
    actor: Any,
    action: Action,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    purpose: str = "",
    recipient: str = "",
    detail: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the trail, chained to the newest one.

    `actor` is the signed-in user (or None for the system or an unknown person);
    their id, email and agency are copied so the event outlives the account.
    Call it inside the service's own transaction: if the change rolls back, so
    does its audit event.
    """
    if target is not None:
        target_type, target_id = target_type_of(target), target.pk
    head = audit_chain_head_locked()
    fields: dict[str, Any] = {
        "seq": head.seq + 1,
        "occurred_at": timezone.now(),
        **_actor_fields(actor, actor_label),
        "action": str(action),
        "target_type": target_type,
        "target_id": str(target_id),
        "purpose": purpose,
        "recipient": recipient,
        # Round-trip through JSON so what is hashed is exactly what the database keeps.
        "detail": json.loads(json.dumps(detail or {}, default=str)),
        "prev_hash": head.hash,
    }
    event = AuditEvent(**fields, hash=event_hash(fields))
    event.save()
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


@transaction.atomic
def audit_trail_export(*, by: Any, filters: AuditFilters, purpose: str) -> AuditExport:
    """Record an export of the trail (who, why, which rows), then hand back those rows.

    Recorded before any row leaves, so no export goes unrecorded. The export holds
    the events before its own; its EXPORT event names that last event
    (`through_seq`) and the number of rows, and appears in the next export.
    """
    through_seq = audit_chain_head_locked().seq
    events = audit_event_list(filters=replace(filters, up_to_seq=through_seq))
    rows = events.count()
    event = audit_record(
        actor=by,
        action=Action.EXPORT,
        target_type=AUDIT_TARGET_TYPE,
        purpose=purpose,
        detail={
            "filters": filters.as_detail(),
            "rows": rows,
            "through_seq": through_seq,
        },
    )
    return AuditExport(event=event, rows=rows, events=events.order_by("seq"))


def audit_chain_head_locked() -> AuditChainHead:
    """The chain head, locked until the transaction ends so writers take turns."""
    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    return head or AuditChainHead.objects.create(pk=HEAD_ID)


def _actor_fields(actor: Any, actor_label: str) -> dict[str, Any]:
    """Who did it, as ids and the labels they had at the time."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {
            "actor_id": None,
            "actor_label": actor_label,
            "agency_id": None,
            "agency_label": "",
        }
    agency = getattr(actor, "agency", None)
    return {
        "actor_id": actor.pk,
        "actor_label": actor_label or actor.get_username(),
        "agency_id": getattr(agency, "pk", None),
        "agency_label": getattr(agency, "name", ""),
    }
