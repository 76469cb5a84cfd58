"""Invitation links: set a password once, then set up an authenticator."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.forms.signin import PASSWORDS_DIFFER
from hedgerow.accounts.models import Invitation
from hedgerow.accounts.services.invitations import invitation_issue
from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.accounts.tests.signin_steps import enter_password, shows
from hedgerow.accounts.views.invitations import (
    INVITATION_EXPIRED,
    INVITATION_NOT_FOUND,
    INVITATION_REVOKED,
    INVITATION_USED,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "hawthorn-blackthorn-hazel"


@pytest.fixture
def invited():
    """A person who has been invited and not yet set a password."""
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    return user


def _link(user) -> str:
    return reverse(
        "accounts:invitation_accept", args=[invitation_issue(user=user, by=None)]
    )


def _accept(client, link: str, password: str = NEW_PASSWORD, confirm: str = ""):
    data = {"password": password, "password_confirm": confirm or password}
    return client.post(link, data)


def test_invitation_accept_greets_the_person_by_name_and_agency(client, invited):
    response = client.get(_link(invited))

    assert response.status_code == 200
    assert shows(response, invited.full_name)
    assert shows(response, invited.agency.name)
    assert 'autocomplete="new-password"' in response.content.decode()


def test_invitation_accept_sets_password_and_goes_to_authenticator_setup(
    client, invited
):
    response = _accept(client, _link(invited))

    invited.refresh_from_db()
    assert response.url == reverse("accounts:setup_authenticator")
    assert invited.check_password(NEW_PASSWORD)
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_invitation_accept_link_works_only_once(client, invited):
    link = _link(invited)
    _accept(client, link)

    again = _accept(client, link, password="another-long-password-here")

    invited.refresh_from_db()
    assert again.status_code == 410
    assert shows(again, INVITATION_USED)
    assert invited.check_password(NEW_PASSWORD)


def test_invitation_accept_used_link_shows_used_message_on_opening(client, invited):
    link = _link(invited)
    _accept(client, link)

    response = client.get(link)

    assert shows(response, INVITATION_USED)


def test_invitation_accept_expired_link_is_refused(client, invited):
    link = _link(invited)
    Invitation.objects.filter(user=invited).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    response = _accept(client, link)

    invited.refresh_from_db()
    assert shows(response, INVITATION_EXPIRED)
    assert not invited.has_usable_password()


def test_invitation_accept_older_link_stops_working_after_a_new_one(client, invited):
    old_link = _link(invited)
    _link(invited)

    response = client.get(old_link)

    assert shows(response, INVITATION_REVOKED)


def test_invitation_accept_refused_once_person_is_deactivated(client, invited):
    link = _link(invited)
    invited.is_active, invited.deactivated_at = False, timezone.now()
    invited.save()

    response = _accept(client, link)

    assert shows(response, INVITATION_REVOKED)


def test_invitation_accept_unknown_token_is_not_found(client):
    response = client.get(reverse("accounts:invitation_accept", args=["made-up"]))

    assert response.status_code == 404
    assert shows(response, INVITATION_NOT_FOUND)


def test_invitation_accept_passwords_must_match(client, invited):
    link = _link(invited)

    response = _accept(client, link, confirm="something-else-entirely")

    assert shows(response, PASSWORDS_DIFFER)
    assert Invitation.objects.get(user=invited).used_at is None


def test_invitation_accept_weak_password_is_refused_and_link_still_works(
    client, invited
):
    link = _link(invited)

    response = _accept(client, link, password="password")

    assert "govuk-error-summary" in response.content.decode()
    assert client.get(link).status_code == 200


def test_invitation_accept_then_password_signs_in_to_setup(client, invited):
    _accept(client, _link(invited))
    client.logout()

    response = enter_password(client, invited, password=NEW_PASSWORD)

    assert response.url == reverse("accounts:setup_authenticator")
