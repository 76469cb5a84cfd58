"""Routing a report at submission, and by hand when nothing covers it."""

import pytest
from django.core.exceptions import ValidationError

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.models import AreaKind, Routing
from hedgerow.intelligence.selectors.triage import unrouted_report_list
from hedgerow.intelligence.services.routing import (
    NO_AGENCY_CHOSEN,
    agencies_for,
    report_route,
    report_route_manually,
)
from hedgerow.intelligence.tests.factories import (
    ReportFactory,
    RoutingRuleFactory,
    ThreatFactory,
)
from hedgerow.intelligence.tests.triage_factories import (
    BRADFORD,
    LEEDS,
    LsoaFactory,
)

pytestmark = pytest.mark.django_db


def routed_names(report):
    return sorted(
        Routing.objects.filter(report=report).values_list("agency__name", flat=True)
    )


def test_report_route_matches_rule_for_its_threat():
    fraud, slavery = ThreatFactory(), ThreatFactory()
    police, tsi = AgencyFactory(name="Police"), AgencyFactory(name="Trading Standards")
    RoutingRuleFactory(threat=fraud, agencies=[tsi])
    RoutingRuleFactory(threat=slavery, agencies=[police])
    report = ReportFactory(threat=fraud)

    agencies = report_route(report=report)

    assert [a.name for a in agencies] == ["Trading Standards"]
    assert routed_names(report) == ["Trading Standards"]


def test_report_route_matches_local_authority_rule_only_inside_it():
    leeds_team, bradford_team = (
        AgencyFactory(name="Leeds"),
        AgencyFactory(name="Bradford"),
    )
    RoutingRuleFactory(
        area_kind=AreaKind.LOCAL_AUTHORITY, area_codes=[LEEDS], agencies=[leeds_team]
    )
    RoutingRuleFactory(
        area_kind=AreaKind.LOCAL_AUTHORITY,
        area_codes=[BRADFORD],
        agencies=[bradford_team],
    )
    report = ReportFactory(lsoa=LsoaFactory(local_authority_code=LEEDS))

    report_route(report=report)

    assert routed_names(report) == ["Leeds"]


def test_report_route_matches_lsoa_rule_by_code():
    lsoa, other = LsoaFactory(), LsoaFactory()
    neighbourhood = AgencyFactory(name="Neighbourhood team")
    RoutingRuleFactory(
        area_kind=AreaKind.LSOA, area_codes=[lsoa.code], agencies=[neighbourhood]
    )
    inside, outside = ReportFactory(lsoa=lsoa), ReportFactory(lsoa=other)

    report_route(report=inside)
    report_route(report=outside)

    assert routed_names(inside) == ["Neighbourhood team"]
    assert routed_names(outside) == []


def test_report_route_area_rule_skips_report_without_location():
    RoutingRuleFactory(
        area_kind=AreaKind.LOCAL_AUTHORITY,
        area_codes=[LEEDS],
        agencies=[AgencyFactory()],
    )
    report = ReportFactory(lsoa=None)

    assert report_route(report=report) == []


def test_report_route_uses_fallback_only_when_nothing_matches():
    threat = ThreatFactory()
    specialist, default = AgencyFactory(name="Specialist"), AgencyFactory(name="CSP")
    RoutingRuleFactory(threat=threat, agencies=[specialist])
    RoutingRuleFactory(is_fallback=True, agencies=[default])
    matched, unmatched = ReportFactory(threat=threat), ReportFactory(threat=None)

    report_route(report=matched)
    report_route(report=unmatched)

    assert routed_names(matched) == ["Specialist"]
    assert routed_names(unmatched) == ["CSP"]


def test_report_route_ignores_deactivated_rules():
    RoutingRuleFactory(agencies=[AgencyFactory()], is_active=False)
    report = ReportFactory()

    assert report_route(report=report) == []


def test_report_route_without_rule_or_fallback_leaves_report_unrouted():
    RoutingRuleFactory(threat=ThreatFactory(), agencies=[AgencyFactory()])
    report = ReportFactory(threat=None)

    agencies = report_route(report=report)

    assert agencies == []
    assert list(unrouted_report_list()) == [report]


def test_report_route_sends_once_to_agency_named_by_two_rules():
    agency = AgencyFactory()
    threat = ThreatFactory()
    RoutingRuleFactory(threat=threat, agencies=[agency])
    RoutingRuleFactory(agencies=[agency])
    report = ReportFactory(threat=threat)

    report_route(report=report)

    assert Routing.objects.filter(report=report).count() == 1


def test_agencies_for_names_the_rule_that_sends_each_agency():
    agency = AgencyFactory(name="Housing")
    rule = RoutingRuleFactory(name="Everything", agencies=[agency])

    assert agencies_for(threat_id=None, lsoa=None) == [(agency, rule)]


def test_report_route_manually_routes_and_audits():
    coordinator = UserFactory(role=Role.COORDINATOR)
    agency = AgencyFactory(name="Licensing")
    report = ReportFactory()

    report_route_manually(
        report=report, agencies=[agency], by=coordinator, reason="Licensed premises"
    )

    assert routed_names(report) == ["Licensing"]
    assert list(unrouted_report_list()) == []
    event = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(report.pk))
    assert event.detail == {"routed_by_hand_to": ["Licensing"]}
    assert event.purpose == "Licensed premises"
    assert event.actor_id == coordinator.pk


def test_report_route_manually_needs_an_agency():
    report = ReportFactory()

    with pytest.raises(ValidationError) as error:
        report_route_manually(report=report, agencies=[], by=UserFactory())

    assert error.value.messages == [str(NO_AGENCY_CHOSEN)]
    assert not Routing.objects.exists()


def test_report_route_manually_refuses_report_already_routed():
    report = ReportFactory()
    Routing.objects.create(
        report=report, agency=AgencyFactory(), routed_at=report.submitted_at
    )

    with pytest.raises(ValidationError):
        report_route_manually(
            report=report, agencies=[AgencyFactory()], by=UserFactory()
        )

    assert Routing.objects.filter(report=report).count() == 1
