"""Steps a person takes to sign in, for the sign-in tests to share."""

import time

from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.models import User
from hedgerow.accounts.tests.factories import TEST_PASSWORD


def totp_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the authenticator app shows now (or `steps_ahead` 30-second steps later)."""
    generator = TOTP(device.bin_key, step=device.step, digits=device.digits)
    generator.time += device.step * steps_ahead
    return f"{generator.token():06d}"


def next_code(device: TOTPDevice) -> str:
    """The code the device accepts next: what the app shows now, or the next one if
    this one was used. A code typed just after a step boundary makes django-otp shift
    the device's drift back a step; then the next unused step can lie beyond the
    window the device accepts, and a person (or this) waits for the app's next code.
    """
    device.refresh_from_db()
    while True:
        elapsed = time.time() - device.t0
        expected = int(elapsed // device.step) + device.drift
        counter = max(expected, device.last_t + 1)
        if counter <= expected + device.tolerance:
            return f"{hotp(device.bin_key, counter, device.digits):0{device.digits}d}"
        time.sleep(device.step - elapsed % device.step + 0.05)


def wrong_code(device: TOTPDevice) -> str:
    """A 6-digit code the device will not accept at any nearby time step."""
    nearby = {totp_code(device, steps) for steps in (-2, -1, 0, 1, 2)}
    return next(code for code in ("000000", "111111", "222222") if code not in nearby)


def enter_password(
    client: Client, user: User, password: str = TEST_PASSWORD, next_url: str = ""
):
    """Step 1: the sign-in form."""
    data = {"email": user.email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def enter_code(client: Client, code: str, recovery: bool = False):
    """Step 2: the code page (the recovery-code version when `recovery`)."""
    url = reverse("accounts:login_code") + ("?method=recovery" if recovery else "")
    return client.post(url, {"code": code})


def sign_in(client: Client, user: User, device: TOTPDevice):
    """Both steps with the right password and the device's next code; returns the
    final response."""
    enter_password(client, user)
    return enter_code(client, next_code(device))


def shows(response, message) -> bool:
    """True when the page shows `message` (maybe a lazy constant) as people read it."""
    return escape(str(message)) in response.content.decode()
