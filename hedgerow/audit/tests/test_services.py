"""Recording events: order, links, who and what, and all-or-nothing with the change."""

from datetime import date

import pytest
from django.db import transaction

from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.audit.models import GENESIS_HASH, Action, AuditChainHead, AuditEvent
from hedgerow.audit.selectors import AuditFilters
from hedgerow.audit.services import (
    AUDIT_TARGET_TYPE,
    HEAD_ID,
    audit_trail_export,
)
from hedgerow.audit.tests.factories import audit_event, audit_events
from hedgerow.audit.verification import audit_chain_verify

pytestmark = pytest.mark.django_db


def test_audit_record_numbers_events_in_order():
    events = audit_events(3)

    assert [event.seq for event in events] == [1, 2, 3]


def test_audit_record_links_each_event_to_the_one_before():
    first, second = audit_events(2)

    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash


def test_audit_record_moves_the_chain_head():
    *_, newest = audit_events(2)

    head = AuditChainHead.objects.get(pk=HEAD_ID)
    assert (head.seq, head.hash) == (2, newest.hash)


def test_audit_record_without_head_row_creates_it():
    AuditChainHead.objects.all().delete()

    event = audit_event()

    assert event.seq == 1
    assert AuditChainHead.objects.get(pk=HEAD_ID).hash == event.hash


def test_audit_record_copies_the_actor_and_their_agency():
    user = UserFactory(email="ana@police.example", agency__name="Northshire Police")

    event = audit_event(actor=user)

    assert (event.actor_id, event.actor_label) == (user.pk, "ana@police.example")
    assert (event.agency_id, event.agency_label) == (
        user.agency.pk,
        "Northshire Police",
    )


def test_audit_record_anonymous_actor_keeps_only_the_label():
    event = audit_event(actor=None, actor_label="unknown@example.org")

    assert (event.actor_id, event.actor_label, event.agency_id) == (
        None,
        "unknown@example.org",
        None,
    )


def test_audit_record_names_a_model_instance_target():
    agency = AgencyFactory()

    event = audit_event(action=Action.UPDATE, target=agency)

    assert (event.target_type, event.target_id) == ("accounts.agency", str(agency.pk))


def test_audit_record_detail_keeps_what_the_database_keeps():
    event = audit_event(detail={"on": date(2026, 3, 29), "count": 2})

    assert event.detail == {"on": "2026-03-29", "count": 2}
    assert AuditEvent.objects.get().detail == event.detail
    assert audit_chain_verify().intact


def change_that_fails() -> None:
    """A service whose change fails after it recorded its audit event."""
    with transaction.atomic():
        audit_event(purpose="rolled back")
        raise RuntimeError


def test_audit_record_rolled_back_with_the_change_leaves_no_event():
    audit_event(purpose="kept")

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert list(AuditEvent.objects.values_list("purpose", flat=True)) == ["kept"]
    assert audit_chain_verify().intact
    assert audit_event().seq == 2


def test_audit_trail_export_records_who_why_and_which_rows():
    admin = UserFactory()
    audit_events(2, action=Action.VIEW)
    audit_event(action=Action.UPDATE)
    filters = AuditFilters(action=Action.VIEW)

    export = audit_trail_export(by=admin, filters=filters, purpose="FOI 123")

    assert (export.event.action, export.event.purpose) == (Action.EXPORT, "FOI 123")
    assert export.event.target_type == AUDIT_TARGET_TYPE
    assert export.event.detail == {
        "filters": {"action": "view"},
        "rows": 2,
        "through_seq": 3,
    }
    assert [event.seq for event in export.events] == [1, 2]


def test_audit_trail_export_file_excludes_its_own_and_later_events():
    audit_events(2)

    export = audit_trail_export(by=UserFactory(), filters=AuditFilters(), purpose="x")
    audit_event()

    assert export.rows == 2
    assert [event.seq for event in export.events] == [1, 2]
