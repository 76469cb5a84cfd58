"""The audit trail's search and export pages, as administrators and others use them."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.audit.forms import (
    DATE_INVALID,
    DATE_ORDER,
    PURPOSE_MAX_LENGTH,
    PURPOSE_REQUIRED,
    PURPOSE_TOO_LONG,
)
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.audit.services import AUDIT_TARGET_TYPE
from hedgerow.audit.tests.factories import audit_event, audit_event_at, audit_events
from hedgerow.audit.verification import audit_chain_verify
from hedgerow.audit.views import PAGE_SIZE

pytestmark = pytest.mark.django_db

LIST_URL = reverse("audit:event_list")
EXPORT_URL = reverse("audit:export")
NOT_AUDITORS = [Role.OFFICER, Role.ANALYST, Role.COORDINATOR]


def listed_seqs(response) -> list[int]:
    return [event.seq for event in response.context["page_obj"]]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def export(client, purpose="Subject access request 42", **filters):
    return client.post(EXPORT_URL, {"purpose": purpose, **filters})


@pytest.mark.parametrize("role", NOT_AUDITORS)
def test_event_list_other_roles_forbidden(staff_client, role):
    response = staff_client(role).get(LIST_URL)

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=Action.SEARCH).exists()


@pytest.mark.parametrize("role", NOT_AUDITORS)
def test_export_other_roles_forbidden(staff_client, role):
    client = staff_client(role)

    assert client.get(EXPORT_URL).status_code == 403
    assert export(client).status_code == 403
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_event_list_shows_events_newest_first(admin_client):
    audit_event(actor_label="ana@police.example", purpose="Checking a referral")
    audit_event(
        action=Action.UPDATE, detail={"role": {"from": "officer", "to": "analyst"}}
    )

    response = admin_client.get(LIST_URL)

    assert response.status_code == 200
    assert listed_seqs(response) == [2, 1]
    assert "Checking a referral" in response.text
    assert "role: officer → analyst" in response.text


def test_event_list_shows_times_in_uk_time(admin_client):
    audit_event_at(datetime(2026, 7, 1, 8, 30, tzinfo=UTC))

    response = admin_client.get(LIST_URL)

    assert "1 Jul 2026 09:30:00" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"person": "ANA@"}, [1]),
        ({"action": Action.UPDATE}, [2]),
        ({"target_type": "accounts.agency"}, [2, 1]),
        ({"target_type": "accounts.agency", "target_id": "9"}, [2]),
        ({"date_from": "2026-03-02"}, [2]),
        ({"date_to": "2026-03-01"}, [1]),
        ({"date_from": "01/03/2026", "date_to": "01/03/2026"}, [1]),
    ],
)
def test_event_list_each_filter_narrows_results(admin_client, query, expected):
    audit_event_at(
        datetime(2026, 3, 1, 12, tzinfo=UTC),
        actor_label="ana@police.example",
        target_type="accounts.agency",
        target_id="8",
    )
    audit_event_at(
        datetime(2026, 3, 2, 12, tzinfo=UTC),
        actor_label="bob@council.example",
        action=Action.UPDATE,
        target_type="accounts.agency",
        target_id="9",
    )

    response = admin_client.get(LIST_URL, query)

    assert listed_seqs(response) == expected


def test_event_list_agency_filter_narrows_results(admin_client):
    officer = UserFactory()
    audit_event(actor=officer)
    audit_event(actor=UserFactory())

    response = admin_client.get(LIST_URL, {"agency": officer.agency.pk})

    assert listed_seqs(response) == [1]


def test_event_list_search_is_recorded_with_its_filters(admin_client):
    audit_event()

    admin_client.get(
        LIST_URL, {"person": "ana", "action": Action.VIEW, "target_id": ""}
    )

    search = AuditEvent.objects.get(action=Action.SEARCH)
    assert search.actor_id == admin_client.user.pk
    assert search.target_type == AUDIT_TARGET_TYPE
    assert search.detail == {
        "filters": {"person": "ana", "action": "view"},
        "through_seq": 1,
        "page": 1,
    }
    assert audit_chain_verify().intact


def test_event_list_end_before_start_shows_error_and_records_nothing(admin_client):
    response = admin_client.get(
        LIST_URL, {"date_from": "2026-03-02", "date_to": "2026-03-01"}
    )

    assert str(DATE_ORDER) in response.text
    assert "page_obj" not in response.context
    assert not AuditEvent.objects.filter(action=Action.SEARCH).exists()


def test_event_list_impossible_date_shows_error(admin_client):
    response = admin_client.get(LIST_URL, {"date_from": "31/02/2026"})

    assert str(DATE_INVALID) in response.text
    assert "page_obj" not in response.context


def test_event_list_signed_out_sent_to_sign_in(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_event_list_paginates_keeping_filters_and_snapshot(admin_client):
    audit_events(PAGE_SIZE + 1, action=Action.VIEW)

    first = admin_client.get(LIST_URL, {"action": Action.VIEW})
    second = admin_client.get(
        LIST_URL, {"action": Action.VIEW, "page": 2, "upto": PAGE_SIZE + 1}
    )

    assert len(listed_seqs(first)) == PAGE_SIZE
    assert f"?action=view&amp;upto={PAGE_SIZE + 1}&amp;page=2" in first.text
    assert listed_seqs(second) == [1]
    assert AuditEvent.objects.get(seq=PAGE_SIZE + 3).detail["page"] == 2


def test_event_list_no_matches_says_so(admin_client):
    response = admin_client.get(LIST_URL, {"person": "nobody"})

    assert "No audit events match these filters." in response.text


def test_export_form_prefilled_from_the_search(admin_client):
    response = admin_client.get(EXPORT_URL, {"person": "ana", "action": "view"})

    form = response.context["form"]
    assert (form["person"].value(), form["action"].value()) == ("ana", "view")
    assert 'method="post"' in response.text


def test_export_downloads_csv_of_matching_events(admin_client):
    audit_event(actor_label="ana@police.example", purpose="first")
    audit_event(action=Action.UPDATE, purpose="second")

    response = export(admin_client, action=Action.VIEW)

    rows = csv_rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="audit-trail-'
    )
    assert rows[0][:4] == ["seq", "occurred_at", "actor_id", "actor"]
    assert rows[0][-2:] == ["prev_hash", "hash"]
    assert [(row[0], row[3], row[9]) for row in rows[1:]] == [
        ("1", "ana@police.example", "first")
    ]


def test_export_is_recorded_with_the_purpose_before_the_file(admin_client):
    audit_events(2)

    response = export(admin_client, purpose="Information governance review")

    recorded = AuditEvent.objects.get(action=Action.EXPORT)
    assert recorded.purpose == "Information governance review"
    assert recorded.actor_id == admin_client.user.pk
    assert recorded.detail == {"filters": {}, "rows": 2, "through_seq": 2}
    assert len(csv_rows(response)) == 1 + 2


def test_export_without_purpose_asks_for_one(admin_client):
    response = export(admin_client, purpose="  ")

    assert response.status_code == 200
    assert str(PURPOSE_REQUIRED) in response.text
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_export_purpose_too_long_refused(admin_client):
    response = export(admin_client, purpose="x" * (PURPOSE_MAX_LENGTH + 1))

    assert str(PURPOSE_TOO_LONG) in response.text
    assert not AuditEvent.objects.filter(action=Action.EXPORT).exists()


def test_export_neutralises_spreadsheet_formulas(admin_client):
    audit_event(purpose='=HYPERLINK("http://evil.example","Click")')

    rows = csv_rows(export(admin_client))

    assert rows[1][9] == '\'=HYPERLINK("http://evil.example","Click")'
