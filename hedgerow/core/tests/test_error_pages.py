"""The 403, 404, 500 and CSRF pages: GOV.UK style, plain words, no internals shown.

This module is also the URLconf for its tests: the project's URLs plus three
test-only views (one that fails, one for administrators, one form).
"""

from html import unescape
from importlib import import_module

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path

from hedgerow.accounts.roles import Role
from hedgerow.core.permissions import Permission, require_permission
from hedgerow.core.views import server_error

FAILURE_DETAIL = "deliberate failure with a secret detail"


def failing_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(FAILURE_DETAIL)


@require_permission(Permission.STAFF_MANAGE)
def staff_managers_only_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("People management")


def form_view(request: HttpRequest) -> HttpResponse:
    """GET gives a CSRF token; POST accepts the form."""
    if request.method == "POST":
        return HttpResponse("Form received")
    return HttpResponse(get_token(request))


project_urls = import_module(settings.ROOT_URLCONF)
urlpatterns = [
    *project_urls.urlpatterns,
    path("test-errors/fail/", failing_view),
    path("test-errors/staff-managers-only/", staff_managers_only_view),
    path("test-errors/form/", form_view),
]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500

pytestmark = pytest.mark.urls(__name__)


def page_text(response) -> str:
    return unescape(response.content.decode())


@pytest.mark.django_db
def test_unknown_address_shows_page_not_found(client):
    response = client.get("/no-such-page/")

    text = page_text(response)
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in text
    assert "If you typed the web address, check it is correct." in text
    assert "govuk-frontend.min.css" in text


def test_failing_page_shows_sorry_page_without_traceback():
    # No database access is allowed in this test: the 500 page must not need it.
    client = Client(raise_request_exception=False)

    response = client.get("/test-errors/fail/")

    text = page_text(response)
    assert response.status_code == 500
    assert (
        '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>'
        in text
    )
    assert "govuk-frontend.min.css" in text
    assert FAILURE_DETAIL not in text
    assert "Traceback" not in text
    assert "RuntimeError" not in text


class Unavailable:
    """Stands in for a session or user that cannot be loaded (the database is down)."""

    def __getattr__(self, name: str):
        raise AssertionError(f"the 500 page used {name} of the session or user")


def test_sorry_page_needs_neither_database_nor_session(rf):
    # No database access is allowed in this test either.
    request = rf.get("/")
    request.session = Unavailable()
    request.user = Unavailable()

    response = server_error(request)

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page_text(response)
    assert "Sign out" not in page_text(response)


@pytest.mark.django_db
def test_officer_on_administrators_page_sees_permission_page(staff_client):
    response = staff_client(Role.OFFICER).get("/test-errors/staff-managers-only/")

    text = page_text(response)
    assert response.status_code == 403
    assert "You do not have permission to view this page" in text
    assert "ask your partnership administrator to review your role" in text
    assert "People management" not in text


@pytest.mark.django_db
def test_administrator_on_administrators_page_sees_it(admin_client):
    response = admin_client.get("/test-errors/staff-managers-only/")

    assert response.status_code == 200
    assert response.content == b"People management"


@pytest.mark.django_db
def test_form_sent_without_security_token_shows_form_not_sent_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/test-errors/form/", {"name": "x"})

    text = page_text(response)
    assert response.status_code == 403
    assert '<h1 class="govuk-heading-l">Your form could not be sent</h1>' in text
    assert "Go back, reload the page and try again." in text
    assert "CSRF" not in text


@pytest.mark.django_db
def test_form_sent_with_security_token_is_accepted():
    client = Client(enforce_csrf_checks=True)
    token = client.get("/test-errors/form/").content.decode()

    response = client.post("/test-errors/form/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert response.content == b"Form received"
