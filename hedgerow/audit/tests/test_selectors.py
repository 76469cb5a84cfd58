"""Searching the trail: each filter narrows the events, dates are whole UK days."""

from datetime import UTC, date, datetime

import pytest

from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.audit.models import Action
from hedgerow.audit.selectors import (
    AuditFilters,
    audit_event_list,
    audit_newest_seq,
    audit_target_types,
    target_type_label,
)
from hedgerow.audit.tests.factories import audit_event, audit_event_at

pytestmark = pytest.mark.django_db


def seqs(filters: AuditFilters) -> list[int]:
    return [event.seq for event in audit_event_list(filters=filters)]


def test_audit_event_list_no_filters_lists_all_newest_first():
    audit_event()
    audit_event()

    assert seqs(AuditFilters()) == [2, 1]


def test_audit_event_list_person_matches_part_of_email_ignoring_case():
    audit_event(actor_label="ana.jones@police.example")
    audit_event(actor_label="bob@council.example")

    assert seqs(AuditFilters(person="JONES@POLICE")) == [1]


def test_audit_event_list_agency_matches_the_actors_agency():
    user = UserFactory()
    audit_event(actor=user)
    audit_event(actor=UserFactory())

    assert seqs(AuditFilters(agency_id=user.agency.pk)) == [1]


def test_audit_event_list_action():
    audit_event(action=Action.EXPORT)
    audit_event(action=Action.VIEW)

    assert seqs(AuditFilters(action=Action.EXPORT)) == [1]


def test_audit_event_list_target_type_and_id():
    audit_event(target_type="accounts.agency", target_id="7")
    audit_event(target_type="accounts.agency", target_id="8")
    audit_event(target_type="accounts.user", target_id="7")

    assert seqs(AuditFilters(target_type="accounts.agency")) == [2, 1]
    assert seqs(AuditFilters(target_type="accounts.agency", target_id="7")) == [1]


def test_audit_event_list_up_to_seq_hides_later_events():
    audit_event()
    audit_event()

    assert seqs(AuditFilters(up_to_seq=1)) == [1]


def test_audit_event_list_dates_are_whole_uk_days_in_summer_time():
    # 23:30 UTC on 29 March 2026 is 00:30 on 30 March in London (BST).
    audit_event_at(datetime(2026, 3, 29, 22, 59, tzinfo=UTC))
    audit_event_at(datetime(2026, 3, 29, 23, 30, tzinfo=UTC))
    audit_event_at(datetime(2026, 3, 30, 22, 59, tzinfo=UTC))
    audit_event_at(datetime(2026, 3, 30, 23, 0, tzinfo=UTC))
    on_30_march = AuditFilters(date_from=date(2026, 3, 30), date_to=date(2026, 3, 30))

    assert seqs(on_30_march) == [3, 2]


def test_audit_event_list_dates_are_whole_uk_days_in_winter():
    audit_event_at(datetime(2026, 1, 9, 23, 59, tzinfo=UTC))
    audit_event_at(datetime(2026, 1, 10, 0, 0, tzinfo=UTC))

    assert seqs(AuditFilters(date_from=date(2026, 1, 10))) == [2]
    assert seqs(AuditFilters(date_to=date(2026, 1, 9))) == [1]


def test_audit_filters_as_detail_keeps_only_what_was_set():
    filters = AuditFilters(person="ana", agency_id=3, date_to=date(2026, 1, 2))

    assert filters.as_detail() == {
        "person": "ana",
        "agency_id": 3,
        "date_to": "2026-01-02",
    }


def test_audit_newest_seq():
    assert audit_newest_seq() == 0
    audit_event()

    assert audit_newest_seq() == 1


def test_audit_target_types_lists_each_once_with_a_readable_name():
    audit_event(target_type="accounts.agency", target_id="1")
    audit_event(target_type="accounts.agency", target_id="2")
    audit_event(target_type="")

    assert audit_target_types() == [("accounts.agency", "Agency")]


def test_target_type_label_unknown_type_kept_as_stored():
    assert target_type_label("reports.gone") == "reports.gone"
    assert target_type_label("not a model") == "not a model"
