"""An administrator sets up an agency and invites an officer, who joins and signs in.

The whole journey runs in headless Chromium against a live server, with the real CSP,
and every page visited is checked with axe-core.
"""

import re
from base64 import b32decode

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.models import User
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import (
    TEST_PASSWORD,
    AgencyFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from hedgerow.accounts.tests.signin_steps import next_code
from hedgerow.audit.models import Action, AuditEvent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICER_PASSWORD = "a-long-passphrase-for-hedgerow"


def authenticator_code(key: bytes) -> str:
    """What an authenticator app set up with `key` shows now."""
    return f"{TOTP(key).token():06d}"


def sign_in(page, assert_accessible, *, base_url, email, password, device):
    page.goto(f"{base_url}/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_label("Code").fill(next_code(device))
    page.get_by_role("button", name="Sign in").click()


def test_administrator_sets_up_agency_and_officer_joins(
    page, live_server, mailoutbox, assert_accessible
):
    # Arrange: an administrator who already has an authenticator.
    admin = UserFactory(
        role=Role.ADMINISTRATOR,
        email="admin@csp.example",
        full_name="Asha Admin",
        agency=AgencyFactory(name="Calderdale Community Safety Team"),
    )
    admin_device = TOTPDeviceFactory(user=admin)
    base = live_server.url

    # The administrator signs in with password and TOTP.
    sign_in(
        page,
        assert_accessible,
        base_url=base,
        email=admin.email,
        password=TEST_PASSWORD,
        device=admin_device,
    )
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    assert_accessible(page)

    # …adds an agency…
    page.get_by_role("link", name="Agencies").first.click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Add an agency")).click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Calderdale Trading Standards")
    page.get_by_label("Trading standards").check()
    page.get_by_label(re.compile("Areas covered")).fill("E08000033")
    page.get_by_role("button", name=re.compile("Save|Add agency")).click()
    assert_accessible(page)
    assert "Calderdale Trading Standards" in page.content()

    # …and invites an officer there.
    page.get_by_role("link", name="People").first.click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Invite")).first.click()
    assert_accessible(page)
    page.get_by_label("Full name").fill("Owen Officer")
    page.get_by_label("Email address").fill("owen.officer@calderdale.example")
    page.get_by_label("Agency").select_option(label="Calderdale Trading Standards")
    page.get_by_label("Officer").check()
    page.get_by_role("button", name=re.compile("Send invitation|Invite")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    # The officer opens the link in the invitation email…
    assert len(mailoutbox) == 1
    link = re.search(
        r"https?://\S+/accounts/invitation/\S+/", mailoutbox[0].body
    ).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_label("Create a password").fill(OFFICER_PASSWORD)
    page.get_by_label("Confirm your password").fill(OFFICER_PASSWORD)
    page.get_by_role("button", name="Continue").click()

    # …adds Hedgerow to an authenticator app using the secret shown…
    assert_accessible(page)
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code").fill(authenticator_code(key))
    page.get_by_role("button", name="Continue").click()

    # …sees recovery codes once, and is signed in.
    assert_accessible(page)
    assert page.get_by_test_id("recovery-codes").locator("li").count() == 10
    page.get_by_role("button", name=re.compile("saved")).click()
    assert_accessible(page)
    navigation = page.get_by_role("navigation", name="Menu").inner_text()
    assert "Audit trail" not in navigation
    assert "People" not in navigation

    # Signing out and in again works with the next code from the app (not the
    # one just used, which the device refuses a second time).
    page.get_by_role("button", name="Sign out").click()
    officer_device = TOTPDevice.objects.get(
        user__email="owen.officer@calderdale.example", confirmed=True
    )
    assert officer_device.bin_key == key
    sign_in(
        page,
        assert_accessible,
        base_url=base,
        email="owen.officer@calderdale.example",
        password=OFFICER_PASSWORD,
        device=officer_device,
    )
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")

    # Everything was recorded, and the trail is intact.
    officer = User.objects.get(email="owen.officer@calderdale.example")
    assert officer.agency.name == "Calderdale Trading Standards"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {Action.SIGN_IN, Action.CREATE, Action.SIGN_OUT} <= actions
    assert (
        AuditEvent.objects.filter(actor_id=officer.pk, action=Action.SIGN_IN).count()
        == 2
    )
    call_command("verify_audit")
    assert len(assert_accessible.visited) >= 15
