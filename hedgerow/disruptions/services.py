"""Writing the disruption log and its menu of tactics; every write is audited.

Need-to-know holds here as well as in the forms: a disruption may be recorded only
against a group, subject or place the recorder may see, and changed only by staff
of the agency that recorded it or of the police (`selectors.can_edit`).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.disruptions import selectors
from hedgerow.disruptions.models import Disruption, Tactic
from hedgerow.networks.models import OrganisedCrimeGroup, Subject
from hedgerow.places.models import Place

FUTURE_DATE = _("The date of the disruption must be today or in the past")
NO_TARGET = _("Choose the group, subject or place the disruption was against")
RATIONALE_REQUIRED = _("Explain why you chose this impact")
TACTIC_RETIRED = _("That tactic has been retired: choose one on the menu")
NOT_VISIBLE = _("Choose one you can see")

# Fields of a disruption a person records or changes, in the order they are shown.
DISRUPTION_FIELDS = (
    "occurred_on",
    "agency",
    "tactic",
    "strand",
    "impact",
    "group",
    "subject",
    "place",
    "rationale",
    "evidence",
)


def _check_targets(
    *,
    user: Any,
    group: OrganisedCrimeGroup | None,
    subject: Subject | None,
    place: Place | None,
    current: Disruption | None,
) -> None:
    """Refuse a target the user may not see, unless the record already had it."""
    errors: dict[str, Any] = {}
    if group is None and subject is None and place is None:
        errors["group"] = NO_TARGET
    checks: tuple[tuple[str, Any, Any], ...] = (
        ("group", group, OrganisedCrimeGroup.objects.visible_to(user)),
        ("subject", subject, Subject.objects.visible_to(user)),
        ("place", place, Place.objects.visible_to(user)),
    )
    for name, target, visible in checks:
        if target is None:
            continue
        kept = current is not None and getattr(current, f"{name}_id") == target.pk
        if not kept and not visible.filter(pk=target.pk).exists():
            errors[name] = NOT_VISIBLE
    if errors:
        raise ValidationError(errors)


def _apply(
    disruption: Disruption,
    *,
    user: Any,
    fields: dict[str, Any],
    current: Disruption | None,
) -> None:
    """Check the fields and set them on `disruption`; ValidationError if wrong."""
    errors: dict[str, Any] = {}
    occurred_on: datetime.date = fields["occurred_on"]
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = FUTURE_DATE
    tactic: Tactic = fields["tactic"]
    if not tactic.is_active and (current is None or current.tactic_id != tactic.pk):
        errors["tactic"] = TACTIC_RETIRED
    rationale = (fields.get("rationale") or "").strip()
    if not rationale:
        errors["rationale"] = RATIONALE_REQUIRED
    try:
        _check_targets(
            user=user,
            group=fields.get("group"),
            subject=fields.get("subject"),
            place=fields.get("place"),
            current=current,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    disruption.occurred_on = occurred_on
    disruption.agency = fields["agency"]
    disruption.tactic = tactic
    disruption.strand = fields.get("strand") or tactic.usual_strand
    disruption.impact = fields["impact"]
    disruption.group = fields.get("group")
    disruption.subject = fields.get("subject")
    disruption.place = fields.get("place")
    disruption.rationale = rationale
    disruption.evidence = (fields.get("evidence") or "").strip()
    disruption.full_clean()


def _detail(disruption: Disruption) -> dict[str, Any]:
    """What the audit trail keeps of a disruption: ids and choices, no free text."""
    return {
        "occurred_on": disruption.occurred_on.isoformat(),
        "agency_id": disruption.agency_id,
        "tactic_id": disruption.tactic_id,
        "strand": disruption.strand,
        "impact": disruption.impact,
        "group_id": disruption.group_id,
        "subject_id": disruption.subject_id,
        "place_id": disruption.place_id,
    }


@transaction.atomic
def disruption_record(*, user: Any, **fields: Any) -> Disruption:
    """Record one agency's action; the strand defaults to the tactic's usual one."""
    disruption = Disruption(recorded_by=user, recording_agency=user.agency)
    _apply(disruption, user=user, fields=fields, current=None)
    disruption.save()
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=disruption,
        purpose="Disruption log: recording a disruption",
        detail=_detail(disruption),
    )
    return disruption


@transaction.atomic
def disruption_update(
    *, disruption: Disruption, user: Any, **fields: Any
) -> Disruption:
    """Change a disruption: for its recording agency or the police only."""
    if not selectors.can_edit(user=user, disruption=disruption):
        raise PermissionDenied
    # Changed on a fresh, locked copy: a refused change leaves the caller's intact.
    current = Disruption.objects.select_for_update().get(pk=disruption.pk)
    before = _detail(current)
    old_text = (current.rationale, current.evidence)
    # _apply checks everything against the record as it was before changing it.
    _apply(current, user=user, fields=fields, current=current)
    current.save()
    after = _detail(current)
    changed = sorted(name for name in after if before[name] != after[name])
    if old_text[0] != current.rationale:
        changed.append("rationale")
    if old_text[1] != current.evidence:
        changed.append("evidence")
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=current,
        purpose="Disruption log: correcting a disruption",
        detail={"changed": changed, "before": before, "after": after},
    )
    return current


@dataclass(frozen=True)
class DisruptionExport:
    """A recorded export: its number of rows and exactly those rows."""

    rows: int
    disruptions: QuerySet[Disruption]


@transaction.atomic
def disruption_export(
    *, user: Any, filters: selectors.DisruptionFilters, purpose: str
) -> DisruptionExport:
    """Record an export (who, why, which rows), then hand back those rows.

    Recorded before any row leaves. The rows are pinned to those that existed when
    the export was recorded, so the count in the trail is the count in the file.
    """
    disruptions = selectors.disruption_list(user=user, filters=filters)
    through_pk = disruptions.aggregate(newest=Max("pk"))["newest"] or 0
    disruptions = disruptions.filter(pk__lte=through_pk)
    rows = disruptions.count()
    audit_record(
        actor=user,
        action=Action.EXPORT,
        target_type="disruptions.disruption",
        purpose=purpose,
        detail={
            "format": "csv",
            "filters": filters.as_detail(),
            "rows": rows,
            "through_pk": through_pk,
        },
    )
    return DisruptionExport(rows=rows, disruptions=disruptions)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:55] or "tactic"
    slug, number = base, 1
    while Tactic.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def tactic_create(
    *,
    user: Any,
    name: str,
    usual_strand: str,
    description: str = "",
    legal_basis: str = "",
) -> Tactic:
    """Add a tactic to the menu; its short name is made from its name."""
    tactic = Tactic(
        name=name.strip(),
        slug=_unique_slug(name),
        usual_strand=usual_strand,
        description=description.strip(),
        legal_basis=legal_basis.strip(),
        created_by=user,
    )
    tactic.full_clean()
    tactic.save()
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=tactic,
        purpose="Disruption log: adding a tactic to the menu",
        detail={"name": tactic.name, "usual_strand": tactic.usual_strand},
    )
    return tactic


@transaction.atomic
def tactic_update(
    *,
    tactic: Tactic,
    user: Any,
    name: str,
    usual_strand: str,
    description: str = "",
    legal_basis: str = "",
    is_active: bool = True,
) -> Tactic:
    """Change a tactic, or retire it from the menu (`is_active=False`).

    A retired tactic stays on the disruptions already recorded with it; it is
    only no longer offered for new ones. Its short name never changes.
    """
    was_active = tactic.is_active
    tactic.name = name.strip()
    tactic.usual_strand = usual_strand
    tactic.description = description.strip()
    tactic.legal_basis = legal_basis.strip()
    tactic.is_active = is_active
    tactic.full_clean()
    tactic.save()
    detail: dict[str, Any] = {"name": tactic.name, "usual_strand": usual_strand}
    if was_active != is_active:
        detail["retired" if not is_active else "restored"] = True
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=tactic,
        purpose="Disruption log: changing the menu of tactics",
        detail=detail,
    )
    return tactic
