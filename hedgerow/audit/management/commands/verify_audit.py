"""`hedgerow verify_audit`: exit 0 if the chain is intact, 1 naming the first break."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hedgerow.audit.verification import audit_chain_verify

INTACT = "Audit trail intact: {checked} events verified. Newest hash: {head_hash}"
BROKEN = (
    "Audit trail broken at event #{seq}: {problem}. "
    "{checked} events before it are intact."
)


class Command(BaseCommand):
    """Verify every audit event's hash and its link to the event before it."""

    help = (
        "Verify the audit trail's hash chain; exits non-zero at the first broken event."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.intact:
            raise CommandError(
                BROKEN.format(
                    seq=report.broken_seq,
                    problem=report.problem,
                    checked=report.checked,
                )
            )
        message = INTACT.format(checked=report.checked, head_hash=report.head_hash)
        self.stdout.write(self.style.SUCCESS(message))
