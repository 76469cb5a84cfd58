"""Writing to the audit trail. Every service that changes or discloses data calls this."""

import json
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from hedgerow.audit.chain import event_hash
from hedgerow.audit.models import Action, AuditChainHead, AuditEvent

HEAD_ID = 1


def target_type_of(target: models.Model) -> str:
    """The `app_label.model_name` that names a record's type in the trail."""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}"


@transaction.atomic
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
    head = _locked_head()
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


def _locked_head() -> AuditChainHead:
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
