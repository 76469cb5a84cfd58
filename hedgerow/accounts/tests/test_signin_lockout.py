"""Five wrong passwords or codes lock an account for 15 minutes (django-axes)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from hedgerow.accounts.tests.factories import TOTPDeviceFactory
from hedgerow.accounts.tests.signin_steps import (
    enter_code,
    enter_password,
    shows,
    sign_in,
    totp_code,
    wrong_code,
)
from hedgerow.accounts.views.signin import LOCKED_OUT, THROTTLED, WRONG_CODE
from hedgerow.core.permissions import is_fully_signed_in

pytestmark = pytest.mark.django_db

LOCKED_MESSAGE = LOCKED_OUT % {"minutes": 15}


@pytest.fixture
def device():
    """A member of staff's confirmed authenticator app; the person is `device.user`."""
    return TOTPDeviceFactory()


def _wrong_passwords(client, user, times: int):
    return [enter_password(client, user, password=f"guess-{n}") for n in range(times)]


def test_login_four_wrong_passwords_do_not_lock(client, device):
    _wrong_passwords(client, device.user, 4)

    response = enter_password(client, device.user)

    assert response.url == reverse("accounts:login_code")


def test_login_fifth_wrong_password_locks_with_clear_message(client, device):
    responses = _wrong_passwords(client, device.user, 5)

    assert responses[-1].status_code == 429
    assert shows(responses[-1], LOCKED_MESSAGE)


def test_login_right_password_refused_while_locked(client, device):
    _wrong_passwords(client, device.user, 5)

    response = enter_password(client, device.user)

    assert response.status_code == 429
    assert shows(response, LOCKED_MESSAGE)
    assert client.get(reverse("accounts:login_code")).status_code == 302


def test_login_lockout_counts_email_in_any_case(client, device):
    for n in range(5):
        client.post(
            reverse("accounts:login"),
            {"email": device.user.email.upper(), "password": f"guess-{n}"},
        )

    response = enter_password(client, device.user)

    assert response.status_code == 429


def test_login_lockout_of_one_account_leaves_others_alone(client, device):
    _wrong_passwords(client, TOTPDeviceFactory().user, 5)

    response = enter_password(client, device.user)

    assert response.url == reverse("accounts:login_code")


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_login_code_five_wrong_codes_lock_the_account(client, device):
    enter_password(client, device.user)
    responses = [enter_code(client, wrong_code(device)) for _ in range(5)]

    retry = enter_password(client, device.user)

    assert shows(responses[0], WRONG_CODE)
    assert responses[-1].status_code == 429
    assert shows(responses[-1], LOCKED_MESSAGE)
    assert retry.status_code == 429


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_login_code_right_code_refused_once_locked(client, device):
    enter_password(client, device.user)
    for _ in range(5):
        enter_code(client, wrong_code(device))

    response = enter_code(client, totp_code(device))

    assert not is_fully_signed_in(response.wsgi_request.user)
    assert client.get(reverse("core:dashboard")).status_code == 302


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_login_wrong_passwords_and_codes_share_one_limit(client, device):
    _wrong_passwords(client, device.user, 3)
    enter_password(client, device.user)
    enter_code(client, wrong_code(device))

    response = enter_code(client, wrong_code(device))

    assert response.status_code == 429


def test_login_success_resets_the_count(client, device):
    _wrong_passwords(client, device.user, 4)
    sign_in(client, device.user, device)
    client.post(reverse("accounts:logout"))

    responses = _wrong_passwords(client, device.user, 4)

    assert all(response.status_code == 200 for response in responses)


def test_login_code_tried_again_at_once_is_throttled(client, device):
    enter_password(client, device.user)
    enter_code(client, wrong_code(device))

    response = enter_code(client, totp_code(device))

    assert shows(response, THROTTLED)
    assert not is_fully_signed_in(response.wsgi_request.user)
