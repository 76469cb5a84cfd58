"""What sign-in writes to the audit trail, and how passwords are stored."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.settings import base
from hedgerow.accounts.services.invitations import invitation_issue
from hedgerow.accounts.services.mfa import recovery_codes_issue
from hedgerow.accounts.services.signin import UNKNOWN_ACCOUNT
from hedgerow.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from hedgerow.accounts.tests.signin_steps import (
    enter_code,
    enter_password,
    sign_in,
    totp_code,
    wrong_code,
)
from hedgerow.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def device():
    """A member of staff's confirmed authenticator app; the person is `device.user`."""
    return TOTPDeviceFactory()


def _events(action: Action):
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def test_signin_complete_records_sign_in_with_totp(client, device):
    sign_in(client, device.user, device)

    [event] = _events(Action.SIGN_IN)
    assert event.actor_id == device.user.pk
    assert event.detail == {"factor": "totp"}


def test_signin_complete_records_recovery_code_use(client, device):
    code = recovery_codes_issue(user=device.user)[0]
    enter_password(client, device.user)

    enter_code(client, code, recovery=True)

    [event] = _events(Action.SIGN_IN)
    assert event.detail == {"factor": "recovery_code"}


def test_signin_password_check_records_wrong_password_against_the_account(
    client, device
):
    enter_password(client, device.user, password="a-wrong-guess")

    [event] = _events(Action.FAILED_SIGN_IN)
    assert event.actor_id == device.user.pk
    assert event.detail == {"reason": "wrong_password"}


def test_signin_password_check_never_stores_an_unknown_email(client):
    typed = "someone.unknown@elsewhere.example"

    client.post(reverse("accounts:login"), {"email": typed, "password": "guess-one"})

    [event] = _events(Action.FAILED_SIGN_IN)
    assert event.actor_id is None
    assert event.actor_label == UNKNOWN_ACCOUNT
    stored = " ".join(
        str(value) for value in AuditEvent.objects.values().get(pk=event.pk).values()
    )
    assert "someone.unknown" not in stored


def test_signin_code_check_records_wrong_code(client, device):
    enter_password(client, device.user)

    enter_code(client, wrong_code(device))

    [event] = _events(Action.FAILED_SIGN_IN)
    assert event.actor_id == device.user.pk
    assert event.detail == {"reason": "wrong_code"}


def test_signin_password_check_records_deactivated_account(client, device):
    device.user.is_active, device.user.deactivated_at = False, timezone.now()
    device.user.save()

    enter_password(client, device.user)

    [event] = _events(Action.FAILED_SIGN_IN)
    assert event.detail == {"reason": "deactivated"}


def test_signin_password_check_records_lockout(client, device):
    for n in range(5):
        enter_password(client, device.user, password=f"guess-{n}")

    enter_password(client, device.user)

    events = _events(Action.FAILED_SIGN_IN)
    assert events[4].detail == {"reason": "wrong_password", "locked_out": True}
    assert events[5].detail == {"reason": "locked_out"}


def test_user_sign_out_records_sign_out(client, device):
    sign_in(client, device.user, device)

    client.post(reverse("accounts:logout"))

    [event] = _events(Action.SIGN_OUT)
    assert event.actor_id == device.user.pk
    assert event.detail == {"scope": "this_session"}


def test_user_sign_out_everywhere_records_scope(client, device):
    sign_in(client, device.user, device)

    client.post(reverse("accounts:sign_out_everywhere"))

    [event] = _events(Action.SIGN_OUT)
    assert event.detail == {"scope": "everywhere"}


def test_totp_device_confirm_records_new_authenticator(client):
    user = UserFactory()
    enter_password(client, user)
    client.get(reverse("accounts:setup_authenticator"))
    device = TOTPDevice.objects.get(user=user)

    client.post(reverse("accounts:setup_authenticator"), {"code": totp_code(device)})

    [event] = _events(Action.CREATE)
    assert (event.actor_id, event.target_id) == (user.pk, str(device.pk))
    assert event.detail["recovery_codes"] == 10


def test_invitation_accept_records_acceptance_and_stores_argon2_hash(client):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    link = reverse(
        "accounts:invitation_accept", args=[invitation_issue(user=user, by=None)]
    )
    password = "hawthorn-blackthorn-hazel"

    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        client.post(link, {"password": password, "password_confirm": password})

    user.refresh_from_db()
    [event] = _events(Action.UPDATE)
    assert event.detail == {"invitation": "accepted"}
    assert user.password.startswith("argon2")
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
