"""Checking the audit trail: every event intact, in order, and none missing."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from hedgerow.audit.chain import event_hash
from hedgerow.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from hedgerow.audit.services import HEAD_ID

OUT_OF_ORDER = (
    "expected event #{expected} here but found #{found}: "
    "events are missing or out of order"
)
UNLINKED = "it does not follow the event before it: an event was removed or reordered"
ALTERED = "its contents do not match its hash: it was altered"
TRUNCATED = (
    "the trail ends at event #{last} but event #{head} was recorded: "
    "events were removed from the end"
)
UNRECORDED = (
    "the chain head records event #{head} as the newest: "
    "later events were added directly to the database"
)
REPLACED = (
    "it is not the event the chain head recorded at this position: "
    "it, or events before it, were rewritten"
)
HEAD_MISSING = "the chain head (the record of the newest event) was deleted"


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification: how far it got and the first problem found."""

    checked: int
    head_hash: str
    broken_seq: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


class _Position(NamedTuple):
    """Where the chain head pointed: the newest event's seq and hash."""

    seq: int
    hash: str


def audit_chain_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the whole trail in order, stopping at the first event that does not fit.

    Safe while staff keep working: every event up to where the head pointed before
    the walk must be there, and every event walked must be covered by the head after.
    """
    before = _head_position() or _Position(0, GENESIS_HASH)
    expected_seq, prev_hash, checked, hash_at_before = 1, GENESIS_HASH, 0, GENESIS_HASH
    events = AuditEvent.objects.order_by("seq").values().iterator(chunk_size=chunk_size)
    for row in events:
        problem = _problem_with(row, expected_seq, prev_hash)
        if problem:
            return ChainReport(
                checked, prev_hash, broken_seq=row["seq"], problem=problem
            )
        expected_seq, prev_hash, checked = row["seq"] + 1, row["hash"], checked + 1
        if checked == before.seq:
            hash_at_before = prev_hash
    walked = _Position(checked, prev_hash)
    seq, problem = _head_break(before, hash_at_before, _head_position(), walked)
    intact_before = checked if seq is None else min(checked, seq - 1)
    return ChainReport(intact_before, prev_hash, broken_seq=seq, problem=problem)


def _problem_with(row: Mapping[str, Any], expected_seq: int, prev_hash: str) -> str:
    """Why this event does not belong where it is, or "" if it does."""
    if row["seq"] != expected_seq:
        return OUT_OF_ORDER.format(expected=expected_seq, found=row["seq"])
    if row["prev_hash"] != prev_hash:
        return UNLINKED
    if event_hash(row) != row["hash"]:
        return ALTERED
    return ""


def _head_position() -> _Position | None:
    """Where the chain head points now, or None if its row is gone."""
    head = AuditChainHead.objects.filter(pk=HEAD_ID).values_list("seq", "hash").first()
    return _Position(*head) if head else None


def _head_break(
    before: _Position, hash_at_before: str, after: _Position | None, walked: _Position
) -> tuple[int | None, str]:
    """The first event the chain head disagrees with, and why; (None, "") if none."""
    if after is None:
        # No head and no events is a fresh installation; events without one is not.
        return (1, HEAD_MISSING) if walked.seq else (None, "")
    if before.seq > walked.seq:
        return walked.seq + 1, TRUNCATED.format(last=walked.seq, head=before.seq)
    if before.seq and hash_at_before != before.hash:
        return before.seq, REPLACED
    if after.seq < walked.seq:
        return after.seq + 1, UNRECORDED.format(head=after.seq)
    if after == walked or after.seq > walked.seq:
        return None, ""
    return walked.seq, REPLACED
