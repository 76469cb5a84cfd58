"""Every places URL × every role × own and other agency's places and flags.

Officers and coordinators manage places; analysts only look; administrators
run accounts and see nothing here. A place or flag another agency keeps to
itself is a 404 (no hint it exists); another agency's shared place can be seen
and flagged but not changed, and only the agency that raised a flag clears it.
"""

import pytest
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.places.models import Visibility
from hedgerow.places.tests.factories import PlaceFactory, PlaceFlagFactory

pytestmark = pytest.mark.django_db

MANAGERS = (Role.OFFICER, Role.COORDINATOR)


@pytest.fixture
def world():
    """Places and flags of the signed-in person's agency ("own") and another."""
    own, other = AgencyFactory(), AgencyFactory()
    own_place = PlaceFactory(agency=own, visibility=Visibility.AGENCY)
    shared = PlaceFactory(agency=other, visibility=Visibility.PARTNERSHIP)
    hidden = PlaceFactory(agency=other, visibility=Visibility.AGENCY)
    own_person = UserFactory(agency=own)
    other_person = UserFactory(agency=other)
    flags = {
        "own_flag": PlaceFlagFactory(place=shared, agency=own, raised_by=own_person),
        "others_shared_flag": PlaceFlagFactory(
            place=shared,
            agency=other,
            raised_by=other_person,
            visibility=Visibility.PARTNERSHIP,
        ),
        "others_hidden_flag": PlaceFlagFactory(
            place=shared, agency=other, raised_by=other_person
        ),
    }
    return {
        "agency": own,
        "own_place": own_place,
        "shared": shared,
        "hidden": hidden,
        **flags,
    }


def _url(world, name: str, target: str | None) -> str:
    if target is None:
        return reverse(f"places:{name}")
    if name == "flag_clear":
        flag = world[target]
        return reverse(f"places:{name}", args=[flag.place_id, flag.pk])
    return reverse(f"places:{name}", args=[world[target].pk])


# (url name, target, status for officers and coordinators, status for analysts)
CASES = [
    ("place_list", None, 200, 200),
    ("place_create", None, 200, 403),
    ("place_detail", "own_place", 200, 200),
    ("place_detail", "shared", 200, 200),
    ("place_detail", "hidden", 404, 404),
    ("place_edit", "own_place", 200, 403),
    ("place_edit", "shared", 403, 403),
    ("place_edit", "hidden", 404, 403),
    ("flag_raise", "own_place", 200, 403),
    ("flag_raise", "shared", 200, 403),
    ("flag_raise", "hidden", 404, 403),
    ("flag_clear", "own_flag", 200, 403),
    ("flag_clear", "others_shared_flag", 403, 403),
    ("flag_clear", "others_hidden_flag", 404, 403),
]
IDS = [f"{name}-{target or 'none'}" for name, target, *_ in CASES]


@pytest.mark.parametrize("role", [*MANAGERS, Role.ANALYST, Role.ADMINISTRATOR])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_role_gets_exactly_its_access(staff_client, world, role, case):
    name, target, manager, analyst = case
    client = staff_client(role, agency=world["agency"])
    expected = {Role.ANALYST: analyst, Role.ADMINISTRATOR: 403}.get(role, manager)

    response = client.get(_url(world, name, target))

    assert response.status_code == expected


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_anyone_not_signed_in_is_sent_to_sign_in(client, world, case):
    name, target, *_ = case
    response = client.get(_url(world, name, target))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", MANAGERS)
def test_posting_to_another_agencys_place_changes_nothing(staff_client, world, role):
    client = staff_client(role, agency=world["agency"])
    shared, hidden = world["shared"], world["hidden"]
    change = {"address": "Changed", "kind": "shop", "visibility": "partnership"}

    assert client.post(_url(world, "place_edit", "shared"), change).status_code == 403
    assert client.post(_url(world, "place_edit", "hidden"), change).status_code == 404
    flag = world["others_shared_flag"]
    cleared = client.post(
        _url(world, "flag_clear", "others_shared_flag"), {"reason": "x"}
    )
    assert cleared.status_code == 403

    shared.refresh_from_db()
    hidden.refresh_from_db()
    flag.refresh_from_db()
    assert "Changed" not in (shared.address, hidden.address)
    assert flag.is_active


def test_the_list_shows_only_places_the_agency_may_see(staff_client, world):
    client = staff_client(Role.ANALYST, agency=world["agency"])

    page = client.get(reverse("places:place_list")).content.decode()

    assert world["own_place"].name in page
    assert world["shared"].name in page
    assert world["hidden"].name not in page
