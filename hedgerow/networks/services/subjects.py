"""Recording subjects and links, and sharing a subject's details with an agency.

Views check permissions; these services trust that, record the acting person's
agency as owner, validate everything before writing and audit every change.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.networks.ftm import international_phone
from hedgerow.networks.models import Link, Subject, SubjectShare

PURPOSE_REQUIRED = _("Say why the details are being shared")
ALREADY_SHARED = _("These details are already shared with that agency")
OWN_AGENCY = _("The subject is already recorded by that agency")

SUBJECT_FIELDS = (
    "kind",
    "name",
    "aliases",
    "date_of_birth",
    "nationality",
    "vulnerabilities",
    "company_number",
    "sector",
    "registration",
    "vehicle_model",
    "phone_number",
    "account_number",
    "sort_code",
    "bank_name",
    "place",
    "notes",
)


def _clean_subject(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned = {key: fields[key] for key in SUBJECT_FIELDS if key in fields}
    for key, value in cleaned.items():
        if isinstance(value, str):
            cleaned[key] = value.strip()
    cleaned["aliases"] = [a.strip() for a in cleaned.get("aliases") or [] if a.strip()]
    cleaned["nationality"] = (cleaned.get("nationality") or "").lower()
    if cleaned.get("phone_number"):
        # Stored in international form when it is a real number, so the same phone
        # recorded by two agencies matches, and FtM exports carry it.
        cleaned["phone_number"] = (
            international_phone(cleaned["phone_number"]) or cleaned["phone_number"]
        )
    for key in ("registration", "sort_code"):
        if cleaned.get(key):
            cleaned[key] = cleaned[key].upper().replace(" ", "")
    return cleaned


@transaction.atomic
def subject_create(*, user: Any, **fields: Any) -> Subject:
    """Record a subject for the user's agency."""
    subject = Subject(**_clean_subject(fields), agency=user.agency, created_by=user)
    subject.full_clean(exclude=["created_by", "merged_into"])
    subject.save()
    audit_record(
        actor=user, action=Action.CREATE, target=subject, detail={"kind": subject.kind}
    )
    return subject


@transaction.atomic
def subject_update(*, subject: Subject, user: Any, **fields: Any) -> Subject:
    """Change a subject's details, recording which fields changed (not their values)."""
    cleaned = _clean_subject(fields)
    changed = [key for key, value in cleaned.items() if getattr(subject, key) != value]
    for key, value in cleaned.items():
        setattr(subject, key, value)
    subject.full_clean(exclude=["created_by", "merged_into"])
    subject.save()
    audit_record(
        actor=user, action=Action.UPDATE, target=subject, detail={"fields": changed}
    )
    return subject


@transaction.atomic
def subject_share(
    *, subject: Subject, agency: Any, user: Any, purpose: str
) -> SubjectShare:
    """Disclose a subject's details to another agency, with the purpose, audited."""
    purpose = purpose.strip()
    if not purpose:
        raise ValidationError({"purpose": PURPOSE_REQUIRED})
    if agency.pk == subject.agency_id:
        raise ValidationError({"agency": OWN_AGENCY})
    if SubjectShare.objects.filter(subject=subject, agency=agency).exists():
        raise ValidationError({"agency": ALREADY_SHARED})
    share = SubjectShare.objects.create(
        subject=subject, agency=agency, purpose=purpose, shared_by=user
    )
    audit_record(
        actor=user,
        action=Action.DISCLOSE,
        target=subject,
        purpose=purpose,
        recipient=agency.name,
        detail={"agency_id": agency.pk},
    )
    return share


LINK_FIELDS = (
    "kind",
    "start_date",
    "end_date",
    "information_source",
    "source_evaluation",
    "intelligence_assessment",
    "handling_code",
    "handling_conditions",
)


@transaction.atomic
def link_create(*, user: Any, source: Subject, target: Subject, **fields: Any) -> Link:
    """Record a graded link between two subjects the user may see."""
    values = {key: fields.get(key) for key in LINK_FIELDS}
    for key in ("information_source", "handling_conditions"):
        values[key] = (values[key] or "").strip()
    link = Link(
        source=source, target=target, agency=user.agency, created_by=user, **values
    )
    link.full_clean(exclude=["created_by"])
    link.save()
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=link,
        detail={
            "kind": link.kind,
            "source_id": source.pk,
            "target_id": target.pk,
            "grading": link.grading,
        },
    )
    return link
