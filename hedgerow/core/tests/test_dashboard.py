"""The staff home page: who you are, and what your role lets you do."""

from html import unescape

import pytest
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.core.navigation import STAFF_NAVIGATION
from hedgerow.core.permissions import Permission

pytestmark = pytest.mark.django_db

SECTIONS = {item.url_name: item for item in STAFF_NAVIGATION if item.description}


def dashboard_text(client) -> str:
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200
    return unescape(response.content.decode())


def section_shown(text: str, url_name: str) -> bool:
    item = SECTIONS[url_name]
    link = f'<a class="govuk-link" href="{reverse(url_name)}">{item.label}</a>'
    return link in text and str(item.description) in text


def test_dashboard_greets_person_with_name_agency_and_role(staff_client):
    agency = AgencyFactory(name="Calderdale Trading Standards")
    client = staff_client(Role.ANALYST, full_name="Ana Analyst", agency=agency)

    text = dashboard_text(client)

    assert '<h1 class="govuk-heading-l">Welcome, Ana Analyst</h1>' in text
    assert "Calderdale Trading Standards" in text
    assert "Analyst" in text


def test_dashboard_for_officer_shows_only_sections_their_role_allows(staff_client):
    text = dashboard_text(staff_client(Role.OFFICER))

    assert section_shown(text, "partnership:agency_list")
    assert section_shown(text, "partnership:role_list")
    assert reverse("partnership:staff_list") not in text
    assert reverse("audit:event_list") not in text


def test_dashboard_for_coordinator_adds_people(staff_client):
    text = dashboard_text(staff_client(Role.COORDINATOR))

    assert section_shown(text, "partnership:staff_list")
    assert reverse("audit:event_list") not in text


def test_dashboard_for_administrator_shows_administration_not_reports(admin_client):
    text = dashboard_text(admin_client)

    for url_name in SECTIONS:
        if url_name in {
            "triage:queue",
            "places:place_list",
            "areas:map",
            "networks:group_list",
            "disruptions:dashboard",
            "engagement:event_list",
            "budgeting:round_list",
        }:
            assert reverse(url_name) not in text
        else:
            assert section_shown(text, url_name)


def test_dashboard_for_officer_shows_triage_and_places(staff_client):
    text = dashboard_text(staff_client(Role.OFFICER))

    assert section_shown(text, "triage:queue")
    assert section_shown(text, "places:place_list")
    assert reverse("routing:rule_list") not in text


def test_dashboard_for_analyst_shows_areas_not_reports(staff_client):
    text = dashboard_text(staff_client(Role.ANALYST))

    assert section_shown(text, "areas:map")
    assert reverse("triage:queue") not in text


def test_dashboard_links_to_your_account(staff_client):
    text = dashboard_text(staff_client(Role.OFFICER))

    assert f'href="{reverse("accounts:account")}">Your account</a>' in text


def test_dashboard_lists_what_the_role_allows(staff_client):
    text = dashboard_text(staff_client(Role.OFFICER))

    assert str(Permission.AGENCY_VIEW.description) in text
    assert str(Permission.AUDIT_EXPORT.description) not in text


def test_dashboard_sends_visitor_to_sign_in(client):
    response = client.get(reverse("core:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_dashboard_sends_person_without_second_factor_to_sign_in(client):
    user = UserFactory(role=Role.ADMINISTRATOR)
    client.force_login(user)

    response = client.get(reverse("core:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
