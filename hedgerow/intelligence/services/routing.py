"""Route a report to the agencies whose rules cover its threat and area."""

from django.db import transaction
from django.utils import timezone

from hedgerow.accounts.models import Agency
from hedgerow.intelligence.models import AreaKind, Report, Routing, RoutingRule


def rule_matches(rule: RoutingRule, report: Report) -> bool:
    """True when the rule covers the report's threat and area."""
    if rule.threat_id is not None and rule.threat_id != report.threat_id:
        return False
    if rule.area_kind == AreaKind.ANYWHERE:
        return True
    if report.lsoa is None:
        return False
    if rule.area_kind == AreaKind.LOCAL_AUTHORITY:
        return report.lsoa.local_authority_code in rule.area_codes
    return report.lsoa.code in rule.area_codes


@transaction.atomic
def report_route(*, report: Report) -> list[Agency]:
    """Put the report in the queue of every agency a matching rule names.

    When no rule matches, the fallback rules take it, so nothing goes unrouted
    while a fallback exists. Returns the agencies it was routed to.
    """
    rules = list(
        RoutingRule.objects.filter(is_active=True).prefetch_related("agencies")
    )
    matched = [r for r in rules if not r.is_fallback and rule_matches(r, report)]
    if not matched:
        matched = [r for r in rules if r.is_fallback]
    now = timezone.now()
    routed: dict[int, Agency] = {}
    for rule in matched:
        for agency in rule.agencies.all():
            if agency.pk in routed:
                continue
            Routing.objects.get_or_create(
                report=report,
                agency=agency,
                defaults={"rule": rule, "routed_at": now},
            )
            routed[agency.pk] = agency
    return list(routed.values())
