"""Issuing one-time voting codes in printable batches, and voiding a batch."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import Phase, Round, VotingCode, VotingCodeBatch
from hedgerow.budgeting.services.secrets import code_hash, code_new

MAX_BATCH = 2000
BATCH_TOO_LARGE = _("A batch can hold at most %(max)s codes; issue more batches.")
EXPIRY_PAST = _("The codes must expire in the future.")
ROUND_OVER = _("Codes can only be issued before the results are counted.")


@dataclass(frozen=True)
class IssuedBatch:
    """A new batch and its codes: the only time the codes themselves exist."""

    batch: VotingCodeBatch
    codes: list[str]


@transaction.atomic
def codes_issue(
    *,
    round: Round,
    by: User,
    label: str,
    channel: str,
    size: int,
    expires_at: datetime,
) -> IssuedBatch:
    """Make `size` fresh codes; only their keyed hashes are stored."""
    if round.phase in (Phase.RESULTS, Phase.DELIVERY):
        raise ValidationError(ROUND_OVER)
    if not 1 <= size <= MAX_BATCH:
        raise ValidationError(BATCH_TOO_LARGE, params={"max": MAX_BATCH})
    if expires_at <= timezone.now():
        raise ValidationError(EXPIRY_PAST)
    batch = VotingCodeBatch.objects.create(
        round=round,
        label=label,
        channel=channel,
        size=size,
        expires_at=expires_at,
        created_at=timezone.now(),
        created_by=by,
    )
    codes = _unique_codes(size)
    VotingCode.objects.bulk_create(
        [VotingCode(batch=batch, round=round, code_hash=code_hash(c)) for c in codes]
    )
    audit_record(
        actor=by,
        action=Action.CREATE,
        target=batch,
        purpose="Participatory budgeting: issuing voting codes",
        detail={"round": round.slug, "size": size, "channel": channel},
    )
    return IssuedBatch(batch, codes)


def _unique_codes(size: int) -> list[str]:
    """Fresh codes, none already issued in any round (a clash is ~2^-49 a time)."""
    codes: set[str] = set()
    while len(codes) < size:
        wanted = {code_new() for _ in range(size - len(codes))} - codes
        taken = set(
            VotingCode.objects.filter(
                code_hash__in=[code_hash(c) for c in wanted]
            ).values_list("code_hash", flat=True)
        )
        codes |= {c for c in wanted if code_hash(c) not in taken}
    return sorted(codes)


@transaction.atomic
def codes_void(*, batch: VotingCodeBatch, by: User) -> int:
    """Stop every unused code in a batch (lost or stolen sheets); returns how many."""
    batch = VotingCodeBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.voided_at is None:
        batch.voided_at = timezone.now()
        batch.save(update_fields=["voided_at"])
    unused = batch.codes.filter(used_on__isnull=True).count()
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=batch,
        purpose="Participatory budgeting: voiding a batch of voting codes",
        detail={"unused": unused},
    )
    return unused
