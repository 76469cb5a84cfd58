"""Signing in with a password, then an authenticator code or a recovery code."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from hedgerow.accounts.forms.signin import ENTER_CODE, ENTER_EMAIL, ENTER_PASSWORD
from hedgerow.accounts.services.mfa import recovery_codes_issue
from hedgerow.accounts.tests.factories import (
    TEST_PASSWORD,
    TOTPDeviceFactory,
    UserFactory,
)
from hedgerow.accounts.tests.signin_steps import (
    enter_code,
    enter_password,
    shows,
    sign_in,
    totp_code,
    wrong_code,
)
from hedgerow.accounts.views.signin import (
    DEACTIVATED,
    SIGNED_OUT,
    WRONG_CODE,
    WRONG_PASSWORD,
)
from hedgerow.core.permissions import is_fully_signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def device():
    """A member of staff's confirmed authenticator app; the person is `device.user`."""
    return TOTPDeviceFactory()


def test_login_page_shows_accessible_sign_in_form(client):
    response = client.get(reverse("accounts:login"))

    text = response.content.decode()
    assert response.status_code == 200
    assert "novalidate" in text
    assert 'autocomplete="username"' in text
    assert 'autocomplete="current-password"' in text


def test_login_page_is_available_in_welsh_url(client):
    # The request activates Welsh in this thread; put English back for later tests.
    with translation.override("en"):
        response = client.get("/cy/accounts/login/")

    assert response.status_code == 200
    assert 'lang="cy"' in response.content.decode()


def test_login_with_password_and_code_lands_on_dashboard_fully_signed_in(
    client, device
):
    response = sign_in(client, device.user, device)

    assert response.status_code == 302
    assert response.url == reverse("core:dashboard")
    dashboard = client.get(response.url)
    assert dashboard.status_code == 200
    assert is_fully_signed_in(dashboard.wsgi_request.user)


def test_login_password_alone_does_not_sign_in(client, device):
    response = enter_password(client, device.user)

    assert response.url == reverse("accounts:login_code")
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_login_wrong_password_shows_generic_error(client, device):
    response = enter_password(client, device.user, password="not-the-password")

    assert response.status_code == 200
    assert shows(response, WRONG_PASSWORD)


def test_login_unknown_email_shows_the_same_generic_error(client):
    response = client.post(
        reverse("accounts:login"),
        {"email": "nobody@agency.example", "password": "whatever-it-is"},
    )

    assert shows(response, WRONG_PASSWORD)


def test_login_empty_form_asks_for_email_and_password(client):
    response = client.post(reverse("accounts:login"), {})

    assert shows(response, ENTER_EMAIL)
    assert shows(response, ENTER_PASSWORD)


def test_login_email_is_not_case_sensitive(client, device):
    response = client.post(
        reverse("accounts:login"),
        {"email": device.user.email.upper(), "password": TEST_PASSWORD},
    )

    assert response.url == reverse("accounts:login_code")


def test_login_deactivated_account_with_right_password_is_told_so(client, device):
    device.user.is_active, device.user.deactivated_at = False, timezone.now()
    device.user.save()

    response = enter_password(client, device.user)

    assert shows(response, DEACTIVATED)
    assert client.get(reverse("accounts:login_code")).status_code == 302


def test_login_deactivated_account_with_wrong_password_is_not_told(client, device):
    device.user.is_active, device.user.deactivated_at = False, timezone.now()
    device.user.save()

    response = enter_password(client, device.user, password="a-wrong-guess")

    assert shows(response, WRONG_PASSWORD)
    assert not shows(response, DEACTIVATED)


def test_login_person_who_has_not_accepted_invitation_cannot_sign_in(client):
    user = UserFactory()
    user.set_unusable_password()
    user.save()

    response = enter_password(client, user)

    assert shows(response, WRONG_PASSWORD)


def test_login_code_wrong_code_is_refused(client, device):
    enter_password(client, device.user)

    response = enter_code(client, wrong_code(device))

    assert shows(response, WRONG_CODE)
    assert not is_fully_signed_in(response.wsgi_request.user)


def test_login_code_empty_asks_for_the_code(client, device):
    enter_password(client, device.user)

    response = enter_code(client, "")

    assert shows(response, ENTER_CODE)


def test_login_code_accepts_code_typed_with_a_space(client, device):
    enter_password(client, device.user)
    code = totp_code(device)

    response = enter_code(client, f"{code[:3]} {code[3:]}")

    assert response.url == reverse("core:dashboard")


def test_login_code_same_code_cannot_be_used_twice(client, device):
    code = totp_code(device)
    enter_password(client, device.user)
    enter_code(client, code)
    client.post(reverse("accounts:logout"))
    enter_password(client, device.user)

    response = enter_code(client, code)

    assert shows(response, WRONG_CODE)


def test_login_code_recovery_code_works_once(client, device):
    code = recovery_codes_issue(user=device.user)[0]
    enter_password(client, device.user)
    first = enter_code(client, code, recovery=True)
    client.post(reverse("accounts:logout"))
    enter_password(client, device.user)

    second = enter_code(client, code, recovery=True)

    assert first.url == reverse("core:dashboard")
    assert shows(second, WRONG_CODE)


def test_login_code_recovery_code_page_has_text_keyboard(client, device):
    enter_password(client, device.user)

    response = client.get(reverse("accounts:login_code") + "?method=recovery")

    assert "Recovery code" in response.content.decode()
    assert 'inputmode="numeric"' not in response.content.decode()


def test_login_code_page_has_numeric_one_time_code_field(client, device):
    enter_password(client, device.user)

    response = client.get(reverse("accounts:login_code"))

    text = response.content.decode()
    assert 'autocomplete="one-time-code"' in text
    assert 'inputmode="numeric"' in text


def test_login_code_without_password_step_goes_to_login(client):
    response = client.get(reverse("accounts:login_code"))

    assert response.url == reverse("accounts:login")


def test_login_next_on_this_site_is_followed(client, device):
    enter_password(client, device.user, next_url="/partnership/roles/")

    response = enter_code(client, totp_code(device))

    assert response.url == "/partnership/roles/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)"]
)
def test_login_next_to_another_site_is_ignored(client, device, next_url):
    enter_password(client, device.user, next_url=next_url)

    response = enter_code(client, totp_code(device))

    assert response.url == reverse("core:dashboard")


def test_login_when_signed_in_goes_to_dashboard(staff_client):
    client = staff_client()

    response = client.get(reverse("accounts:login"))

    assert response.url == reverse("core:dashboard")


def test_logout_signs_out_and_says_so(client, device):
    sign_in(client, device.user, device)

    response = client.post(reverse("accounts:logout"), follow=True)

    assert shows(response, SIGNED_OUT)
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_logout_refuses_get(staff_client):
    client = staff_client()

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert client.get(reverse("core:dashboard")).status_code == 200
