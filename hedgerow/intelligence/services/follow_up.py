"""Follow-up by the reporter: with the reference and secret, and nothing else.

The reporter stays anonymous: what they add is written with no author, and the
audit trail names them only as "Member of the public (anonymous)". Their look at
the status page is not audited: it would record when someone checked on a report
and adds nothing a partner needs.
"""

import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.intelligence.models import Message, MessageKind, Report, ReportPhoto
from hedgerow.intelligence.services.photos import CleanPhoto
from hedgerow.intelligence.services.submission import (
    PUBLIC_ACTOR,
    REFERENCE_CHARACTERS,
    normalise_receipt_code,
    secret_digest,
)

REFERENCE_PREFIX = "HR"
# A digest to compare against when the reference is unknown, so a wrong reference
# takes as long to refuse as a wrong secret.
_NO_SUCH_DIGEST = "0" * 64


def normalise_reference(value: str) -> str:
    """ "hr-ab12 cd34", "AB12CD34" or "HR-AB12-CD34" all become "HR-AB12-CD34"."""
    compact = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    if len(compact) == REFERENCE_CHARACTERS + len(REFERENCE_PREFIX):
        compact = compact.removeprefix(REFERENCE_PREFIX)
    return f"{REFERENCE_PREFIX}-{normalise_receipt_code(compact)}"


def report_for_receipt(*, reference: str, secret: str) -> Report | None:
    """The report whose reference and secret both match; None otherwise.

    Never says which of the two was wrong.
    """
    report = Report.objects.filter(reference=normalise_reference(reference)).first()
    expected = report.secret_hash if report else _NO_SUCH_DIGEST
    matches = hmac.compare_digest(expected, secret_digest(secret))
    return report if report is not None and matches else None


@dataclass(frozen=True)
class QuestionForReporter:
    """A partner's question and whether the reporter has answered it yet."""

    question: Message
    answered: bool


def questions_for_reporter(report: Report) -> list[QuestionForReporter]:
    """The questions partners asked the reporter, oldest first."""
    questions = report.messages.filter(kind=MessageKind.QUESTION).prefetch_related(
        "replies"
    )
    return [
        QuestionForReporter(
            question=question,
            answered=any(
                reply.kind == MessageKind.ANSWER for reply in question.replies.all()
            ),
        )
        for question in questions
    ]


@transaction.atomic
def report_follow_up_add(
    *, report: Report, text: str, photos: Sequence[CleanPhoto] = ()
) -> Message:
    """The reporter adds information and photos to their report, all or nothing."""
    now = timezone.now()
    message = Message.objects.create(
        report=report, kind=MessageKind.REPORTER_UPDATE, text=text, created_at=now
    )
    ReportPhoto.objects.bulk_create(
        ReportPhoto(
            report=report,
            message=message,
            content=photo.content,
            content_type=photo.content_type,
            width=photo.width,
            height=photo.height,
            added_at=now,
        )
        for photo in photos
    )
    audit_record(
        actor=None,
        actor_label=PUBLIC_ACTOR,
        action=Action.UPDATE,
        target=report,
        detail={
            "added": "reporter_update",
            "message": message.pk,
            "photos": len(photos),
        },
    )
    return message


@transaction.atomic
def question_answer(*, question: Message, text: str) -> Message:
    """The reporter answers a partner's question."""
    if question.kind != MessageKind.QUESTION:
        raise ValueError("Only a question can be answered")
    answer = Message.objects.create(
        report=question.report,
        kind=MessageKind.ANSWER,
        text=text,
        in_reply_to=question,
        created_at=timezone.now(),
    )
    audit_record(
        actor=None,
        actor_label=PUBLIC_ACTOR,
        action=Action.UPDATE,
        target=question.report,
        detail={"added": "answer", "message": answer.pk, "in_reply_to": question.pk},
    )
    return answer
