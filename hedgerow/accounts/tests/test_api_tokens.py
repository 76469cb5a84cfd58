"""Personal API tokens: the page, the services, and when a token stops working."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.models import ApiToken
from hedgerow.accounts.roles import Role
from hedgerow.accounts.services import api_tokens as services
from hedgerow.accounts.services.staff import staff_deactivate
from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.accounts.views import api_tokens as views
from hedgerow.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:api_tokens")
API = "/api/v1/reports/"
TOKEN_PATTERN = re.compile(r"hedgerow_[A-Za-z0-9_-]{43}")


def api_status(raw: str) -> int:
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    return client.get(API).status_code


# --- The page -----------------------------------------------------------------------


def test_page_needs_sign_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_page_needs_the_second_factor(client):
    client.force_login(UserFactory())

    response = client.get(PAGE)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", list(Role))
def test_every_member_of_staff_can_open_the_page(staff_client, role):
    response = staff_client(role).get(PAGE)

    assert response.status_code == 200
    assert "Create a token" in response.content.decode()


def test_create_shows_the_token_once_and_it_works(staff_client):
    client = staff_client(Role.OFFICER)

    response = client.post(PAGE, {"name": "Case system", "lifetime_days": "30"})

    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    (raw,) = TOKEN_PATTERN.findall(response.content.decode())
    token = ApiToken.objects.get(user=client.user)
    assert token.name == "Case system"
    assert raw.startswith(f"hedgerow_{token.prefix}")
    assert token.token_hash == ApiToken.hash_token(raw)
    assert raw not in ApiToken.objects.values_list("token_hash", flat=True)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert api_status(raw) == 200
    # Shown once: the list afterwards names the token only by its prefix.
    again = client.get(PAGE).content.decode()
    assert raw not in again
    assert f"hedgerow_{token.prefix}…" in again


def test_create_without_a_name_shows_the_error(staff_client):
    client = staff_client(Role.OFFICER)

    response = client.post(PAGE, {"name": "", "lifetime_days": "90"})

    assert str(views.NAME_REQUIRED) in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_list_shows_only_your_own_tokens(staff_client):
    services.api_token_create(user=UserFactory(), name="Somebody else’s")
    client = staff_client(Role.OFFICER)
    services.api_token_create(user=client.user, name="Mine")

    page = client.get(PAGE).content.decode()

    assert "Mine" in page
    assert "Somebody else’s" not in page


def test_revoke_your_own_token(staff_client):
    client = staff_client(Role.OFFICER)
    token, raw = services.api_token_create(user=client.user, name="Old system")

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_status(raw) == 401
    assert str(views.TOKEN_REVOKED) in client.get(PAGE).content.decode()


def test_revoke_someone_elses_token_is_404(staff_client):
    token, raw = services.api_token_create(user=UserFactory(), name="Theirs")
    client = staff_client(Role.OFFICER)

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]))

    assert response.status_code == 404
    assert api_status(raw) == 200


# --- Services and audit -------------------------------------------------------------


def test_create_and_revoke_are_audited():
    user = UserFactory()

    token, _raw = services.api_token_create(user=user, name="Case system")
    services.api_token_revoke(token=token, by=user)

    created = AuditEvent.objects.get(action=Action.CREATE)
    revoked = AuditEvent.objects.get(action=Action.UPDATE)
    for event in (created, revoked):
        assert (event.actor_id, event.target_type, event.target_id) == (
            user.pk,
            "accounts.apitoken",
            str(token.pk),
        )
    assert created.detail["prefix"] == token.prefix
    assert revoked.detail["revoked"] is True


def test_revoke_twice_is_refused():
    user = UserFactory()
    token, _raw = services.api_token_create(user=user, name="x")
    services.api_token_revoke(token=token, by=user)

    with pytest.raises(ValidationError) as error:
        services.api_token_revoke(token=token, by=user)

    assert error.value.messages == [str(services.ALREADY_REVOKED)]


def test_too_many_working_tokens_is_refused():
    user = UserFactory()
    for n in range(services.MAX_ACTIVE_TOKENS):
        services.api_token_create(user=user, name=f"t{n}")

    with pytest.raises(ValidationError):
        services.api_token_create(user=user, name="one too many")


def test_lifetime_must_be_one_offered():
    with pytest.raises(ValidationError):
        services.api_token_create(user=UserFactory(), name="x", lifetime_days=3650)


# --- When a token stops working -----------------------------------------------------


def test_expired_token_is_401():
    token, raw = services.api_token_create(user=UserFactory(), name="x")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert api_status(raw) == 401


def test_deactivated_persons_token_is_401():
    user = UserFactory()
    admin = UserFactory(role=Role.ADMINISTRATOR)
    _token, raw = services.api_token_create(user=user, name="x")

    staff_deactivate(user=user, by=admin, reason="Left the agency")

    assert api_status(raw) == 401


def test_token_follows_the_persons_role():
    user = UserFactory(role=Role.OFFICER)
    _token, raw = services.api_token_create(user=user, name="x")
    user.role = Role.ANALYST
    user.save(update_fields=["role"])

    assert api_status(raw) == 403


@pytest.mark.parametrize(
    "header",
    [
        "Bearer hedgerow_wrong",
        "Bearer not-a-hedgerow-token",
        "Bearer",
        "Bearer two parts",
    ],
)
def test_wrong_or_malformed_token_is_401(header):
    services.api_token_create(user=UserFactory(), name="x")

    response = Client(headers={"Authorization": header}).get(API)

    assert response.status_code == 401


def test_use_is_noted_by_day_only():
    token, raw = services.api_token_create(user=UserFactory(), name="x")

    api_status(raw)

    token.refresh_from_db()
    assert token.last_used_on == timezone.localdate()
