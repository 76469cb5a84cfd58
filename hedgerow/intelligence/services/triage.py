"""What an officer does to a report in triage; every change and every read is audited.

The agencies a report was routed to share one triage record (status, grade,
assignee, place, outcome). Callers have already checked that the report is
visible to `by` (the views answer 404 otherwise); these services check what
depends on the other things named: the officer, the place, the original report.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.intelligence.models import (
    Message,
    MessageKind,
    Outcome,
    Report,
    Status,
)
from hedgerow.intelligence.selectors.triage import (
    place_visible_list,
    triage_officer_list,
)
from hedgerow.places.models import Place
from hedgerow.places.services import place_find_or_create

TRIAGE_PURPOSE = "triage"
REPORT_CLOSED = _("This report is closed. Reopen it first")
REPORT_NOT_CLOSED = _("This report is not closed")
OFFICER_NOT_ALLOWED = _("Choose an officer of your agency who can triage reports")
PLACE_NOT_VISIBLE = _("Choose a place your agency can see")
DUPLICATE_NOT_FOUND = _(
    "There is no report with that reference among those your agency can see"
)
DUPLICATE_OF_ITSELF = _("A report cannot be a duplicate of itself")
DUPLICATE_CYCLE = _(
    "That report is already a duplicate of this one. Choose the original report"
)
DUPLICATE_NEEDS_ORIGINAL = _("Mark the report as a duplicate to close it as one")


def _locked(report: Report) -> Report:
    """The report's row, locked so two officers' changes happen one after the other."""
    locked: Report = Report.objects.select_for_update().get(pk=report.pk)
    return locked


def _check_open(report: Report) -> None:
    if report.status == Status.CLOSED:
        raise ValidationError(REPORT_CLOSED)


def _apply(report: Report, by: User, values: dict[str, Any], purpose: str = "") -> None:
    """Set fields, save, and audit each change with its old and new value."""
    changes = {}
    for field, value in values.items():
        old = getattr(report, field)
        if old != value:
            changes[field] = [old, value]
            setattr(report, field, value)
    if not changes:
        return
    report.save(update_fields=list(changes))
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=report,
        purpose=purpose or TRIAGE_PURPOSE,
        detail={"changes": changes},
    )


def report_view_record(
    *, report: Report, by: User, purpose: str = TRIAGE_PURPOSE, part: str = ""
) -> None:
    """Record that a member of staff read the report (or one part, such as a photo)."""
    audit_record(
        actor=by,
        action=Action.VIEW,
        target=report,
        purpose=purpose,
        detail={"part": part} if part else None,
    )


def report_queue_search_record(
    *, by: User, filters: dict[str, Any], page: int, results: int
) -> None:
    """Record a look at the queue: which filters, which page, how many matched."""
    audit_record(
        actor=by,
        action=Action.SEARCH,
        target_type="intelligence.report",
        purpose=TRIAGE_PURPOSE,
        detail={"filters": filters, "page": page, "results": results},
    )


@transaction.atomic
def report_grade(
    *, report: Report, by: User, priority: str, risk: str, risk_to_life: bool
) -> Report:
    """Grade the report; the first grading moves it from new to in progress."""
    report = _locked(report)
    _check_open(report)
    values: dict[str, Any] = {
        "priority": priority,
        "risk": risk,
        "risk_to_life": risk_to_life,
        "status": Status.IN_PROGRESS,
    }
    if report.triaged_at is None:
        values["triaged_at"] = timezone.now()
    _apply(report, by, values)
    return report


@transaction.atomic
def report_assign(*, report: Report, by: User, officer: User | None) -> Report:
    """Give the report to an officer of `by`'s agency, or to nobody."""
    report = _locked(report)
    _check_open(report)
    if officer is not None and not triage_officer_list(by).filter(pk=officer.pk):
        raise ValidationError(OFFICER_NOT_ALLOWED)
    _apply(report, by, {"assigned_to_id": officer.pk if officer else None})
    return report


@transaction.atomic
def report_place_link(*, report: Report, place: Place, by: User) -> Report:
    """Link the report to a place in the register that `by` can see."""
    if not place_visible_list(by).filter(pk=place.pk).exists():
        raise ValidationError(PLACE_NOT_VISIBLE)
    report = _locked(report)
    _apply(report, by, {"place_id": place.pk})
    return report


