"""Routing rules are cached; a change through a service applies at once."""

import pytest

from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.intelligence.models.reports import LocationKind, WhenKind
from hedgerow.intelligence.services.routing_rules import routing_rule_update
from hedgerow.intelligence.services.submission import ReportAnswers, report_submit
from hedgerow.intelligence.tests.factories import RoutingRuleFactory

pytestmark = pytest.mark.django_db

ANSWERS = ReportAnswers(
    location_kind=LocationKind.ONLINE,
    when_kind=WhenKind.ONGOING,
    description="Messages offering money to use teenagers' bank accounts",
)


def routed_to(receipt):
    return set(receipt.report.routings.values_list("agency__name", flat=True))


def test_a_rule_changed_by_a_coordinator_routes_the_next_report_at_once(
    django_capture_on_commit_callbacks,
):
    police = AgencyFactory(name="Police")
    council = AgencyFactory(name="Council")
    rule = RoutingRuleFactory(is_fallback=True, agencies=[police])
    assert routed_to(report_submit(answers=ANSWERS)) == {"Police"}

    with django_capture_on_commit_callbacks(execute=True):
        routing_rule_update(
            rule=rule,
            name=rule.name,
            threat=None,
            area_kind=rule.area_kind,
            area_codes=[],
            agencies=[council],
            is_fallback=True,
            by=None,
        )

    assert routed_to(report_submit(answers=ANSWERS)) == {"Council"}
