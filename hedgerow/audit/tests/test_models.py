"""The ORM refuses to change or delete audit events."""

import pytest

from hedgerow.audit.models import APPEND_ONLY, AppendOnlyError, AuditEvent
from hedgerow.audit.tests.factories import audit_event

pytestmark = pytest.mark.django_db


def test_save_existing_event_refused():
    event = audit_event(purpose="original")
    event.purpose = "rewritten"

    with pytest.raises(AppendOnlyError, match=APPEND_ONLY):
        event.save()

    assert AuditEvent.objects.get().purpose == "original"


def test_delete_event_refused():
    event = audit_event()

    with pytest.raises(AppendOnlyError, match=APPEND_ONLY):
        event.delete()

    assert AuditEvent.objects.count() == 1


def test_queryset_update_refused():
    audit_event(purpose="original")

    with pytest.raises(AppendOnlyError, match=APPEND_ONLY):
        AuditEvent.objects.filter(seq=1).update(purpose="rewritten")

    assert AuditEvent.objects.get().purpose == "original"


def test_queryset_delete_refused():
    audit_event()

    with pytest.raises(AppendOnlyError, match=APPEND_ONLY):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.count() == 1


def test_str_names_the_event_and_who_did_it():
    event = audit_event(actor_label="someone@agency.example")

    assert str(event) == "#1 view by someone@agency.example"
