"""How sign-ins end: unfinished, idle, too long, signed out everywhere."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from hedgerow.accounts.middleware import LAST_SEEN_KEY, SIGNED_IN_AT_KEY
from hedgerow.accounts.services.pending_signin import PENDING_KEY
from hedgerow.accounts.tests.factories import TOTPDeviceFactory
from hedgerow.accounts.tests.signin_steps import (
    enter_password,
    shows,
    sign_in,
    totp_code,
)
from hedgerow.accounts.views.signin import (
    PENDING_EXPIRED,
    SIGNED_OUT_EVERYWHERE,
    SIGNED_OUT_EXPIRED,
    SIGNED_OUT_IDLE,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")


@pytest.fixture
def device():
    """A member of staff's confirmed authenticator app; the person is `device.user`."""
    return TOTPDeviceFactory()


def _shift_session(client, key: str, seconds: float) -> None:
    """Pretend `key`'s moment happened `seconds` earlier."""
    session = client.session
    value = session[key]
    if isinstance(value, dict):
        session[key] = {**value, "started_at": value["started_at"] - seconds}
    else:
        session[key] = value - seconds
    session.save()


def test_signin_complete_starts_both_session_clocks(client, device):
    before = time.time()

    sign_in(client, device.user, device)

    session = client.session
    assert session[SIGNED_IN_AT_KEY] >= before
    assert session[LAST_SEEN_KEY] >= before
    assert PENDING_KEY not in session


def test_login_code_after_ten_minutes_starts_again_with_message(client, device):
    enter_password(client, device.user)
    _shift_session(client, PENDING_KEY, 10 * 60 + 1)

    response = client.post(
        reverse("accounts:login_code"), {"code": totp_code(device)}, follow=True
    )

    assert shows(response, PENDING_EXPIRED % {"minutes": 10})
    assert client.get(DASHBOARD).status_code == 302


def test_login_code_within_ten_minutes_still_works(client, device):
    enter_password(client, device.user)
    _shift_session(client, PENDING_KEY, 9 * 60)

    response = client.post(reverse("accounts:login_code"), {"code": totp_code(device)})

    assert response.url == DASHBOARD


def test_login_code_refused_after_sessions_were_ended(client, device):
    enter_password(client, device.user)
    device.user.session_generation += 1
    device.user.save()

    response = client.post(reverse("accounts:login_code"), {"code": totp_code(device)})

    assert response.url.startswith(reverse("accounts:login"))
    assert client.get(DASHBOARD).status_code == 302


def test_session_idle_for_31_minutes_signs_out_with_message(client, device):
    sign_in(client, device.user, device)
    _shift_session(client, LAST_SEEN_KEY, 31 * 60)

    response = client.get(DASHBOARD, follow=True)

    assert shows(response, SIGNED_OUT_IDLE % {"minutes": 30})
    assert client.get(DASHBOARD).status_code == 302


def test_session_older_than_10_hours_signs_out_with_message(client, device):
    sign_in(client, device.user, device)
    _shift_session(client, SIGNED_IN_AT_KEY, 10 * 60 * 60 + 1)

    response = client.get(DASHBOARD, follow=True)

    assert shows(response, SIGNED_OUT_EXPIRED % {"hours": 10})


def test_sign_out_everywhere_ends_every_other_session(device):
    here, elsewhere = Client(), Client()
    sign_in(here, device.user, device)
    sign_in(elsewhere, device.user, device)

    response = here.post(reverse("accounts:sign_out_everywhere"), follow=True)

    assert shows(response, SIGNED_OUT_EVERYWHERE)
    assert here.get(DASHBOARD).status_code == 302
    assert elsewhere.get(DASHBOARD).status_code == 302


def test_sign_out_everywhere_does_not_touch_other_people(device):
    mine, theirs = Client(), Client()
    other = TOTPDeviceFactory()
    sign_in(mine, device.user, device)
    sign_in(theirs, other.user, other)

    mine.post(reverse("accounts:sign_out_everywhere"))

    assert theirs.get(DASHBOARD).status_code == 200


def test_sign_out_everywhere_then_sign_in_again_works(client, device):
    sign_in(client, device.user, device)
    client.post(reverse("accounts:sign_out_everywhere"))

    response = sign_in(client, device.user, device)

    assert response.url == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200
