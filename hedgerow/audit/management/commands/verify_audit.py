"""`hedgerow verify_audit`: exit 0 if the audit chain is intact, 1 naming the first break."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from hedgerow.audit.verification import audit_chain_verify


class Command(BaseCommand):
    """Verify every audit event's hash and its link to the event before it."""

    help = "Verify the audit trail's hash chain; exits non-zero at the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.intact:
            raise CommandError(
                f"Audit trail broken at event #{report.broken_seq}: {report.problem}. "
                f"{report.checked} events before it are intact."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.checked} events verified. "
                f"Newest hash: {report.head_hash}"
            )
        )
