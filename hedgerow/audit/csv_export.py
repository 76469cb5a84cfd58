"""The audit trail as CSV: one row per event, safe to open in a spreadsheet."""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from django.db.models import QuerySet

from hedgerow.audit.models import AuditEvent

# Column name in the file, then the AuditEvent field it comes from.
CSV_COLUMNS = (
    ("seq", "seq"),
    ("occurred_at", "occurred_at"),
    ("actor_id", "actor_id"),
    ("actor", "actor_label"),
    ("agency_id", "agency_id"),
    ("agency", "agency_label"),
    ("action", "action"),
    ("target_type", "target_type"),
    ("target_id", "target_id"),
    ("purpose", "purpose"),
    ("recipient", "recipient"),
    ("detail", "detail"),
    ("prev_hash", "prev_hash"),
    ("hash", "hash"),
)
# Spreadsheets run a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Excel reads UTF-8 (Welsh, names with accents) correctly only after a byte order mark.
BYTE_ORDER_MARK = "\ufeff"


class StreamingWriter:
    """A file-like object whose write returns the line, so csv.writer can stream."""

    def write(self, value: str) -> str:
        return value


def csv_cell(value: Any) -> str:
    """One value as text, with a leading quote if a spreadsheet would run it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        # UTC with microseconds, as hashed, so the file can be checked against
        # the chain.
        text = value.astimezone(UTC).isoformat(timespec="microseconds")
    elif isinstance(value, dict | list):
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    else:
        text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def csv_lines(events: QuerySet[AuditEvent]) -> Iterator[str]:
    """The header then one line per event, read in chunks so memory stays flat."""
    writer = csv.writer(StreamingWriter())
    yield BYTE_ORDER_MARK + writer.writerow([name for name, _ in CSV_COLUMNS])
    fields = [field for _, field in CSV_COLUMNS]
    rows: Iterable[dict[str, Any]] = events.values(*fields).iterator(chunk_size=2000)
    for row in rows:
        yield writer.writerow([csv_cell(row[field]) for field in fields])
