"""The staff navigation: what each person is offered."""

import pytest
from django.test import RequestFactory

from hedgerow.accounts.roles import Role
from hedgerow.core.navigation import navigation_for

pytestmark = pytest.mark.django_db


def test_navigation_for_request_without_user_is_empty():
    # Error pages for missing static files are rendered before any middleware runs.
    request = RequestFactory().get("/static/missing.css")

    assert navigation_for(request) == []


def test_navigation_for_officer_leaves_out_administration(staff_client):
    client = staff_client(Role.OFFICER)

    response = client.get("/home/")

    labels = [str(link.label) for link in response.context["navigation"]]
    assert labels == [
        "Home",
        "Triage",
        "Places",
        "Groups",
        "Disruptions",
        "Events",
        "Agencies",
        "Roles",
    ]


def test_navigation_for_administrator_marks_the_current_section(admin_client):
    response = admin_client.get("/audit/")

    active = [str(link.label) for link in response.context["navigation"] if link.active]
    assert active == ["Audit trail"]
