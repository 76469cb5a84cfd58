"""Every response locks the browser down, staff pages are never cached, and no
template carries inline script, style or event handlers (the CSP would block them)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from hedgerow.accounts.roles import Role

pytestmark = pytest.mark.django_db

HEDGEROW_DIR = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(HEDGEROW_DIR.glob("**/templates/**/*.html"))
TAG = re.compile(r"<[a-zA-Z][^>]*>")
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.fixture(params=["public", "staff"])
def page_response(request, client, staff_client):
    """The start page for a visitor, or the staff home page for a signed-in officer."""
    if request.param == "public":
        return client.get("/")
    return staff_client(Role.OFFICER).get(reverse("core:dashboard"))


def csp_directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_page_has_content_security_policy_allowing_only_own_scripts(page_response):
    directives = csp_directives(page_response)

    assert page_response.status_code == 200
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in page_response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in page_response.headers["Content-Security-Policy"]


def test_page_cannot_be_framed_by_another_site(page_response):
    assert csp_directives(page_response)["frame-ancestors"] == "'none'"
    assert page_response.headers["X-Frame-Options"] == "DENY"


def test_page_sets_browser_hardening_headers(page_response):
    assert page_response.headers["X-Content-Type-Options"] == "nosniff"
    assert page_response.headers["Referrer-Policy"] == "same-origin"
    assert page_response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in page_response.headers["Permissions-Policy"]
    assert "geolocation=()" in page_response.headers["Permissions-Policy"]


def test_staff_page_is_never_stored_by_the_browser(staff_client):
    response = staff_client(Role.OFFICER).get(reverse("core:dashboard"))

    assert response.headers["Cache-Control"] == "no-store"


def test_public_page_may_be_cached(client):
    response = client.get("/")

    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_error_page_has_the_same_security_headers(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert csp_directives(response)["script-src"] == "'self'"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_template_scan_finds_the_templates():
    names = {path.name for path in TEMPLATES}

    assert {"base_minimal.html", "home.html", "500.html"} <= names


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=lambda path: str(path.relative_to(HEDGEROW_DIR))
)
def test_template_has_no_inline_script(template):
    html = template.read_text()

    inline = [tag for tag in SCRIPT_TAG.findall(html) if "src=" not in tag]

    assert not inline, f"{template}: inline <script> is blocked by the CSP: {inline}"


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=lambda path: str(path.relative_to(HEDGEROW_DIR))
)
def test_template_has_no_inline_style_or_event_handler(template):
    html = template.read_text()

    offending = [
        tag
        for tag in TAG.findall(html)
        if STYLE_ATTRIBUTE.search(tag) or EVENT_HANDLER.search(tag)
    ]

    assert "<style" not in html.lower(), f"{template}: <style> is blocked by the CSP"
    assert not offending, f"{template}: inline style or on…= handler: {offending}"
