"""Second factors: authenticator apps (TOTP) and one-time recovery codes."""

import secrets
from base64 import b32encode

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.models import (
    RecoveryCode,
    RecoveryCodeDevice,
    User,
    hash_recovery_code,
)

RECOVERY_CODE_COUNT = 10


def totp_secret_base32(device: TOTPDevice) -> str:
    """The device's secret as people type it into an authenticator app."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for `user`, replacing any unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=False
    )


def _new_recovery_code() -> str:
    # 80 random bits as 16 base32 characters, grouped for reading aloud.
    raw = b32encode(secrets.token_bytes(10)).decode("ascii").lower()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@transaction.atomic
def recovery_codes_issue(*, user: User) -> list[str]:
    """Replace `user`'s recovery codes with fresh ones, returned to be shown once."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(
        user=user, name="Recovery codes", confirmed=True
    )
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=hash_recovery_code(code))
        for code in codes
    )
    return codes
