"""Who may open which staff page: every role against an explicit table of expectations.

The table is written out here, not derived from ROLE_PERMISSIONS, so that a change to
roles.py that widens or narrows access makes this test fail until it is agreed.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Start in English: a test that visits a /cy/ page leaves Welsh active."""
    with translation.override("en"):
        yield


EVERYONE = frozenset(Role)
COORDINATORS_AND_ADMINISTRATORS = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR})
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
OFFICERS_AND_COORDINATORS = frozenset({Role.OFFICER, Role.COORDINATOR})
ANALYSTS_AND_COORDINATORS = frozenset({Role.ANALYST, Role.COORDINATOR})

# URL name, whether it takes the sample "agency" or "person" id, and who may open it.
EXPECTED: list[tuple[str, str | None, frozenset[Role]]] = [
    ("core:dashboard", None, EVERYONE),
    ("partnership:agency_list", None, EVERYONE),
    ("partnership:agency_detail", "agency", EVERYONE),
    ("partnership:agency_create", None, ADMINISTRATORS),
    ("partnership:agency_edit", "agency", ADMINISTRATORS),
    ("partnership:staff_list", None, COORDINATORS_AND_ADMINISTRATORS),
    ("partnership:staff_detail", "person", COORDINATORS_AND_ADMINISTRATORS),
    ("partnership:staff_invite", None, ADMINISTRATORS),
    ("partnership:staff_change_role", "person", ADMINISTRATORS),
    ("partnership:staff_deactivate", "person", ADMINISTRATORS),
    ("partnership:staff_reset_sign_in", "person", ADMINISTRATORS),
    ("partnership:role_list", None, EVERYONE),
    ("audit:event_list", None, ADMINISTRATORS),
    ("audit:export", None, ADMINISTRATORS),
    ("accounts:api_tokens", None, EVERYONE),
    ("triage:queue", None, OFFICERS_AND_COORDINATORS),
    ("triage:shared_list", None, OFFICERS_AND_COORDINATORS),
    ("triage:unrouted", None, COORDINATORS_AND_ADMINISTRATORS),
    ("routing:rule_list", None, COORDINATORS_AND_ADMINISTRATORS),
    ("routing:rule_create", None, COORDINATORS_AND_ADMINISTRATORS),
    ("routing:rule_test", None, COORDINATORS_AND_ADMINISTRATORS),
    ("places:place_list", None, EVERYONE - ADMINISTRATORS),
    ("places:place_create", None, OFFICERS_AND_COORDINATORS),
    ("signs:manage_list", None, COORDINATORS_AND_ADMINISTRATORS),
    ("areas:map", None, ANALYSTS_AND_COORDINATORS),
    ("areas:map_csv", None, ANALYSTS_AND_COORDINATORS),
    ("areas:map_geojson", None, ANALYSTS_AND_COORDINATORS),
    ("areas:hotspots", None, ANALYSTS_AND_COORDINATORS),
    ("areas:hotspots_csv", None, ANALYSTS_AND_COORDINATORS),
    ("areas:hotspots_geojson", None, ANALYSTS_AND_COORDINATORS),
    ("areas:emerging", None, ANALYSTS_AND_COORDINATORS),
    ("areas:emerging_csv", None, ANALYSTS_AND_COORDINATORS),
    ("areas:emerging_geojson", None, ANALYSTS_AND_COORDINATORS),
    ("areas:trends", None, ANALYSTS_AND_COORDINATORS),
    ("areas:trends_csv", None, ANALYSTS_AND_COORDINATORS),
    ("areas:trends_geojson", None, ANALYSTS_AND_COORDINATORS),
    ("areas:super_output", None, ANALYSTS_AND_COORDINATORS),
    ("areas:super_output_csv", None, ANALYSTS_AND_COORDINATORS),
    ("areas:super_output_geojson", None, ANALYSTS_AND_COORDINATORS),
]


@pytest.fixture
def url_for():
    """Build a sample URL, creating the agency and person it refers to."""
    records = {"agency": AgencyFactory(), "person": UserFactory()}

    def build(name: str, record: str | None) -> str:
        args = [records[record].pk] if record else []
        return reverse(name, args=args)

    return build


CASES = [
    pytest.param(role, (url_name, record), role in allowed, id=f"{role}-{url_name}")
    for url_name, record, allowed in EXPECTED
    for role in Role
]


@pytest.mark.parametrize(("role", "page", "allowed"), CASES)
def test_page_opens_only_for_roles_allowed(staff_client, url_for, role, page, allowed):
    client = staff_client(role)

    response = client.get(url_for(*page))

    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("url_name", "record"),
    [row[:2] for row in EXPECTED],
    ids=[row[0] for row in EXPECTED],
)
def test_page_sends_anonymous_visitors_to_sign_in(client, url_for, url_name, record):
    url = url_for(url_name, record)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=" in response.url


@pytest.mark.parametrize(
    ("url_name", "record"),
    [row[:2] for row in EXPECTED],
    ids=[row[0] for row in EXPECTED],
)
def test_page_wants_the_second_factor_before_opening(client, url_for, url_name, record):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))  # password only, no TOTP

    response = client.get(url_for(url_name, record))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
