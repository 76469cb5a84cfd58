"""Share a sanitised copy of a report with another agency, recorded as a disclosure.

The copy never carries the reporter's contact details or messages. Email
addresses, phone numbers and web addresses are taken out of the text before the
officer reviews it, and `report_share` refuses a copy that still contains any,
or any of the reporter's own contact details, whatever the officer typed.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency, User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.intelligence.models import (
    LawfulBasis,
    Report,
    ReportPhoto,
    SharedReport,
)
from hedgerow.intelligence.models.reports import LocationKind, WhenKind
from hedgerow.intelligence.services.submission import receipt_code

REMOVED = "[removed]"
SHARED_PREFIX = "SH-"
SHARE_TO_OWN_AGENCY = _("Choose another agency: your agency already has the report")
SHARE_TO_ROUTED_AGENCY = _("That agency already has this report")
PURPOSE_REQUIRED = _("Enter the purpose of sharing")
PHOTO_NOT_IN_REPORT = _("Choose only photos from this report")
STILL_IDENTIFIES = _(
    "The %(part)s still contains contact details (an email address, phone number, "
    "web address or the reporter’s details). Remove them before sharing"
)

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# UK numbers written any common way: +44 7700 900123, 07700-900-123, (0113) 496 0000.
PHONE = re.compile(r"(?:\+|\b)(?:\d[\s().-]{0,2}){9,13}\d\b")


@dataclass(frozen=True)
class Redacted:
    """Text with contact details replaced, and what was taken out."""

    text: str
    removed: list[str] = field(default_factory=list)


def redact(text: str, extra: Iterable[str] = ()) -> Redacted:
    """Replace emails, web addresses, phone numbers and `extra` strings by [removed]."""
    removed: list[str] = []

    def cut(match: re.Match[str]) -> str:
        removed.append(match.group(0).strip())
        return REMOVED

    for literal in sorted({e.strip() for e in extra if e.strip()}, key=len)[::-1]:
        # Whole words only: a reporter called "Al" must not blank out "always".
        words = rf"(?<!\w){re.escape(literal)}(?!\w)"
        text = re.sub(words, cut, text, flags=re.IGNORECASE)
    for pattern in (EMAIL, URL, PHONE):
        text = pattern.sub(cut, text)
    return Redacted(text=text, removed=removed)


def _reporter_details(report: Report) -> list[str]:
    """The reporter's own contact details, which must never reach another agency."""
    return [report.contact_name, report.contact_email, report.contact_phone]


def when_text(report: Report) -> str:
    """When it happened, in words (in the sharing officer's language)."""

    def day(value: date | None) -> str:
        return formats.date_format(value, "j F Y") if value else ""

    if report.when_kind == WhenKind.DATE and report.occurred_on:
        return gettext("On %(date)s") % {"date": day(report.occurred_on)}
    if report.when_kind == WhenKind.RANGE and report.occurred_on:
        return gettext("Between %(start)s and %(end)s") % {
            "start": day(report.occurred_on),
            "end": day(report.occurred_until) or gettext("an unknown date"),
        }
    if report.when_kind == WhenKind.ONGOING:
        return gettext("Still happening when reported on %(date)s") % {
            "date": day(timezone.localdate(report.submitted_at))
        }
    return gettext("Not known (reported on %(date)s)") % {
        "date": day(timezone.localdate(report.submitted_at))
    }


@dataclass(frozen=True)
class SanitisedDraft:
    """The copy as first proposed to the officer, and what was taken out of it."""

    location: str
    when: str
    summary: str
    removed: list[str]


def sanitised_draft(report: Report) -> SanitisedDraft:
    """Propose a copy: location and description without contact details."""
    extra = _reporter_details(report)
    if report.location_kind == LocationKind.ONLINE:
        location = Redacted(text=gettext("Online"))
    else:
        place = ", ".join(
            part for part in (report.location_description, report.postcode) if part
        )
        location = redact(place, extra)
    summary = redact(report.description, extra)
    return SanitisedDraft(
        location=location.text,
        when=when_text(report),
        summary=summary.text,
        removed=list(dict.fromkeys(location.removed + summary.removed)),
    )


