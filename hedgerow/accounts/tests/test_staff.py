"""Staff services: inviting, changing roles, deactivating, resetting sign-in."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.models import Invitation, RecoveryCodeDevice, User
from hedgerow.accounts.roles import Role
from hedgerow.accounts.services.invitations import invitation_find, invitation_issue
from hedgerow.accounts.services.mfa import recovery_codes_issue
from hedgerow.accounts.services.staff import (
    ALREADY_SIGNED_UP,
    CANNOT_DEACTIVATE_SELF,
    CANNOT_RESET_SELF,
    EMAIL_TAKEN,
    LAST_ADMINISTRATOR,
    NOT_WHILE_DEACTIVATED,
    staff_change_role,
    staff_deactivate,
    staff_invite,
    staff_reactivate,
    staff_resend_invitation,
    staff_reset_sign_in,
)
from hedgerow.accounts.tests.factories import (
    AgencyFactory,
    InvitedUserFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from hedgerow.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


BASE_URL = "https://hedgerow.example-csp.org.uk"


def signed_in_client(user: User) -> Client:
    """A separate browser in which `user` is fully signed in (password and TOTP)."""
    client = Client()
    device = TOTPDeviceFactory(user=user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def is_signed_in(client: Client) -> bool:
    """True when the browser still reaches the staff home page."""
    return client.get(reverse("core:dashboard")).status_code == 200


def invite(by=None, **overrides):
    fields = {
        "full_name": "Owen Officer",
        "email": "Owen.Officer@Calderdale.example",
        "agency": AgencyFactory(name="Calderdale Trading Standards"),
        "role": Role.OFFICER,
        "by": by,
        "base_url": BASE_URL,
    }
    return staff_invite(**{**fields, **overrides})


def test_staff_invite_adds_a_person_who_cannot_sign_in_yet():
    user, token = invite()

    assert user.email == "owen.officer@calderdale.example"
    assert user.agency.name == "Calderdale Trading Standards"
    assert not user.has_usable_password()
    assert invitation_find(token=token).is_usable


def test_staff_invite_emails_the_link_once_committed(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, token = invite(by=admin_client.user)

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["owen.officer@calderdale.example"]
    assert f"{BASE_URL}/accounts/invitation/{token}/" in email.body
    assert admin_client.user.full_name in email.body
    assert "Test Community Safety Partnership" in email.body
    assert "7 days" in email.body
    assert "not expecting this email, ignore it" in email.body


def test_staff_invite_sends_nothing_if_the_change_is_rolled_back(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite()

    assert len(callbacks) == 1
    assert mailoutbox == []


def test_staff_invite_records_who_was_added_with_which_role(admin_client):
    user, _ = invite(by=admin_client.user, role=Role.ANALYST)

    event = AuditEvent.objects.get(action=Action.CREATE, target_id=str(user.pk))
    assert event.actor_id == admin_client.user.pk
    assert event.detail["role"] == "analyst"
    assert event.detail["agency"] == "Calderdale Trading Standards"


def test_staff_invite_refuses_an_email_in_use_whatever_its_case():
    UserFactory(email="owen.officer@calderdale.example")

    with pytest.raises(ValidationError) as raised:
        invite(email="OWEN.OFFICER@calderdale.example")

    assert raised.value.messages == [str(EMAIL_TAKEN)]


def test_staff_change_role_records_a_permission_change(admin_client):
    person = UserFactory(role=Role.OFFICER)

    staff_change_role(user=person, role=Role.COORDINATOR, by=admin_client.user)

    person.refresh_from_db()
    assert person.role == Role.COORDINATOR
    event = AuditEvent.objects.get(action=Action.PERMISSION_CHANGE)
    assert event.target_id == str(person.pk)
    assert event.detail == {"role": ["officer", "coordinator"]}


def test_staff_change_role_refuses_to_remove_the_last_administrator(admin_client):
    admin = admin_client.user
    InvitedUserFactory(role=Role.ADMINISTRATOR)  # invited, so cannot sign in yet

    with pytest.raises(ValidationError) as raised:
        staff_change_role(user=admin, role=Role.OFFICER, by=admin)

    assert raised.value.messages == [str(LAST_ADMINISTRATOR)]
    admin.refresh_from_db()
    assert admin.role == Role.ADMINISTRATOR


def test_staff_change_role_allows_it_while_another_administrator_remains(admin_client):
    other = UserFactory(role=Role.ADMINISTRATOR)

    staff_change_role(user=other, role=Role.ANALYST, by=admin_client.user)

    other.refresh_from_db()
    assert other.role == Role.ANALYST


def test_staff_deactivate_signs_the_person_out_and_records_why(admin_client):
    person = UserFactory()
    their_browser = signed_in_client(person)

    staff_deactivate(user=person, by=admin_client.user, reason="Left the council")

    person.refresh_from_db()
    assert not person.is_active
    assert person.deactivated_at is not None
    assert not is_signed_in(their_browser)
    event = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(person.pk))
    assert event.purpose == "Left the council"


def test_staff_deactivate_cancels_a_pending_invitation(admin_client):
    person, token = invite()

    staff_deactivate(user=person, by=admin_client.user, reason="Invited by mistake")

    assert not invitation_find(token=token).is_usable


def test_staff_deactivate_refuses_to_deactivate_yourself(admin_client):
    with pytest.raises(ValidationError) as raised:
        staff_deactivate(user=admin_client.user, by=admin_client.user, reason="x")

    assert raised.value.messages == [str(CANNOT_DEACTIVATE_SELF)]


def test_staff_deactivate_refuses_the_last_administrator():
    admin = UserFactory(role=Role.ADMINISTRATOR)

    with pytest.raises(ValidationError) as raised:
        staff_deactivate(user=admin, by=None, reason="Tidying up")

    assert raised.value.messages == [str(LAST_ADMINISTRATOR)]
    admin.refresh_from_db()
    assert admin.is_active


def test_staff_reactivate_lets_the_person_sign_in_again(admin_client):
    person = UserFactory()
    staff_deactivate(user=person, by=admin_client.user, reason="On leave")

    staff_reactivate(user=person, by=admin_client.user)

    person.refresh_from_db()
    assert person.is_active
    assert person.deactivated_at is None
    assert is_signed_in(signed_in_client(person))
    assert AuditEvent.objects.filter(
        action=Action.UPDATE, target_id=str(person.pk), detail__is_active=[False, True]
    ).exists()


def test_staff_reset_sign_in_removes_password_and_second_factors(admin_client):
    person = UserFactory()
    their_browser = signed_in_client(person)
    recovery_codes_issue(user=person)

    token = staff_reset_sign_in(
        user=person, by=admin_client.user, reason="Lost phone", base_url=BASE_URL
    )

    person.refresh_from_db()
    assert not person.has_usable_password()
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not RecoveryCodeDevice.objects.filter(user=person).exists()
    assert not is_signed_in(their_browser)
    assert invitation_find(token=token).is_usable
    event = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(person.pk))
    assert event.purpose == "Lost phone"


def test_staff_reset_sign_in_emails_a_new_link(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        token = staff_reset_sign_in(
            user=person, by=admin_client.user, reason="Lost phone", base_url=BASE_URL
        )

    assert mailoutbox[0].to == [person.email]
    assert f"/accounts/invitation/{token}/" in mailoutbox[0].body
    assert "has been reset" in mailoutbox[0].subject


def test_staff_reset_sign_in_refuses_your_own(admin_client):
    with pytest.raises(ValidationError) as raised:
        staff_reset_sign_in(
            user=admin_client.user, by=admin_client.user, reason="x", base_url=BASE_URL
        )

    assert raised.value.messages == [str(CANNOT_RESET_SELF)]


def test_staff_reset_sign_in_refuses_a_deactivated_person(admin_client):
    person = UserFactory(is_active=False, deactivated_at="2026-01-01T00:00Z")

    with pytest.raises(ValidationError) as raised:
        staff_reset_sign_in(
            user=person, by=admin_client.user, reason="x", base_url=BASE_URL
        )

    assert raised.value.messages == [str(NOT_WHILE_DEACTIVATED)]


def test_staff_resend_invitation_replaces_the_old_link(admin_client):
    person = InvitedUserFactory()
    old_token = invitation_issue(user=person, by=None)

    new_token = staff_resend_invitation(
        user=person, by=admin_client.user, base_url=BASE_URL
    )

    assert not invitation_find(token=old_token).is_usable
    assert invitation_find(token=new_token).is_usable
    assert Invitation.objects.filter(user=person).count() == 2


def test_staff_resend_invitation_refuses_someone_who_has_joined(admin_client):
    person = UserFactory()

    with pytest.raises(ValidationError) as raised:
        staff_resend_invitation(user=person, by=admin_client.user, base_url=BASE_URL)

    assert raised.value.messages == [str(ALREADY_SIGNED_UP)]