@transaction.atomic
def report_place_link_new(
    *,
    report: Report,
    by: User,
    address: str,
    postcode: str,
    kind: str,
    latitude: float | None,
    longitude: float | None,
    name: str = "",
    uprn: str = "",
) -> Place:
    """Link the report to the matching place, creating it if the register lacks it."""
    place = place_find_or_create(
        user=by,
        address=address,
        postcode=postcode,
        kind=kind,
        latitude=latitude,
        longitude=longitude,
        name=name,
        uprn=uprn,
    )
    report_place_link(report=report, place=place, by=by)
    return place


@transaction.atomic
def report_mark_duplicate(
    *, report: Report, by: User, original_reference: str, note: str = ""
) -> Report:
    """Close the report as a duplicate of another the agency can see.

    The reporter's reference and secret still work: follow-up finds this report,
    and what they add is read here, beside the link to the original.
    """
    report = _locked(report)
    _check_open(report)
    original = (
        Report.objects.visible_to(by).filter(reference=original_reference).first()
    )
    if original is None:
        raise ValidationError(DUPLICATE_NOT_FOUND)
    if original.pk == report.pk:
        raise ValidationError(DUPLICATE_OF_ITSELF)
    if _leads_to(original, report):
        raise ValidationError(DUPLICATE_CYCLE)
    values = {
        "duplicate_of_id": original.pk,
        "status": Status.CLOSED,
        "outcome": Outcome.DUPLICATE,
        "outcome_note": note,
        "closed_at": timezone.now(),
    }
    _apply(report, by, values)
    return report


def _leads_to(start: Report, target: Report) -> bool:
    """True when following `duplicate_of` from `start` reaches `target`."""
    seen: set[int] = set()
    current: int | None = start.duplicate_of_id
    while current is not None and current not in seen:
        if current == target.pk:
            return True
        seen.add(current)
        current = (
            Report.objects.filter(pk=current)
            .values_list("duplicate_of_id", flat=True)
            .first()
        )
    return False


def _message_add(*, report: Report, by: User, kind: str, text: str) -> Message:
    message = Message.objects.create(
        report=report,
        kind=kind,
        text=text.strip(),
        author=by,
        agency_id=by.agency_id,
        created_at=timezone.now(),
    )
    audit_record(
        actor=by,
        action=Action.CREATE,
        target=message,
        purpose=TRIAGE_PURPOSE,
        detail={"report": report.reference, "kind": kind},
    )
    return message


@transaction.atomic
def report_question_ask(*, report: Report, by: User, text: str) -> Message:
    """Ask the reporter a question; they see it, and answer, through follow-up."""
    return _message_add(report=report, by=by, kind=MessageKind.QUESTION, text=text)


@transaction.atomic
def report_note_add(*, report: Report, by: User, text: str) -> Message:
    """Add an internal note for the agencies the report was routed to."""
    return _message_add(report=report, by=by, kind=MessageKind.NOTE, text=text)


@transaction.atomic
def report_close(*, report: Report, by: User, outcome: str, note: str = "") -> Report:
    """Close the report with what came of it."""
    report = _locked(report)
    _check_open(report)
    if outcome == Outcome.DUPLICATE and report.duplicate_of_id is None:
        raise ValidationError(DUPLICATE_NEEDS_ORIGINAL)
    values = {
        "status": Status.CLOSED,
        "outcome": outcome,
        "outcome_note": note,
        "closed_at": timezone.now(),
    }
    _apply(report, by, values)
    return report


@transaction.atomic
def report_reopen(*, report: Report, by: User, reason: str) -> Report:
    """Open a closed report again (no longer a duplicate, if it was one)."""
    report = _locked(report)
    if report.status != Status.CLOSED:
        raise ValidationError(REPORT_NOT_CLOSED)
    values = {
        "status": Status.IN_PROGRESS if report.triaged_at else Status.NEW,
        "outcome": "",
        "outcome_note": "",
        "closed_at": None,
        "duplicate_of_id": None,
    }
    _apply(report, by, values, purpose=reason)
    return report
