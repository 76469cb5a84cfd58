"""Take in a finished report: stored whole, routed, and given its receipt."""

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.geography.selectors import lsoa_at
from hedgerow.intelligence.models import (
    Report,
    ReportPhoto,
    Threat,
    WarningSign,
)
from hedgerow.intelligence.models.reports import Channel, LocationKind
from hedgerow.intelligence.services.photos import CleanPhoto
from hedgerow.intelligence.services.routing import report_route

# Crockford's base 32 without I, L, O and U: nothing to misread when copying it out.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_CHARACTERS = 8  # 40 bits: unique, short enough to read out on the phone
SECRET_CHARACTERS = 28  # 140 bits, comfortably over the 128 the receipt needs
PUBLIC_ACTOR = "Member of the public (anonymous)"


@dataclass(frozen=True)
class ReportAnswers:
    """Everything a reporter may tell us, already validated by the form or API."""

    location_kind: str
    when_kind: str
    description: str
    threat: Threat | None = None
    signs: Sequence[WarningSign] = field(default_factory=tuple)
    location_description: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None
    occurred_on: date | None = None
    occurred_until: date | None = None
    contact_consent: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    language: str = "en"


@dataclass(frozen=True)
class Receipt:
    """What the reporter takes away: the only time the secret is ever shown."""

    report: Report
    reference: str
    secret: str


def receipt_code(length: int) -> str:
    """A random code in the receipt alphabet, grouped in fours for reading."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(length))
    return "-".join(raw[i : i + 4] for i in range(0, length, 4))


def normalise_receipt_code(value: str) -> str:
    """Accept what people type: any case, spaces or dashes, O for 0, I or L for 1."""
    cleaned = "".join(ch for ch in value.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def secret_digest(secret: str) -> str:
    """The stored form of a follow-up secret (140 random bits need no slow hash)."""
    return hashlib.sha256(normalise_receipt_code(secret).encode()).hexdigest()


def report_submit(
    *,
    answers: ReportAnswers,
    photos: Sequence[CleanPhoto] = (),
    channel: str = Channel.WEB,
) -> Receipt:
    """Store the report and its photos in one transaction, route it, and audit it.

    Either everything is stored or, on any error, nothing is.
    """
    secret = receipt_code(SECRET_CHARACTERS)
    for _attempt in range(5):
        reference = "HR-" + receipt_code(REFERENCE_CHARACTERS)
        try:
            report = _store(answers, photos, channel, reference, secret)
        except IntegrityError:
            if Report.objects.filter(reference=reference).exists():
                continue  # a reference clash (about 1 in 10^12): draw another
            raise
        return Receipt(report=report, reference=reference, secret=secret)
    raise RuntimeError("Could not draw a unique report reference")  # pragma: no cover


@transaction.atomic
def _store(
    answers: ReportAnswers,
    photos: Sequence[CleanPhoto],
    channel: str,
    reference: str,
    secret: str,
) -> Report:
    now = timezone.now()
    is_place = answers.location_kind == LocationKind.PLACE
    has_point = (
        is_place and answers.latitude is not None and answers.longitude is not None
    )
    consent = answers.contact_consent
    report = Report.objects.create(
        reference=reference,
        secret_hash=secret_digest(secret),
        channel=channel,
        language=answers.language,
        submitted_at=now,
        threat=answers.threat,
        location_kind=answers.location_kind,
        location_description=answers.location_description if is_place else "",
        postcode=answers.postcode if is_place else "",
        latitude=answers.latitude if has_point else None,
        longitude=answers.longitude if has_point else None,
        lsoa=(
            lsoa_at(longitude=answers.longitude, latitude=answers.latitude)
            if has_point
            and answers.longitude is not None
            and answers.latitude is not None
            else None
        ),
        when_kind=answers.when_kind,
        occurred_on=answers.occurred_on,
        occurred_until=answers.occurred_until,
        description=answers.description,
        contact_consent=consent,
        contact_name=answers.contact_name if consent else "",
        contact_phone=answers.contact_phone if consent else "",
        contact_email=answers.contact_email if consent else "",
    )
    if answers.signs:
        # One INSERT; the report is new, so there is nothing to compare against.
        Report.signs.through.objects.bulk_create(
            Report.signs.through(report=report, warningsign=sign)
            for sign in dict.fromkeys(answers.signs)
        )
    ReportPhoto.objects.bulk_create(
        ReportPhoto(
            report=report,
            content=photo.content,
            content_type=photo.content_type,
            width=photo.width,
            height=photo.height,
            added_at=now,
        )
        for photo in photos
    )
    agencies = report_route(report=report)
    # Last, so the audit chain's head is locked only for the moment before commit.
    audit_record(
        actor=None,
        actor_label=PUBLIC_ACTOR,
        action=Action.CREATE,
        target=report,
        detail={
            "channel": channel,
            "photos": len(photos),
            "routed_to": sorted(agency.name for agency in agencies),
        },
    )
    return report
