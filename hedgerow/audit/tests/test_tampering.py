"""Tampering with the trail as someone with database access would, and catching it."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from hedgerow.audit import verification
from hedgerow.audit.management.commands.verify_audit import BROKEN, INTACT
from hedgerow.audit.models import AuditChainHead, AuditEvent
from hedgerow.audit.services import HEAD_ID
from hedgerow.audit.tests.factories import audit_event, audit_events
from hedgerow.audit.tests.tampering import (
    column_set,
    protection_remove,
    rows_delete,
    seqs_swap,
)
from hedgerow.audit.verification import (
    ALTERED,
    HEAD_MISSING,
    OUT_OF_ORDER,
    REPLACED,
    TRUNCATED,
    UNLINKED,
    UNRECORDED,
    audit_chain_verify,
)

pytestmark = pytest.mark.django_db


def verify_audit_error() -> str:
    """Run `hedgerow verify_audit`, expecting it to fail, and return its message."""
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit")
    return str(failure.value)


def broken_message(seq: int, problem: str, checked: int) -> str:
    return BROKEN.format(seq=seq, problem=problem, checked=checked)


def test_verify_audit_intact_chain_prints_count(capsys):
    events = audit_events(3)

    call_command("verify_audit")

    expected = INTACT.format(checked=3, head_hash=events[-1].hash)
    assert expected in capsys.readouterr().out
    assert "Audit trail intact: 3 events" in expected


def test_verify_audit_empty_trail_is_intact(capsys):
    call_command("verify_audit")

    assert "Audit trail intact: 0 events" in capsys.readouterr().out


def test_verify_audit_edited_purpose_names_the_event():
    audit_events(5)
    protection_remove()

    column_set(3, "purpose", "nothing to see here")

    message = verify_audit_error()

    assert message == broken_message(3, ALTERED, checked=2)
    assert message.startswith("Audit trail broken at event #3: ")


def test_verify_audit_edited_time_names_the_event():
    events = audit_events(3)
    protection_remove()

    column_set(2, "occurred_at", events[1].occurred_at - timedelta(days=1))

    assert verify_audit_error() == broken_message(2, ALTERED, checked=1)


def test_verify_audit_deleted_middle_row_names_the_event_after_the_gap():
    audit_events(5)
    protection_remove()

    rows_delete(3)

    problem = OUT_OF_ORDER.format(expected=3, found=4)
    assert verify_audit_error() == broken_message(4, problem, checked=2)


def test_verify_audit_swapped_pair_names_the_first_of_them():
    audit_events(5)
    protection_remove()

    seqs_swap(2, 3)

    assert verify_audit_error() == broken_message(2, UNLINKED, checked=1)


def test_verify_audit_rows_removed_from_end_detected_by_the_head():
    audit_events(5)
    protection_remove()

    rows_delete(4, 5)

    problem = TRUNCATED.format(last=3, head=5)
    assert verify_audit_error() == broken_message(4, problem, checked=3)


def test_verify_audit_every_row_removed_detected_by_the_head():
    audit_events(2)
    protection_remove()

    rows_delete(1, 2)

    assert "events were removed from the end" in verify_audit_error()


def test_audit_chain_verify_event_added_directly_names_it():
    events = audit_events(2)
    # As if event 2 had been written straight to the table, chained correctly.
    AuditChainHead.objects.filter(pk=HEAD_ID).update(seq=1, hash=events[0].hash)

    report = audit_chain_verify()

    assert (report.broken_seq, report.problem) == (2, UNRECORDED.format(head=1))


def test_audit_chain_verify_last_event_replaced_names_it():
    audit_events(2)
    AuditChainHead.objects.filter(pk=HEAD_ID).update(hash="f" * 64)

    report = audit_chain_verify()

    assert (report.broken_seq, report.problem, report.checked) == (2, REPLACED, 1)


def test_audit_chain_verify_event_recorded_as_the_walk_ends_is_no_break(monkeypatch):
    audit_events(3)
    head_position = verification._head_position
    reads = []

    def head_read_while_staff_work():
        if reads:  # Someone records an event between the walk and the last read.
            audit_event()
        reads.append(True)
        return head_position()

    monkeypatch.setattr(verification, "_head_position", head_read_while_staff_work)

    report = audit_chain_verify()

    assert (report.intact, report.checked) == (True, 3)


def test_audit_chain_verify_rewritten_history_detected_by_the_earlier_head():
    events = audit_events(3)
    AuditChainHead.objects.filter(pk=HEAD_ID).update(seq=2, hash=events[0].hash)

    report = audit_chain_verify()

    assert (report.broken_seq, report.problem) == (2, REPLACED)


def test_audit_chain_verify_head_deleted_is_broken():
    audit_events(1)
    AuditChainHead.objects.all().delete()

    report = audit_chain_verify()

    assert (report.broken_seq, report.problem) == (1, HEAD_MISSING)


def test_database_refuses_raw_update():
    audit_events(1)

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        column_set(1, "purpose", "changed")

    assert AuditEvent.objects.get(seq=1).purpose == "event 1"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite allows DELETE so Django's test flush works; verify_audit catches it",
)
def test_database_refuses_raw_delete_on_postgresql():
    audit_events(1)

    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        rows_delete(1)

    assert AuditEvent.objects.filter(seq=1).exists()
