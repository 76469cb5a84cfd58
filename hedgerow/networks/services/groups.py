"""Recording organised crime groups: members, panel seats and harm assessments."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.networks import scoring
from hedgerow.networks.models import (
    HarmAssessment,
    Membership,
    OrganisedCrimeGroup,
    PanelSeat,
    ScoringMatrix,
    Subject,
)

ALREADY_MEMBER = _("This subject is already a member of the group")
ALREADY_SEATED = _("That agency already sits on the panel")
LEAD_STAYS = _("The lead agency always sits on the panel")
RATIONALE_REQUIRED = _("Explain the scores: what is known, and how well")
NO_MATRIX = _("No scoring matrix is in use: a coordinator must choose one")
FUTURE_DATE = _("The assessment date cannot be in the future")


@transaction.atomic
def group_create(
    *,
    user: Any,
    name: str,
    status: str,
    summary: str = "",
    lead_agency: Any,
    threats: Any = (),
    lsoas: Any = (),
    local_authority_codes: list[str] | None = None,
) -> OrganisedCrimeGroup:
    """Record a group; the lead agency and the recorder's agency join its panel."""
    group = OrganisedCrimeGroup(
        name=name.strip(),
        status=status,
        summary=summary.strip(),
        lead_agency=lead_agency,
        local_authority_codes=sorted(set(local_authority_codes or [])),
        created_by=user,
    )
    group.full_clean(exclude=["created_by"])
    group.save()
    group.threats.set(threats)
    group.lsoas.set(lsoas)
    for agency in {lead_agency, user.agency}:
        PanelSeat.objects.create(group=group, agency=agency, added_by=user)
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=group,
        detail={"lead_agency_id": lead_agency.pk, "status": status},
    )
    return group


@transaction.atomic
def group_member_add(
    *,
    group: OrganisedCrimeGroup,
    subject: Subject,
    role: str,
    user: Any,
    since: datetime.date | None = None,
) -> Membership:
    if Membership.objects.filter(group=group, subject=subject).exists():
        raise ValidationError({"subject": ALREADY_MEMBER})
    membership = Membership(
        group=group, subject=subject, role=role, since=since, added_by=user
    )
    membership.full_clean(exclude=["added_by"])
    membership.save()
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=group,
        detail={"member_added": subject.pk, "role": role},
    )
    return membership


@transaction.atomic
def panel_seat_add(*, group: OrganisedCrimeGroup, agency: Any, user: Any) -> PanelSeat:
    """Seat an agency on the panel: from now on it may see the group."""
    if PanelSeat.objects.filter(group=group, agency=agency).exists():
        raise ValidationError({"agency": ALREADY_SEATED})
    seat = PanelSeat.objects.create(group=group, agency=agency, added_by=user)
    audit_record(
        actor=user,
        action=Action.PERMISSION_CHANGE,
        target=group,
        recipient=agency.name,
        detail={"panel_seat_added": agency.pk},
    )
    return seat


@transaction.atomic
def panel_seat_remove(*, seat: PanelSeat, user: Any) -> None:
    if seat.agency_id == seat.group.lead_agency_id:
        raise ValidationError(LEAD_STAYS)
    audit_record(
        actor=user,
        action=Action.PERMISSION_CHANGE,
        target=seat.group,
        recipient=seat.agency.name,
        detail={"panel_seat_removed": seat.agency_id},
    )
    seat.delete()


@transaction.atomic
def group_assess(
    *,
    group: OrganisedCrimeGroup,
    user: Any,
    assessed_on: datetime.date,
    harm_scores: dict[str, int],
    likelihood: str,
    confidence: str,
    organisational_position: str,
    rationale: str,
) -> HarmAssessment:
    """Score the group on the matrix in use; the assessment joins its history."""
    matrix = ScoringMatrix.objects.filter(is_current=True).first()
    if matrix is None:
        raise ValidationError(NO_MATRIX)
    definition = matrix.definition
    errors: dict[str, Any] = {}
    if not rationale.strip():
        errors["rationale"] = RATIONALE_REQUIRED
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = FUTURE_DATE
    for part, value in (
        ("confidence", confidence),
        ("organisational_position", organisational_position),
    ):
        if value not in {entry["slug"] for entry in definition[part]}:
            errors[part] = _("Choose one of the matrix’s options")
    try:
        result = scoring.score(definition, harm_scores, likelihood)
    except ValidationError as error:
        errors["harm_scores"] = error.messages
    if errors:
        raise ValidationError(errors)
    assessment = HarmAssessment.objects.create(
        group=group,
        matrix=matrix,
        matrix_definition=definition,
        assessed_on=assessed_on,
        harm_scores=harm_scores,
        likelihood=likelihood,
        confidence=confidence,
        organisational_position=organisational_position,
        harm_total=result.harm_total,
        risk_score=result.risk_score,
        band=result.band,
        rationale=rationale.strip(),
        assessed_by=user,
    )
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=group,
        detail={
            "assessment": assessment.pk,
            "band": result.band,
            "risk": result.risk_score,
        },
    )
    return assessment


# Added for the group edit page (views/groups.py).
def group_update(*, group: Any, user: Any, **fields: Any) -> Any:
    """Change a group's details; the lead agency keeps a panel seat."""
    with transaction.atomic():
        threats, lsoas = fields.pop("threats"), fields.pop("lsoas")
        for key, value in fields.items():
            setattr(group, key, value.strip() if isinstance(value, str) else value)
        group.full_clean(exclude=["created_by"])
        group.save()
        group.threats.set(threats)
        group.lsoas.set(lsoas)
        PanelSeat.objects.get_or_create(
            group=group, agency=group.lead_agency, defaults={"added_by": user}
        )
        audit_record(
            actor=user,
            action=Action.UPDATE,
            target=group,
            detail={"fields": sorted(fields)},
        )
    return group


@transaction.atomic
def group_member_remove(*, membership: Membership, user: Any) -> None:
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=membership.group,
        detail={"member_removed": membership.subject_id},
    )
    membership.delete()
