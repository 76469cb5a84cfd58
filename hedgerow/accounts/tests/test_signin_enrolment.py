"""First sign-in without an authenticator: add one, save recovery codes, then in."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.forms.signin import CODE_FORMAT
from hedgerow.accounts.models import RecoveryCode
from hedgerow.accounts.services.mfa import totp_secret_base32
from hedgerow.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from hedgerow.accounts.tests.signin_steps import (
    enter_password,
    shows,
    totp_code,
    wrong_code,
)
from hedgerow.accounts.views.signin import SETUP_WRONG_CODE
from hedgerow.core.permissions import is_fully_signed_in

pytestmark = pytest.mark.django_db

SETUP_URL = reverse("accounts:setup_authenticator")


@pytest.fixture
def newcomer(client):
    """Someone with a password but no authenticator, who has just given the password."""
    user = UserFactory()
    enter_password(client, user)
    return user


def _new_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_login_without_authenticator_goes_to_setup(client):
    user = UserFactory()

    response = enter_password(client, user)

    assert response.url == SETUP_URL


def test_setup_authenticator_shows_qr_code_and_key(client, newcomer):
    response = client.get(SETUP_URL)

    text = response.content.decode()
    secret = totp_secret_base32(_new_device(newcomer))
    assert "<svg" in text
    assert 'data-testid="totp-secret"' in text
    assert secret[:4] in text
    assert secret[-4:] in text
    assert "no-store" in response["Cache-Control"]


def test_setup_authenticator_reload_keeps_the_same_key(client, newcomer):
    client.get(SETUP_URL)
    first = _new_device(newcomer).key

    client.get(SETUP_URL)

    assert _new_device(newcomer).key == first


def test_setup_authenticator_right_code_confirms_and_shows_ten_codes(client, newcomer):
    client.get(SETUP_URL)
    device = _new_device(newcomer)

    response = client.post(SETUP_URL, {"code": totp_code(device)})

    device.refresh_from_db()
    codes = re.findall(
        r"<li>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</li>", response.content.decode()
    )
    assert device.confirmed
    assert len(set(codes)) == 10
    assert RecoveryCode.objects.filter(device__user=newcomer).count() == 10
    assert not is_fully_signed_in(response.wsgi_request.user)


def test_setup_authenticator_continue_after_codes_signs_in(client, newcomer):
    client.get(SETUP_URL)
    client.post(SETUP_URL, {"code": totp_code(_new_device(newcomer))})

    response = client.post(reverse("accounts:recovery_codes"))

    assert response.url == reverse("core:dashboard")
    assert is_fully_signed_in(client.get(response.url).wsgi_request.user)


def test_setup_authenticator_wrong_code_is_refused(client, newcomer):
    client.get(SETUP_URL)
    device = _new_device(newcomer)

    response = client.post(SETUP_URL, {"code": wrong_code(device)})

    device.refresh_from_db()
    assert shows(response, SETUP_WRONG_CODE)
    assert not device.confirmed


def test_setup_authenticator_code_must_be_six_digits(client, newcomer):
    client.get(SETUP_URL)

    response = client.post(SETUP_URL, {"code": "12345"})

    assert shows(response, CODE_FORMAT)


def test_recovery_codes_continue_before_setup_does_not_sign_in(client, newcomer):
    response = client.post(reverse("accounts:recovery_codes"))

    assert response.url == reverse("accounts:login_code")
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_setup_authenticator_refused_to_someone_who_has_one(client):
    device = TOTPDeviceFactory()
    enter_password(client, device.user)

    response = client.get(SETUP_URL)

    assert response.url == reverse("accounts:login_code")
    assert TOTPDevice.objects.filter(user=device.user).count() == 1


def test_setup_authenticator_without_password_step_goes_to_login(client):
    response = client.get(SETUP_URL)

    assert response.url == reverse("accounts:login")
