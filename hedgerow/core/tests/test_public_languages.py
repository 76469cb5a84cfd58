"""Community languages (Polish, Romanian) on public pages; staff pages in en/cy only."""

import pytest

from hedgerow.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["pl", "ro"])
def test_public_pages_are_served_in_community_languages(client, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", ["pl", "ro"])
def test_staff_pages_in_a_community_language_go_to_english(staff_client, language):
    client = staff_client(Role.COORDINATOR)

    response = client.get(f"/{language}/partnership/agencies/")

    assert response.status_code == 302
    assert response["Location"] == "/partnership/agencies/"


def test_language_navigation_offers_community_languages_only_on_public_pages(
    client, staff_client
):
    public = client.get("/privacy/").content.decode()
    assert 'hreflang="pl"' in public
    assert 'hreflang="ro"' in public

    staff = staff_client(Role.COORDINATOR).get("/partnership/agencies/")
    assert 'hreflang="cy"' in staff.content.decode()
    assert 'hreflang="pl"' not in staff.content.decode()


def test_welsh_staff_pages_stay_welsh(staff_client):
    response = staff_client(Role.COORDINATOR).get("/cy/partnership/agencies/")

    assert response.status_code == 200
