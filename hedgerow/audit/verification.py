"""Checking the audit trail: every event intact, in order, and none missing."""

from dataclasses import dataclass

from hedgerow.audit.chain import event_hash
from hedgerow.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from hedgerow.audit.services import HEAD_ID


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


def audit_chain_verify(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the whole trail in order, stopping at the first event that does not fit."""
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    events = AuditEvent.objects.order_by("seq").values().iterator(chunk_size=chunk_size)
    for row in events:
        problem = _problem_with(row, expected_seq, prev_hash)
        if problem:
            return ChainReport(checked, prev_hash, broken_seq=row["seq"], problem=problem)
        expected_seq, prev_hash, checked = row["seq"] + 1, row["hash"], checked + 1
    return _check_head(checked, prev_hash)


def _problem_with(row: dict[str, object], expected_seq: int, prev_hash: str) -> str:
    """Why this event does not belong where it is, or "" if it does."""
    if row["seq"] != expected_seq:
        return f"expected event #{expected_seq} here but found #{row['seq']}: events are missing"
    if row["prev_hash"] != prev_hash:
        return "it does not follow the event before it: an event was removed or reordered"
    if event_hash(row) != row["hash"]:
        return "its contents do not match its hash: it was altered"
    return ""


def _check_head(checked: int, last_hash: str) -> ChainReport:
    """The newest event must be the one the chain head recorded."""
    head = AuditChainHead.objects.filter(pk=HEAD_ID).first()
    head_seq = head.seq if head else 0
    if head_seq == checked and (head is None or head.hash == last_hash):
        return ChainReport(checked, last_hash)
    return ChainReport(
        checked,
        last_hash,
        broken_seq=checked + 1,
        problem=(
            f"the trail ends at event #{checked} but event #{head_seq} was recorded: "
            "events were removed from the end"
        ),
    )
