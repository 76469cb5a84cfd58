"""The triage REST API: need-to-know for every endpoint, role and agency, and audit."""

import json
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from hedgerow.accounts.roles import Role
from hedgerow.accounts.services.api_tokens import api_token_create
from hedgerow.accounts.tests.factories import (
    AgencyFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.api.permissions import PartnerThrottle
from hedgerow.intelligence.models import (
    LawfulBasis,
    Message,
    Report,
    Routing,
    SharedReport,
    Status,
)
from hedgerow.intelligence.services.triage import REPORT_CLOSED
from hedgerow.intelligence.tests.factories import (
    ReportFactory,
    ThreatFactory,
    WarningSignFactory,
)

pytestmark = pytest.mark.django_db

REFERENCE = "HR-AAAA-0001"
SHARED_REFERENCE = "SH-AAAA-0001"
ENDPOINTS = {
    "report_list": ("get", "/api/v1/reports/", None),
    "report_detail": ("get", f"/api/v1/reports/{REFERENCE}/", None),
    "report_grade": (
        "post",
        f"/api/v1/reports/{REFERENCE}/grade/",
        {"priority": "P2", "risk": "amber", "risk_to_life": False},
    ),
    "report_close": (
        "post",
        f"/api/v1/reports/{REFERENCE}/close/",
        {"outcome": "no_further_action", "note": "Visited: nothing found."},
    ),
    "report_questions": (
        "post",
        f"/api/v1/reports/{REFERENCE}/questions/",
        {"text": "Which flat number was it?"},
    ),
    "shared_list": ("get", "/api/v1/shared/", None),
    "shared_detail": ("get", f"/api/v1/shared/{SHARED_REFERENCE}/", None),
}
ENDPOINT_ORDER = list(ENDPOINTS)

# The agency the report was routed to (OWN), the agency a sanitised copy was
# shared with (RECIPIENT), and an agency with nothing to do with it (UNRELATED).
OWN, RECIPIENT, UNRELATED = "own", "recipient", "unrelated"
# For a list: 200 and the record is in it (SEES), or 200 without it (EMPTY).
SEES, EMPTY = "200 with it", "200 without it"
NO_TRIAGE = (403,) * 7

# Columns follow ENDPOINT_ORDER: reports list, detail, grade, close, questions,
# shared list, shared detail.
NEED_TO_KNOW = {
    (Role.OFFICER, OWN): (SEES, 200, 200, 200, 201, SEES, 200),
    (Role.OFFICER, RECIPIENT): (EMPTY, 404, 404, 404, 404, SEES, 200),
    (Role.OFFICER, UNRELATED): (EMPTY, 404, 404, 404, 404, EMPTY, 404),
    (Role.COORDINATOR, OWN): (SEES, 200, 200, 200, 201, SEES, 200),
    (Role.COORDINATOR, RECIPIENT): (EMPTY, 404, 404, 404, 404, SEES, 200),
    (Role.COORDINATOR, UNRELATED): (EMPTY, 404, 404, 404, 404, EMPTY, 404),
    (Role.ANALYST, OWN): NO_TRIAGE,
    (Role.ANALYST, RECIPIENT): NO_TRIAGE,
    (Role.ANALYST, UNRELATED): NO_TRIAGE,
    (Role.ADMINISTRATOR, OWN): NO_TRIAGE,
    (Role.ADMINISTRATOR, RECIPIENT): NO_TRIAGE,
    (Role.ADMINISTRATOR, UNRELATED): NO_TRIAGE,
}
CASES = [
    (role, agency, endpoint, expected[index])
    for (role, agency), expected in NEED_TO_KNOW.items()
    for index, endpoint in enumerate(ENDPOINT_ORDER)
]


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The throttle counts per user id in the cache; ids repeat between tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    """A report routed to one agency and a sanitised copy shared with another."""
    agencies = {
        OWN: AgencyFactory(name="West Yorkshire Police"),
        RECIPIENT: AgencyFactory(name="Leeds Trading Standards"),
        UNRELATED: AgencyFactory(name="Bradford Housing"),
    }
    threat = ThreatFactory(slug="test-drug-runs")
    sign = WarningSignFactory(threat=threat, slug="new-faces")
    report = ReportFactory(
        reference=REFERENCE,
        threat=threat,
        description="A man in a red van hands over small packages.",
        contact_consent=True,
        contact_name="Pat Reporter",
        contact_email="pat@example.org",
    )
    report.signs.set([sign])
    Routing.objects.create(
        report=report, agency=agencies[OWN], routed_at=timezone.now()
    )
    shared = SharedReport.objects.create(
        report=report,
        from_agency=agencies[OWN],
        to_agency=agencies[RECIPIENT],
        shared_by=UserFactory(agency=agencies[OWN]),
        shared_at=timezone.now(),
        purpose="Premises licence review",
        lawful_basis=LawfulBasis.CDA_S115,
        threat=threat,
        location="Mill Lane area, Leeds",
        when="Ongoing",
        summary="Packages handed over from a van.",
        reference=SHARED_REFERENCE,
    )
    return SimpleNamespace(agencies=agencies, report=report, shared=shared)


def session_caller(role, agency):
    """A client signed in with password and second factor."""
    user = UserFactory(role=role, agency=agency)
    device = TOTPDeviceFactory(user=user)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.user = user
    return client


def token_caller(role, agency):
    """A client that sends a personal API token and no cookie."""
    user = UserFactory(role=role, agency=agency)
    _token, raw = api_token_create(user=user, name="Case system")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    client.user = user
    return client


CALLERS = {"session": session_caller, "token": token_caller}


def call(client, endpoint):
    method, url, body = ENDPOINTS[endpoint]
    if method == "get":
        return client.get(url)
    return client.post(url, json.dumps(body), content_type="application/json")


def references_in(response):
    return [item["reference"] for item in response.json()["results"]]


@pytest.mark.parametrize("auth", sorted(CALLERS))
@pytest.mark.parametrize("case", CASES, ids=lambda case: "-".join(map(str, case)))
def test_need_to_know(world, auth, case):
    role, agency, endpoint, expected = case
    client = CALLERS[auth](role, world.agencies[agency])

    response = call(client, endpoint)

    if expected in {SEES, EMPTY}:
        assert response.status_code == 200
        wanted = SHARED_REFERENCE if endpoint == "shared_list" else REFERENCE
        assert (wanted in references_in(response)) is (expected == SEES)
    else:
        assert response.status_code == expected
    if expected in {403, 404}:
        report = Report.objects.get(pk=world.report.pk)
        assert (report.status, report.priority) == (Status.NEW, "")
        assert not Message.objects.exists()
        assert "Pat Reporter" not in response.content.decode()


@pytest.mark.parametrize("endpoint", ENDPOINT_ORDER)
def test_without_credentials_is_401(world, endpoint):
    response = call(Client(), endpoint)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("endpoint", ["report_list", "report_grade"])
def test_session_with_password_only_is_401(world, endpoint):
    client = Client()
    client.force_login(UserFactory(role=Role.OFFICER, agency=world.agencies[OWN]))

    response = call(client, endpoint)

    assert response.status_code == 401


def test_session_change_needs_the_csrf_token(world):
    client = session_caller(Role.OFFICER, world.agencies[OWN])
    client.handler.enforce_csrf_checks = True

    response = call(client, "report_grade")

    assert response.status_code == 403
    assert Report.objects.get(pk=world.report.pk).priority == ""


def test_responses_are_not_cached(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    for endpoint in ("report_list", "report_detail", "shared_detail"):
        assert call(client, endpoint).headers["Cache-Control"] == "no-store"


def test_a_runaway_client_is_throttled(world, monkeypatch):
    monkeypatch.setattr(PartnerThrottle, "rate", "2/minute")
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    statuses = [call(client, "report_list").status_code for _n in range(3)]

    assert statuses == [200, 200, 429]


# --- What the endpoints return ------------------------------------------------------


def test_detail_shows_the_report_and_contact_given_with_consent(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    body = call(client, "report_detail").json()

    assert body["reference"] == REFERENCE
    assert body["description"] == "A man in a red van hands over small packages."
    assert body["threat"] == "test-drug-runs"
    assert body["signs"] == ["new-faces"]
    assert body["routed_to"] == ["West Yorkshire Police"]
    assert body["contact"] == {
        "name": "Pat Reporter",
        "phone": "",
        "email": "pat@example.org",
    }
    assert body["public_status"] == "passed_to_partner"


def test_detail_has_no_contact_without_consent(world):
    Report.objects.filter(pk=world.report.pk).update(
        contact_consent=False, contact_name="", contact_email=""
    )
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    assert call(client, "report_detail").json()["contact"] is None


def test_queue_items_carry_nothing_the_reporter_wrote(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    (item,) = call(client, "report_list").json()["results"]

    assert "description" not in item
    assert "contact" not in item
    assert item["url"].endswith(f"/api/v1/reports/{REFERENCE}/")


def test_shared_copy_never_names_the_original(world):
    client = token_caller(Role.OFFICER, world.agencies[RECIPIENT])

    body = call(client, "shared_detail").json()

    assert body["summary"] == "Packages handed over from a van."
    assert body["from_agency"] == "West Yorkshire Police"
    assert REFERENCE not in json.dumps(body)
    assert "Pat Reporter" not in json.dumps(body)


def _queue(client, **params):
    response = client.get("/api/v1/reports/", params)
    assert response.status_code == 200, response.content
    return references_in(response)


def test_queue_filters(world):
    own = world.agencies[OWN]
    old = ReportFactory(
        reference="HR-OLD0-0001", submitted_at=timezone.now() - timedelta(days=10)
    )
    graded = ReportFactory(reference="HR-GRAD-0001", status=Status.IN_PROGRESS)
    Report.objects.filter(pk=graded.pk).update(priority="P1")
    for report in (old, graded):
        Routing.objects.create(report=report, agency=own, routed_at=timezone.now())
    client = token_caller(Role.OFFICER, own)

    assert _queue(client, status="in_progress") == ["HR-GRAD-0001"]
    assert _queue(client, priority="P1") == ["HR-GRAD-0001"]
    assert _queue(client, threat="test-drug-runs") == [REFERENCE]
    assert _queue(client, overdue="true") == ["HR-OLD0-0001"]
    assert "HR-OLD0-0001" not in _queue(client, overdue="false")
    since = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert sorted(_queue(client, submitted_after=since)) == [
        REFERENCE,
        "HR-GRAD-0001",
    ]


def test_queue_bad_filter_is_400(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    response = client.get("/api/v1/reports/", {"priority": "P9"})

    assert response.status_code == 400
    assert "priority" in response.json()


# --- Actions ------------------------------------------------------------------------


def test_grade_changes_the_report(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    response = call(client, "report_grade")

    assert response.json()["priority"] == "P2"
    report = Report.objects.get(pk=world.report.pk)
    assert (report.priority, report.risk, report.status) == (
        "P2",
        "amber",
        "in_progress",
    )


def test_grade_with_a_wrong_value_is_400(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])
    url = ENDPOINTS["report_grade"][1]

    response = client.post(
        url, json.dumps({"priority": "P7", "risk": "red"}), "application/json"
    )

    assert response.status_code == 400
    assert "priority" in response.json()


def test_close_then_grade_is_refused_by_the_service(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])
    assert call(client, "report_close").status_code == 200

    response = call(client, "report_grade")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [str(REPORT_CLOSED)]}


def test_question_is_stored_for_the_reporter(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    response = call(client, "report_questions")

    assert response.status_code == 201
    message = Message.objects.get()
    assert (message.kind, message.text) == ("question", "Which flat number was it?")
    assert message.author == client.user


# --- Audit --------------------------------------------------------------------------


def test_queue_search_is_audited_with_the_token_used(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    client.get("/api/v1/reports/", {"status": "new"})

    event = AuditEvent.objects.get(action=Action.SEARCH)
    assert event.actor_id == client.user.pk
    assert event.target_type == "intelligence.report"
    assert event.detail["filters"] == {"status": "new"}
    assert event.detail["results"] == 1
    assert event.detail["via"] == "api_token"
    assert event.detail["token"].startswith("Case system (")


def test_report_view_is_audited(world):
    client = session_caller(Role.OFFICER, world.agencies[OWN])

    call(client, "report_detail")

    event = AuditEvent.objects.get(action=Action.VIEW)
    assert (event.target_type, event.target_id) == (
        "intelligence.report",
        str(world.report.pk),
    )
    assert event.detail["via"] == "api_session"


def test_shared_copy_view_and_list_are_audited(world):
    client = token_caller(Role.OFFICER, world.agencies[RECIPIENT])

    call(client, "shared_list")
    call(client, "shared_detail")

    assert AuditEvent.objects.filter(
        action=Action.SEARCH, target_type="intelligence.sharedreport"
    ).exists()
    view = AuditEvent.objects.get(action=Action.VIEW)
    assert view.target_id == str(world.shared.pk)


def test_refused_read_is_not_audited_as_a_view(world):
    client = token_caller(Role.OFFICER, world.agencies[UNRELATED])

    call(client, "report_detail")

    assert not AuditEvent.objects.filter(action=Action.VIEW).exists()


def test_grade_is_audited_as_a_change(world):
    client = token_caller(Role.OFFICER, world.agencies[OWN])

    call(client, "report_grade")

    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert event.actor_id == client.user.pk
    assert event.target_id == str(world.report.pk)


# --- Schema -------------------------------------------------------------------------


def test_schema_validates_without_warnings_and_lists_every_endpoint(tmp_path: Path):
    path = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))

    schema = yaml.safe_load(path.read_text())
    assert set(schema["paths"]) == {
        "/api/v1/reports/",
        "/api/v1/reports/{reference}/",
        "/api/v1/reports/{reference}/grade/",
        "/api/v1/reports/{reference}/close/",
        "/api/v1/reports/{reference}/questions/",
        "/api/v1/shared/",
        "/api/v1/shared/{reference}/",
    }
    schemes = schema["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "hedgerow_<random>",
        "description": schemes["bearerAuth"]["description"],
    }
    assert "sessionAuth" in schemes


def test_schema_is_served_as_json(client):
    response = client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    assert "/api/v1/reports/" in response.json()["paths"]
