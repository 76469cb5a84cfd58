"""Drafts of reports being written: answers kept server-side under a form token.

The token (256 random bits) travels only in a hidden form field: never in a URL or
a cookie. The database keeps only its SHA-256, so reading the database does not let
anyone resume someone else's draft. A draft expires after
HEDGEROW_REPORT_DRAFT_LIFETIME without use; `hedgerow purge_report_drafts` deletes
expired drafts, and an expired draft is deleted as soon as its token is seen.

Drafts are not audited: they are the reporter's unfinished words, belong to no one,
and an audit trail of each step would be a timeline of someone's keystrokes.
"""

import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hedgerow.intelligence.models import DraftPhoto, ReportDraft
from hedgerow.intelligence.models.reports import Channel
from hedgerow.intelligence.services.photos import CleanPhoto
from hedgerow.intelligence.services.submission import (
    Receipt,
    ReportAnswers,
    report_submit,
)

TOKEN_BYTES = 32
# Form tokens are token_urlsafe(32): 43 characters. Anything far longer is not ours.
TOKEN_MAX_LENGTH = 100
StepData = dict[str, Any]


def draft_token_digest(token: str) -> str:
    """The stored form of a draft token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _expiry() -> dict[str, Any]:
    now = timezone.now()
    return {
        "updated_at": now,
        "expires_at": now + settings.HEDGEROW_REPORT_DRAFT_LIFETIME,
    }


@transaction.atomic
def draft_create(*, answers: dict[str, Any] | None = None) -> tuple[ReportDraft, str]:
    """Start a draft; returns it with the token, the only time the token exists."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    draft = ReportDraft.objects.create(
        token_hash=draft_token_digest(token), answers=answers or {}, **_expiry()
    )
    return draft, token


def draft_get(token: str) -> ReportDraft | None:
    """The live draft for a token, its expiry pushed back; None if unknown or expired.

    An expired draft found this way is deleted at once, photos and all.
    """
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    draft = ReportDraft.objects.filter(token_hash=draft_token_digest(token)).first()
    if draft is None:
        return None
    if draft.expires_at <= timezone.now():
        draft.delete()
        return None
    ReportDraft.objects.filter(pk=draft.pk).update(**_expiry())
    return draft


@transaction.atomic
def draft_step_save(
    *,
    draft: ReportDraft,
    step: str,
    data: StepData,
    forget: Iterable[str] = (),
) -> ReportDraft:
    """Keep one step's answers, replacing what that step held before.

    `forget` names steps whose answers no longer apply (the signs of a threat the
    person has just changed).
    """
    answers = {k: v for k, v in draft.answers.items() if k not in set(forget)}
    draft.answers = {**answers, step: data}
    for field, value in _expiry().items():
        setattr(draft, field, value)
    draft.save(update_fields=["answers", "updated_at", "expires_at"])
    return draft


@transaction.atomic
def draft_flag_set(*, draft: ReportDraft, flag: str, value: bool = True) -> ReportDraft:
    """Note something about the journey, such as having reached the check page."""
    return draft_step_save(draft=draft, step=flag, data={"value": value})


@transaction.atomic
def draft_photo_add(*, draft: ReportDraft, photo: CleanPhoto) -> DraftPhoto:
    """Keep a photo that photo_sanitise already re-encoded without metadata."""
    order = draft.photos.count()
    return DraftPhoto.objects.create(
        draft=draft,
        content=photo.content,
        content_type=photo.content_type,
        width=photo.width,
        height=photo.height,
        order=order,
    )


@transaction.atomic
def draft_photo_remove(*, draft: ReportDraft, photo_id: int) -> bool:
    """Delete one of the draft's photos; False when it has no such photo."""
    deleted, _detail = DraftPhoto.objects.filter(draft=draft, pk=photo_id).delete()
    return bool(deleted)


@transaction.atomic
def draft_delete(*, draft: ReportDraft) -> None:
    """Forget a draft and its photos (after submission, or a honeypot hit)."""
    ReportDraft.objects.filter(pk=draft.pk).delete()


@transaction.atomic
def draft_submit(*, draft: ReportDraft, answers: ReportAnswers) -> Receipt:
    """Submit the draft's report with its photos and delete the draft, all or nothing.

    If anything fails the report, its photos and routing roll back and the draft
    stays, so the person can try again.
    """
    photos = [
        CleanPhoto(
            content=bytes(photo.content),
            width=photo.width,
            height=photo.height,
            content_type=photo.content_type,
        )
        for photo in draft.photos.all()
    ]
    receipt = report_submit(answers=answers, photos=photos, channel=Channel.WEB)
    draft_delete(draft=draft)
    return receipt


@transaction.atomic
def drafts_purge_expired() -> int:
    """Delete every expired draft with its photos; returns how many drafts went."""
    expired = ReportDraft.objects.filter(expires_at__lte=timezone.now())
    _total, per_model = expired.delete()
    return int(per_model.get(ReportDraft._meta.label, 0))
