"""Route a report to the agencies whose rules cover its threat and area.

A report that no rule and no fallback rule covers is routed to nobody, but it is
not lost: it waits in the coordinators' "Unrouted reports" list until one of them
routes it by hand (`report_route_manually`).
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency, User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.caches import TimedCache
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import AreaKind, Report, Routing, RoutingRule

NO_AGENCY_CHOSEN = _("Choose at least one agency to send the report to")
ALREADY_ROUTED = _("This report has already been routed")


def rule_covers(rule: RoutingRule, *, threat_id: int | None, lsoa: Lsoa | None) -> bool:
    """True when the rule covers a report about `threat_id` located in `lsoa`."""
    if rule.threat_id is not None and rule.threat_id != threat_id:
        return False
    if rule.area_kind == AreaKind.ANYWHERE:
        return True
    if lsoa is None:
        return False
    if rule.area_kind == AreaKind.LOCAL_AUTHORITY:
        return lsoa.local_authority_code in rule.area_codes
    return lsoa.code in rule.area_codes


def rule_matches(rule: RoutingRule, report: Report) -> bool:
    """True when the rule covers the report's threat and area."""
    return rule_covers(rule, threat_id=report.threat_id, lsoa=report.lsoa)


# Cleared by signals when rules change (hedgerow.intelligence.apps).
ROUTING_RULES = TimedCache(seconds=10)


def _active_rules() -> list[RoutingRule]:
    return list(RoutingRule.objects.filter(is_active=True).prefetch_related("agencies"))


def rules_for(*, threat_id: int | None, lsoa: Lsoa | None) -> list[RoutingRule]:
    """The active rules that would route a report: matching ones, else fallbacks."""
    rules: list[RoutingRule] = ROUTING_RULES.get("active", _active_rules)
    matched = [
        rule
        for rule in rules
        if not rule.is_fallback and rule_covers(rule, threat_id=threat_id, lsoa=lsoa)
    ]
    return matched or [rule for rule in rules if rule.is_fallback]


def agencies_for(
    *, threat_id: int | None, lsoa: Lsoa | None
) -> list[tuple[Agency, RoutingRule]]:
    """Each agency a report would reach, with the first rule that sends it there."""
    reached: dict[int, tuple[Agency, RoutingRule]] = {}
    for rule in rules_for(threat_id=threat_id, lsoa=lsoa):
        for agency in rule.agencies.all():
            reached.setdefault(agency.pk, (agency, rule))
    return sorted(reached.values(), key=lambda pair: pair[0].name)


@transaction.atomic(savepoint=False)  # part of the submission: all of it or none
def report_route(*, report: Report) -> list[Agency]:
    """Put the report in the queue of every agency a matching rule names.

    When no rule matches, the fallback rules take it. When there is no fallback
    either, it is routed to nobody and appears in the coordinators' unrouted list.
    Returns the agencies it was routed to.
    """
    now = timezone.now()
    pairs = agencies_for(threat_id=report.threat_id, lsoa=report.lsoa)
    # One INSERT for every agency; an agency it already reached is left as it was.
    Routing.objects.bulk_create(
        [
            Routing(report=report, agency=agency, rule=rule, routed_at=now)
            for agency, rule in pairs
        ],
        ignore_conflicts=True,
    )
    return [agency for agency, _rule in pairs]


@transaction.atomic
def report_route_manually(
    *, report: Report, agencies: Iterable[Agency], by: User, reason: str = ""
) -> list[Agency]:
    """A coordinator sends an unrouted report to the agencies they choose; audited."""
    chosen: Sequence[Agency] = sorted(set(agencies), key=lambda agency: agency.name)
    if not chosen:
        raise ValidationError(NO_AGENCY_CHOSEN)
    # Lock the report so two coordinators routing it at once cannot both succeed.
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.routings.exists():
        raise ValidationError(ALREADY_ROUTED)
    now = timezone.now()
    Routing.objects.bulk_create(
        Routing(report=locked, agency=agency, rule=None, routed_at=now)
        for agency in chosen
    )
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=locked,
        purpose=reason,
        detail={"routed_by_hand_to": [agency.name for agency in chosen]},
    )
    return list(chosen)
