"""Your account page: details, new recovery codes and changing your password."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from hedgerow.accounts.forms.signin import CURRENT_PASSWORD_WRONG, PASSWORDS_DIFFER
from hedgerow.accounts.models import RecoveryCodeDevice
from hedgerow.accounts.services.mfa import recovery_codes_issue
from hedgerow.accounts.tests.factories import TEST_PASSWORD, TOTPDeviceFactory
from hedgerow.accounts.tests.signin_steps import shows, sign_in
from hedgerow.accounts.views.account import PASSWORD_CHANGED
from hedgerow.accounts.views.signin import LOCKED_OUT
from hedgerow.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")
PASSWORD_CHANGE = reverse("accounts:password_change")
NEW_PASSWORD = "rowan-elder-spindle-holly"


def _change(client, current=TEST_PASSWORD, new=NEW_PASSWORD, confirm=None):
    data = {
        "current_password": current,
        "password": new,
        "password_confirm": confirm or new,
    }
    return client.post(PASSWORD_CHANGE, data)


def test_account_shows_name_email_agency_role_and_codes_left(staff_client):
    client = staff_client()
    recovery_codes_issue(user=client.user)

    response = client.get(ACCOUNT)

    for shown in (client.user.full_name, client.user.email, client.user.agency.name):
        assert shows(response, shown)
    assert shows(response, client.user.get_role_display())
    assert reverse("partnership:role_list") in response.content.decode()
    assert "10 unused recovery codes" in response.content.decode()


def test_account_needs_sign_in(client):
    response = client.get(ACCOUNT)

    assert response.url.startswith(reverse("accounts:login"))


def test_recovery_codes_regenerate_shows_new_codes_and_old_stop_working(staff_client):
    client = staff_client()
    old = recovery_codes_issue(user=client.user)

    response = client.post(reverse("accounts:recovery_codes_regenerate"))

    new = re.findall(r"<li>([a-z2-7-]{19})</li>", response.content.decode())
    device = RecoveryCodeDevice.objects.get(user=client.user)
    assert len(new) == 10
    assert not set(new) & set(old)
    assert not device.verify_token(old[0])
    assert device.verify_token(new[0])
    assert AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_password_change_keeps_this_session_and_ends_others():
    device = TOTPDeviceFactory()
    here, elsewhere = Client(), Client()
    sign_in(here, device.user, device)
    sign_in(elsewhere, device.user, device)

    response = _change(here)

    device.user.refresh_from_db()
    assert shows(here.get(response.url), PASSWORD_CHANGED)
    assert device.user.check_password(NEW_PASSWORD)
    assert elsewhere.get(ACCOUNT).status_code == 302
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert event.detail == {"password": "changed"}


def test_password_change_wrong_current_password_is_refused(staff_client):
    client = staff_client()

    response = _change(client, current="not-my-password")

    client.user.refresh_from_db()
    assert shows(response, CURRENT_PASSWORD_WRONG)
    assert client.user.check_password(TEST_PASSWORD)


def test_password_change_guesses_lock_the_account_and_sign_out(staff_client):
    client = staff_client()

    responses = [_change(client, current=f"guess-{n}") for n in range(5)]

    assert responses[-1].status_code == 429
    assert shows(responses[-1], LOCKED_OUT % {"minutes": 15})
    assert client.get(ACCOUNT).status_code == 302


def test_password_change_new_passwords_must_match(staff_client):
    client = staff_client()

    response = _change(client, confirm="a-different-long-password")

    assert shows(response, PASSWORDS_DIFFER)
