"""How an audit event's hash is computed: one definition for writers and verifiers."""

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "agency_id",
    "agency_label",
    "action",
    "target_type",
    "target_id",
    "purpose",
    "recipient",
    "detail",
    "prev_hash",
)


def event_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 of the event's fields as canonical JSON (sorted keys, UTC time)."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    occurred_at: datetime = payload["occurred_at"]
    payload["occurred_at"] = occurred_at.astimezone(UTC).isoformat(
        timespec="microseconds"
    )
    canonical = json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
