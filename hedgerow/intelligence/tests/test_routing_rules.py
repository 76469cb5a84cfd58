"""Coordinators manage routing rules: services, pages, the tester, unrouted reports."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.models import AreaKind, Routing, RoutingRule
from hedgerow.intelligence.services.routing_rules import (
    AREA_CODES_REQUIRED,
    FALLBACK_MUST_COVER_EVERYTHING,
    routing_rule_create,
    routing_rule_deactivate,
    routing_rule_update,
)
from hedgerow.intelligence.tests.factories import (
    ReportFactory,
    RoutingRuleFactory,
    ThreatFactory,
)
from hedgerow.intelligence.tests.triage_factories import LEEDS, LsoaFactory

pytestmark = pytest.mark.django_db

NO_FALLBACK_WARNING = "There is no active fallback rule"


def rule_fields(**overrides):
    fields = {
        "name": "Leeds fraud",
        "threat": None,
        "area_kind": AreaKind.LOCAL_AUTHORITY,
        "area_codes": [LEEDS],
        "agencies": [AgencyFactory()],
        "is_fallback": False,
    }
    return {**fields, **overrides}


# --- Services ------------------------------------------------------------------


def test_routing_rule_create_saves_and_audits():
    coordinator = UserFactory(role=Role.COORDINATOR)

    rule = routing_rule_create(**rule_fields(area_codes=["e08000035 "]), by=coordinator)

    assert rule.area_codes == [LEEDS]
    event = AuditEvent.objects.get(action=Action.CREATE, target_id=str(rule.pk))
    assert event.target_type == "intelligence.routingrule"
    assert event.detail["changes"]["area_codes"] == [None, [LEEDS]]


def test_routing_rule_create_refuses_bad_local_authority_code():
    with pytest.raises(ValidationError) as error:
        routing_rule_create(**rule_fields(area_codes=["X123"]), by=None)

    assert "“X123” is not a local authority code" in error.value.messages[0]
    assert not RoutingRule.objects.exists()


def test_routing_rule_create_refuses_malformed_lsoa_code():
    with pytest.raises(ValidationError) as error:
        routing_rule_create(
            **rule_fields(area_kind=AreaKind.LSOA, area_codes=[LEEDS]), by=None
        )

    assert "is not an LSOA code" in error.value.messages[0]


def test_routing_rule_create_refuses_lsoa_missing_from_loaded_geography():
    LsoaFactory(code="E01011229")

    with pytest.raises(ValidationError) as error:
        routing_rule_create(
            **rule_fields(area_kind=AreaKind.LSOA, area_codes=["E01000001"]), by=None
        )

    assert "“E01000001” is not an LSOA in the geography" in error.value.messages[0]


def test_routing_rule_create_accepts_any_lsoa_shape_before_geography_loaded():
    rule = routing_rule_create(
        **rule_fields(area_kind=AreaKind.LSOA, area_codes=["W01000001"]), by=None
    )

    assert rule.area_codes == ["W01000001"]


def test_routing_rule_create_needs_codes_for_an_area():
    with pytest.raises(ValidationError) as error:
        routing_rule_create(**rule_fields(area_codes=[]), by=None)

    assert error.value.messages == [str(AREA_CODES_REQUIRED)]


def test_routing_rule_create_refuses_narrow_fallback():
    with pytest.raises(ValidationError) as error:
        routing_rule_create(**rule_fields(is_fallback=True), by=None)

    assert error.value.messages == [str(FALLBACK_MUST_COVER_EVERYTHING)]


def test_routing_rule_update_audits_only_what_changed():
    rule = routing_rule_create(**rule_fields(), by=None)
    agencies = list(rule.agencies.all())
    threat = ThreatFactory(slug="fraud")

    routing_rule_update(
        rule=rule, **rule_fields(threat=threat, agencies=agencies), by=None
    )

    event = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(rule.pk))
    assert event.detail["changes"] == {"threat": [None, "fraud"]}


def test_routing_rule_deactivate_keeps_past_routings():
    agency = AgencyFactory()
    rule = RoutingRuleFactory(agencies=[agency])
    report = ReportFactory()
    Routing.objects.create(
        report=report, agency=agency, rule=rule, routed_at=report.submitted_at
    )

    routing_rule_deactivate(rule=rule, by=None, reason="Team disbanded")

    rule.refresh_from_db()
    assert not rule.is_active
    assert Routing.objects.filter(report=report, agency=agency).exists()
    event = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(rule.pk))
    assert event.purpose == "Team disbanded"


# --- Pages ---------------------------------------------------------------------


def test_rule_list_warns_when_no_active_fallback(staff_client):
    client = staff_client(Role.COORDINATOR)
    RoutingRuleFactory(name="Old fallback", is_fallback=True, is_active=False)

    response = client.get(reverse("routing:rule_list"))

    assert NO_FALLBACK_WARNING in response.content.decode()
    assert "Old fallback" in response.content.decode()


def test_rule_list_has_no_warning_with_active_fallback(staff_client):
    client = staff_client(Role.COORDINATOR)
    RoutingRuleFactory(is_fallback=True, agencies=[AgencyFactory()])

    response = client.get(reverse("routing:rule_list"))

    assert NO_FALLBACK_WARNING not in response.content.decode()


def test_rule_create_page_adds_rule(staff_client):
    client = staff_client(Role.COORDINATOR)
    agency = AgencyFactory()

    response = client.post(
        reverse("routing:rule_create"),
        {
            "name": "Leeds everything",
            "threat": "",
            "area_kind": AreaKind.LOCAL_AUTHORITY,
            "area_codes": "E08000035, E08000032",
            "agencies": [agency.pk],
        },
    )

    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    assert rule.area_codes == ["E08000035", "E08000032"]
    assert list(rule.agencies.all()) == [agency]


def test_rule_create_page_shows_errors_and_keeps_answers(staff_client):
    client = staff_client(Role.COORDINATOR)

    response = client.post(
        reverse("routing:rule_create"),
        {"name": "Typo rule", "area_kind": AreaKind.LSOA, "area_codes": "E0101"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "“E0101” is not an LSOA code" in page
    assert "Choose at least one agency" in page
    assert 'value="Typo rule"' in page
    assert not RoutingRule.objects.exists()


def test_rule_edit_page_changes_rule(staff_client):
    client = staff_client(Role.COORDINATOR)
    agency = AgencyFactory()
    rule = RoutingRuleFactory(name="Before", agencies=[agency])

    client.post(
        reverse("routing:rule_edit", args=[rule.pk]),
        {"name": "After", "area_kind": AreaKind.ANYWHERE, "agencies": [agency.pk]},
    )

    rule.refresh_from_db()
    assert rule.name == "After"


def test_rule_deactivate_page_needs_a_reason(staff_client):
    client = staff_client(Role.COORDINATOR)
    rule = RoutingRuleFactory(agencies=[AgencyFactory()])
    url = reverse("routing:rule_deactivate", args=[rule.pk])

    refused = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "Replaced"})

    assert "Say why" in refused.content.decode()
    assert done.status_code == 302
    rule.refresh_from_db()
    assert not rule.is_active


def test_rule_test_page_names_agencies_reached(staff_client):
    client = staff_client(Role.COORDINATOR)
    lsoa = LsoaFactory()
    threat = ThreatFactory()
    RoutingRuleFactory(
        name="Leeds rule",
        area_kind=AreaKind.LOCAL_AUTHORITY,
        area_codes=[LEEDS],
        agencies=[AgencyFactory(name="Leeds City Council")],
    )

    response = client.get(
        reverse("routing:rule_test"), {"threat": threat.pk, "lsoa": lsoa.code}
    )

    page = response.content.decode()
    assert "Leeds City Council" in page
    assert "Leeds rule" in page


def test_rule_test_page_says_when_report_would_reach_nobody(staff_client):
    client = staff_client(Role.COORDINATOR)

    response = client.get(reverse("routing:rule_test"), {"threat": "", "lsoa": ""})

    assert "No agency" in response.content.decode()


def test_rule_test_page_refuses_unknown_lsoa(staff_client):
    client = staff_client(Role.COORDINATOR)

    response = client.get(reverse("routing:rule_test"), {"lsoa": "E01999999"})

    assert "There is no LSOA with that code" in response.content.decode()


def test_unrouted_page_lists_reports_that_reached_nobody(staff_client):
    client = staff_client(Role.COORDINATOR)
    lost = ReportFactory(reference="HR-LOST-0001")
    routed = ReportFactory(reference="HR-SENT-0001")
    Routing.objects.create(
        report=routed, agency=AgencyFactory(), routed_at=routed.submitted_at
    )

    page = client.get(reverse("triage:unrouted")).content.decode()

    assert lost.reference in page
    assert routed.reference not in page


def test_route_manually_page_puts_report_in_agency_queue(staff_client):
    coordinator = staff_client(Role.COORDINATOR)
    agency = AgencyFactory()
    report = ReportFactory()
    url = reverse("triage:route_manually", args=[report.reference])

    response = coordinator.post(url, {"agencies": [agency.pk], "reason": "Fraud team"})

    assert response.status_code == 302
    assert Routing.objects.filter(report=report, agency=agency, rule=None).exists()
    # Once routed it leaves the unrouted list: its page is gone.
    assert coordinator.get(url).status_code == 404
