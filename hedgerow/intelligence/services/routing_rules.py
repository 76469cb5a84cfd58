"""Coordinators' routing rules: adding, changing and deactivating them, each audited."""

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency, User, validate_local_authority_code
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.caches import clears
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import AreaKind, RoutingRule, Threat
from hedgerow.intelligence.services.routing import ROUTING_RULES

LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
INVALID_LSOA_CODE = _(
    "“%(code)s” is not an LSOA code. Codes look like E01011229 "
    "(E01 in England, W01 in Wales, then 6 digits)."
)
UNKNOWN_LSOA_CODE = _("“%(code)s” is not an LSOA in the geography loaded here.")
AREA_CODES_REQUIRED = _("Enter at least one area code")
AREA_CODES_NOT_ALLOWED = _("Leave the area codes empty for a rule that covers anywhere")
FALLBACK_MUST_COVER_EVERYTHING = _(
    "A fallback rule must cover any threat, anywhere: it takes the reports no "
    "other rule matches"
)
AGENCIES_REQUIRED = _("Choose at least one agency")


def area_codes_parse(text: str) -> list[str]:
    """Split codes typed in one box (commas, spaces or new lines) into a list."""
    return [code for code in re.split(r"[\s,;]+", text) if code]


def area_codes_clean(area_kind: str, codes: Iterable[str]) -> list[str]:
    """Uppercase, de-duplicate and validate codes for the kind of area.

    LSOA codes must also exist when any LSOAs are loaded: a typo would otherwise
    make a rule that silently matches nothing.
    """
    cleaned = list(dict.fromkeys(c.strip().upper() for c in codes if c.strip()))
    if area_kind == AreaKind.ANYWHERE:
        if cleaned:
            raise ValidationError(AREA_CODES_NOT_ALLOWED)
        return []
    if not cleaned:
        raise ValidationError(AREA_CODES_REQUIRED)
    check = (
        validate_local_authority_code
        if area_kind == AreaKind.LOCAL_AUTHORITY
        else _validate_lsoa_code
    )
    errors = []
    for code in cleaned:
        try:
            check(code)
        except ValidationError as error:
            errors.append(error)
    if not errors and area_kind == AreaKind.LSOA:
        errors = _unknown_lsoas(cleaned)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _validate_lsoa_code(code: str) -> None:
    if not LSOA_CODE.match(code):
        raise ValidationError(INVALID_LSOA_CODE, params={"code": code})


def _unknown_lsoas(codes: list[str]) -> list[ValidationError]:
    if not Lsoa.objects.exists():
        return []
    known = set(Lsoa.objects.filter(code__in=codes).values_list("code", flat=True))
    return [
        ValidationError(UNKNOWN_LSOA_CODE, params={"code": code})
        for code in codes
        if code not in known
    ]


def _rule_check(
    *,
    threat: Threat | None,
    area_kind: str,
    area_codes: Iterable[str],
    agencies: Iterable[Agency],
    is_fallback: bool,
) -> tuple[list[str], list[Agency]]:
    codes = area_codes_clean(area_kind, area_codes)
    chosen = sorted(set(agencies), key=lambda agency: agency.name)
    if not chosen:
        raise ValidationError(AGENCIES_REQUIRED)
    if is_fallback and (threat is not None or area_kind != AreaKind.ANYWHERE):
        raise ValidationError(FALLBACK_MUST_COVER_EVERYTHING)
    return codes, chosen


def _snapshot(rule: RoutingRule) -> dict[str, Any]:
    return {
        "name": rule.name,
        "threat": rule.threat.slug if rule.threat else None,
        "area_kind": rule.area_kind,
        "area_codes": list(rule.area_codes),
        "agencies": sorted(agency.name for agency in rule.agencies.all()),
        "is_fallback": rule.is_fallback,
        "is_active": rule.is_active,
    }


@clears(ROUTING_RULES)
@transaction.atomic
def routing_rule_create(
    *,
    name: str,
    threat: Threat | None,
    area_kind: str,
    area_codes: Iterable[str],
    agencies: Iterable[Agency],
    is_fallback: bool = False,
    by: User | None,
) -> RoutingRule:
    """Add a routing rule; audited with everything it says."""
    codes, chosen = _rule_check(
        threat=threat,
        area_kind=area_kind,
        area_codes=area_codes,
        agencies=agencies,
        is_fallback=is_fallback,
    )
    rule = RoutingRule.objects.create(
        name=name.strip(),
        threat=threat,
        area_kind=area_kind,
        area_codes=codes,
        is_fallback=is_fallback,
    )
    rule.agencies.set(chosen)
    changes = {key: [None, value] for key, value in _snapshot(rule).items()}
    audit_record(
        actor=by, action=Action.CREATE, target=rule, detail={"changes": changes}
    )
    return rule


@clears(ROUTING_RULES)
@transaction.atomic
def routing_rule_update(
    *,
    rule: RoutingRule,
    name: str,
    threat: Threat | None,
    area_kind: str,
    area_codes: Iterable[str],
    agencies: Iterable[Agency],
    is_fallback: bool = False,
    by: User | None,
) -> RoutingRule:
    """Change a rule; audits each changed part, old and new. Past routings stay."""
    codes, chosen = _rule_check(
        threat=threat,
        area_kind=area_kind,
        area_codes=area_codes,
        agencies=agencies,
        is_fallback=is_fallback,
    )
    before = _snapshot(rule)
    rule.name = name.strip()
    rule.threat = threat
    rule.area_kind = area_kind
    rule.area_codes = codes
    rule.is_fallback = is_fallback
    rule.save()
    rule.agencies.set(chosen)
    after = _snapshot(rule)
    changes = {
        key: [before[key], value]
        for key, value in after.items()
        if before[key] != value
    }
    if changes:
        audit_record(
            actor=by, action=Action.UPDATE, target=rule, detail={"changes": changes}
        )
    return rule


@clears(ROUTING_RULES)
@transaction.atomic
def routing_rule_deactivate(
    *, rule: RoutingRule, by: User | None, reason: str
) -> RoutingRule:
    """Stop a rule routing new reports; those it already routed stay where they are."""
    if not rule.is_active:
        return rule
    rule.is_active = False
    rule.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=rule,
        purpose=reason,
        detail={"changes": {"is_active": [True, False]}},
    )
    return rule


@clears(ROUTING_RULES)
@transaction.atomic
def routing_rule_reactivate(*, rule: RoutingRule, by: User | None) -> RoutingRule:
    """Let a deactivated rule route new reports again."""
    if rule.is_active:
        return rule
    rule.is_active = True
    rule.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=rule,
        detail={"changes": {"is_active": [False, True]}},
    )
    return rule
