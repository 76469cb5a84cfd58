"""Fixtures shared by every test: staff in each role, signed in with both factors."""

import pytest
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import TOTPDeviceFactory, UserFactory
from hedgerow.core.caches import clear_all
from hedgerow.geography.selectors import lsoa_index_clear


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Each test starts with empty caches: rolled-back rows must not linger in them."""
    clear_all()
    lsoa_index_clear()
    yield
    clear_all()
    lsoa_index_clear()


@pytest.fixture(autouse=True)
def _own_analytics_store(settings, tmp_path):
    """Each test imports crime into its own folder, never the developer's var/."""
    settings.HEDGEROW_ANALYTICS_DIR = tmp_path / "analytics"


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a request to a /cy/ page activates Welsh."""
    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(client):
    """Return a function that signs a new member of staff in (password + TOTP).

    `staff_client(Role.ADMINISTRATOR)` returns the test client, signed in; the user
    is `client.user`.
    """

    def sign_in(role: Role = Role.OFFICER, **user_fields):
        user = UserFactory(role=role, **user_fields)
        device = TOTPDeviceFactory(user=user)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        client.user = user
        return client

    return sign_in


@pytest.fixture
def admin_client(staff_client):
    """A test client signed in as an administrator (not Django's admin_client)."""
    return staff_client(Role.ADMINISTRATOR)
