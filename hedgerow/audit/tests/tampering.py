"""What an attacker with database access could do to the trail, for tests to detect.

Everything runs inside the test's transaction, so it is undone when the test ends.
"""

import json
from datetime import datetime
from typing import Any

from django.db import connection

TABLE = "audit_auditevent"
TRIGGER = "audit_event_append_only"


def protection_remove() -> None:
    """Switch off the append-only trigger, as the table's owner could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        else:
            cursor.execute(f"DROP TRIGGER {TRIGGER}")


def column_set(seq: int, column: str, value: Any) -> None:
    """Overwrite one stored value of the event at `seq` with raw SQL."""
    placeholder = "%s"
    if column == "detail":
        value = json.dumps(value)
        placeholder = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    elif isinstance(value, datetime):
        value = connection.ops.adapt_datetimefield_value(value)
    sql = f"UPDATE {TABLE} SET {column} = {placeholder} WHERE seq = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [value, seq])


def rows_delete(*seqs: int) -> None:
    """Delete events by position with raw SQL."""
    with connection.cursor() as cursor:
        for seq in seqs:
            cursor.execute(f"DELETE FROM {TABLE} WHERE seq = %s", [seq])  # noqa: S608


def seqs_swap(first: int, second: int) -> None:
    """Swap two events' positions, through a spare value because seq is unique."""
    spare = 10**12
    column_set(first, "seq", spare)
    column_set(second, "seq", first)
    column_set(spare, "seq", second)