def identifying_parts(
    report: Report, *, location: str, when: str, summary: str
) -> list[str]:
    """Which parts of a proposed copy still contain contact details."""
    extra = _reporter_details(report)
    parts = {
        gettext("location"): location,
        gettext("date or time"): when,
        gettext("summary"): summary,
    }
    return [name for name, text in parts.items() if redact(text, extra).removed]


def share_target_agencies(report: Report, by: User) -> list[Agency]:
    """Agencies a copy can go to: neither the sharer's nor any that has the report."""
    routed = set(report.routings.values_list("agency_id", flat=True))
    return [
        agency
        for agency in Agency.objects.exclude(pk=by.agency_id).order_by("name")
        if agency.pk not in routed
    ]


def _check(
    report: Report, by: User, to_agency: Agency, purpose: str, texts: dict[str, str]
) -> None:
    if to_agency.pk == by.agency_id:
        raise ValidationError(SHARE_TO_OWN_AGENCY)
    if report.routings.filter(agency=to_agency).exists():
        raise ValidationError(SHARE_TO_ROUTED_AGENCY)
    if not purpose.strip():
        raise ValidationError(PURPOSE_REQUIRED)
    leaks = identifying_parts(report, **texts)
    if leaks:
        raise ValidationError(
            [ValidationError(STILL_IDENTIFIES, params={"part": p}) for p in leaks]
        )


def report_share(
    *,
    report: Report,
    by: User,
    to_agency: Agency,
    purpose: str,
    lawful_basis: LawfulBasis | str,
    location: str,
    when: str,
    summary: str,
    photo_ids: Iterable[int] = (),
) -> SharedReport:
    """Disclose a sanitised copy to another agency; recorded as a disclosure."""
    texts = {"location": location.strip(), "when": when.strip(), "summary": summary}
    _check(report, by, to_agency, purpose, texts)
    photos = list(report.photos.filter(pk__in=list(photo_ids)))
    if len(photos) != len(set(photo_ids)):
        raise ValidationError(PHOTO_NOT_IN_REPORT)
    for _attempt in range(5):
        # Random, not derived from the report's reference: the copy must not lead
        # anyone back to the reporter's receipt.
        reference = SHARED_PREFIX + receipt_code(8)
        try:
            return _store(
                report=report,
                by=by,
                to_agency=to_agency,
                purpose=purpose,
                lawful_basis=lawful_basis,
                texts=texts,
                photos=photos,
                reference=reference,
            )
        except IntegrityError:
            if SharedReport.objects.filter(reference=reference).exists():
                continue
            raise
    raise RuntimeError("Could not draw a unique shared reference")  # pragma: no cover


@transaction.atomic
def _store(
    *,
    report: Report,
    by: User,
    to_agency: Agency,
    purpose: str,
    lawful_basis: str,
    texts: dict[str, str],
    photos: list[ReportPhoto],
    reference: str,
) -> SharedReport:
    shared = SharedReport.objects.create(
        report=report,
        from_agency_id=by.agency_id,
        to_agency=to_agency,
        shared_by=by,
        shared_at=timezone.now(),
        purpose=purpose.strip(),
        lawful_basis=lawful_basis,
        threat=report.threat,
        lsoa=report.lsoa,
        reference=reference,
        **texts,
    )
    shared.photos.set(photos)
    audit_record(
        actor=by,
        action=Action.DISCLOSE,
        target=report,
        purpose=purpose.strip(),
        recipient=to_agency.name,
        detail={
            "lawful_basis": str(lawful_basis),
            "shared_reference": reference,
            "photos": len(photos),
        },
    )
    return shared
