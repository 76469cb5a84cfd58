"""The public pages: what residents see, and that reading them leaves no trace."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


PUBLIC_PAGES = [
    "/",
    "/accessibility/",
    "/privacy/",
    "/cy/",
    "/cy/accessibility/",
    "/cy/privacy/",
]


def page_text(response) -> str:
    return unescape(response.content.decode())


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_sets_no_cookies(client, url):
    response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert not client.cookies


def test_page_not_found_sets_no_cookies(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert not response.cookies
    assert not client.cookies


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_loads_nothing_from_other_websites(client, url):
    html = client.get(url).content.decode()

    resources = re.findall(
        r"<(?:script|link|img)\b[^>]*\b(?:src|href)=\"([^\"]*)\"", html
    )

    assert resources
    assert all(resource.startswith("/") for resource in resources), resources


def test_home_page_gives_emergency_and_helpline_numbers(client):
    text = page_text(client.get("/"))

    assert "call 999" in text
    assert "on 101" in text
    assert "Crimestoppers on 0800 555 111" in text
    assert 'href="https://crimestoppers-uk.org/"' in text
    assert "Modern Slavery and Exploitation Helpline on 08000 121 700" in text
    assert "Report Fraud (formerly Action Fraud) on 0300 123 2040" in text


def test_home_page_names_the_partnership(client, settings):
    settings.HEDGEROW_PARTNERSHIP_NAME = "Calderdale Community Safety Partnership"

    text = page_text(client.get("/"))

    assert "partners in the Calderdale Community Safety Partnership" in text


def test_home_page_starts_a_report_and_links_to_the_signs_and_follow_up(client):
    text = page_text(client.get("/"))

    assert f'href="{reverse("intake:start")}"' in text
    assert f'href="{reverse("intake:follow_up")}"' in text
    assert f'href="{reverse("signs:threat_list")}"' in text
    assert "Exit this page" in text


def test_home_page_links_staff_to_sign_in(client):
    text = page_text(client.get("/"))

    assert f'href="{reverse("accounts:login")}">Staff sign in</a>' in text


def test_accessibility_statement_follows_the_model_statement(client):
    text = page_text(client.get("/accessibility/"))

    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Preparation of this accessibility statement",
    ):
        assert heading in text
    assert "Web Content Accessibility Guidelines version 2.2 at AA standard" in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "No independent accessibility audit has been carried out yet." in text
    assert "22 November 2026" in text


def test_privacy_notice_lists_what_is_kept_about_staff(client):
    text = page_text(client.get("/privacy/"))

    assert "Argon2 hash" in text
    assert "the secret your authenticator app uses" in text
    assert "your recovery codes, stored only as hashes" in text
    assert "the IP address and the browser’s user agent" in text
    assert "section 62 of the Data Protection Act 2018" in text
    assert "Part 3 of the Data Protection Act 2018" in text
    assert "at least 6 months" in text
    assert "no more than 2 years" in text


def test_privacy_notice_says_public_pages_do_not_track(client):
    text = page_text(client.get("/privacy/"))

    assert "These pages do not set cookies." in text
    assert "do not include IP addresses" in text


def test_privacy_notice_tells_voters_and_bidding_groups_what_is_kept(client):
    text = page_text(client.get("/privacy/"))

    assert "If you vote in participatory budgeting" in text
    assert "not linked to your voting code" in text
    assert "Online votes are not written in the audit trail" in text
    assert "a second person checks it against the paper" in text
    assert "If your group bids for funding" in text
    assert "Contact details are never published." in text
    assert "If you take part in a community event" in text


def test_privacy_notice_for_voters_reads_in_welsh(client):
    text = page_text(client.get("/cy/privacy/"))

    assert "Os byddwch yn pleidleisio mewn cyllidebu cyfranogol" in text
    assert "Ni chaiff manylion cyswllt byth eu cyhoeddi." in text


def test_privacy_notice_states_the_lockout_period(client, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=20)

    text = page_text(client.get("/privacy/"))

    assert "locked for 20 minutes" in text


def test_privacy_notice_explains_how_to_complain_to_the_ico(client):
    text = page_text(client.get("/privacy/"))

    assert 'href="https://ico.org.uk/make-a-complaint/"' in text
    assert "0303 123 1113" in text


# The accessibility statement and the privacy notice share the contact setting.
CONTACT_PAGES = [
    ("/accessibility/", "Contact the Calderdale Community Safety Partnership"),
    ("/privacy/", "To ask about your information, contact the"),
]


@pytest.mark.parametrize(("url", "_fallback"), CONTACT_PAGES)
def test_notice_gives_contact_email_when_set(client, settings, url, _fallback):
    settings.HEDGEROW_PRIVACY_CONTACT_EMAIL = "dpo@csp.example"

    text = page_text(client.get(url))

    assert 'href="mailto:dpo@csp.example"' in text


@pytest.mark.parametrize(("url", "fallback"), CONTACT_PAGES)
def test_notice_without_email_says_contact_the_partnership(
    client, settings, url, fallback
):
    settings.HEDGEROW_PRIVACY_CONTACT_EMAIL = ""
    settings.HEDGEROW_PARTNERSHIP_NAME = "Calderdale Community Safety Partnership"

    text = page_text(client.get(url))

    assert "mailto:" not in text
    assert fallback in text


@pytest.mark.parametrize("url", PUBLIC_PAGES[:3])
def test_public_page_footer_links_to_statement_notice_and_sign_in(client, url):
    text = page_text(client.get(url))

    assert f'href="{reverse("core:accessibility")}">Accessibility statement</a>' in text
    assert f'href="{reverse("core:privacy")}">Privacy notice</a>' in text
    assert "Staff sign in</a>" in text
