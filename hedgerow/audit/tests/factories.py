"""Audit events for tests, recorded through the real chain; no factory can fake it."""

from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from hedgerow.audit.models import Action, AuditEvent
from hedgerow.audit.services import audit_record


def audit_event(**fields: Any) -> AuditEvent:
    """Record one event; any audit_record argument can be given."""
    fields.setdefault("actor", None)
    fields.setdefault("action", Action.VIEW)
    return audit_record(**fields)


def audit_event_at(when: datetime, **fields: Any) -> AuditEvent:
    """Record one event as if it happened at `when`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: when)
        return audit_event(**fields)


def audit_events(count: int, **fields: Any) -> list[AuditEvent]:
    """Record `count` events, each with purpose "event <n>"."""
    return [audit_event(purpose=f"event {n}", **fields) for n in range(1, count + 1)]
