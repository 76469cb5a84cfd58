"""`hedgerow demo_code EMAIL`: the current authenticator code of a demo account."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.demo import DEMO_DOMAIN, DEMO_NOT_ALLOWED

NOT_A_DEMO_ACCOUNT = (
    f"Only demo accounts (ending @{DEMO_DOMAIN}) have codes anyone may see; "
    "a real person's code is on their own phone."
)
NO_DEMO_AUTHENTICATOR = (
    "There is no demo account with an authenticator for {email}. "
    "Run `hedgerow load_demo` first."
)


class Command(BaseCommand):
    """Print the six-digit code a demo account's authenticator app would show now."""

    help = (
        "Print the current sign-in code for a demo account (demo installations only)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help=f"a demo account, e.g. officer@{DEMO_DOMAIN}")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        if not settings.HEDGEROW_DEMO_ALLOWED:
            raise CommandError(DEMO_NOT_ALLOWED)
        if not email.strip().lower().endswith(f"@{DEMO_DOMAIN}"):
            raise CommandError(NOT_A_DEMO_ACCOUNT)
        device = TOTPDevice.objects.filter(
            user__email__iexact=email.strip(), confirmed=True
        ).first()
        if device is None:
            raise CommandError(NO_DEMO_AUTHENTICATOR.format(email=email))
        code = totp(
            device.bin_key, step=device.step, t0=device.t0, digits=device.digits
        )
        self.stdout.write(f"{code:0{device.digits}d}")
