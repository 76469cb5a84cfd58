"""Partner agencies: adding them and changing their details, each change audited."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import (
    Agency,
    AgencyArea,
    AgencyKind,
    User,
    validate_local_authority_code,
)
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record

AGENCY_NAME_TAKEN = _(
    "There is already an agency called “%(name)s”. Choose a different name, "
    "or change that agency instead."
)


def local_authority_codes_clean(codes: Iterable[str]) -> list[str]:
    """Uppercase, de-duplicate (keeping order) and validate ONS local authority codes.

    The ValidationError names every code that is not a local authority code.
    """
    cleaned = list(
        dict.fromkeys(code.strip().upper() for code in codes if code.strip())
    )
    errors = []
    for code in cleaned:
        try:
            validate_local_authority_code(code)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def agency_create(
    *,
    name: str,
    kind: AgencyKind | str,
    contact_email: str = "",
    local_authority_codes: Iterable[str] = (),
    by: User | None,
) -> Agency:
    """Add a partner agency and the areas it covers; audited with its details."""
    codes = local_authority_codes_clean(local_authority_codes)
    name = name.strip()
    _name_check_free(name, agency=None)
    agency = Agency.objects.create(name=name, kind=kind, contact_email=contact_email)
    _areas_set(agency, codes)
    changes = {field: [None, value] for field, value in _snapshot(agency).items()}
    audit_record(
        actor=by, action=Action.CREATE, target=agency, detail={"changes": changes}
    )
    return agency


@transaction.atomic
def agency_update(
    *,
    agency: Agency,
    name: str,
    kind: AgencyKind | str,
    contact_email: str = "",
    local_authority_codes: Iterable[str] = (),
    by: User | None,
) -> Agency:
    """Change an agency's details and areas; audits each changed field, old and new."""
    codes = local_authority_codes_clean(local_authority_codes)
    name = name.strip()
    _name_check_free(name, agency=agency)
    before = _snapshot(agency)
    agency.name, agency.kind, agency.contact_email = name, kind, contact_email
    agency.save()
    _areas_set(agency, codes)
    after = _snapshot(agency)
    changes = {f: [before[f], after[f]] for f in after if before[f] != after[f]}
    if changes:
        audit_record(
            actor=by, action=Action.UPDATE, target=agency, detail={"changes": changes}
        )
    return agency


def _name_check_free(name: str, *, agency: Agency | None) -> None:
    """Agency names are unique, ignoring case, so people can tell agencies apart."""
    others = Agency.objects.filter(name__iexact=name)
    if agency is not None:
        others = others.exclude(pk=agency.pk)
    if others.exists():
        error = ValidationError(AGENCY_NAME_TAKEN, params={"name": name})
        raise ValidationError({"name": error})


def _areas_set(agency: Agency, codes: list[str]) -> None:
    """Make the agency's areas exactly `codes`."""
    agency.areas.exclude(local_authority_code__in=codes).delete()
    existing = set(agency.areas.values_list("local_authority_code", flat=True))
    AgencyArea.objects.bulk_create(
        AgencyArea(agency=agency, local_authority_code=code)
        for code in codes
        if code not in existing
    )


def _snapshot(agency: Agency) -> dict[str, Any]:
    """The agency's details as the audit trail records them."""
    return {
        "name": agency.name,
        "kind": str(agency.kind),
        "contact_email": agency.contact_email,
        "local_authority_codes": sorted(
            agency.areas.values_list("local_authority_code", flat=True)
        ),
    }
