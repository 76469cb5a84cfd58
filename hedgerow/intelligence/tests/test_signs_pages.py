"""The public "Spot the signs" pages, in every public language."""

import pytest
from django.urls import NoReverseMatch
from django.utils.html import escape

from hedgerow.intelligence.models import Threat
from hedgerow.intelligence.services.catalogue import catalogue_install
from hedgerow.intelligence.tests.factories import ThreatFactory, WarningSignFactory
from hedgerow.intelligence.views import signs as views

pytestmark = pytest.mark.django_db

LANGUAGE_PREFIXES = [("en", ""), ("cy", "/cy"), ("pl", "/pl"), ("ro", "/ro")]


@pytest.fixture(autouse=True)
def catalogue():
    catalogue_install()


def _no_cookies(response):
    return "Set-Cookie" not in response.headers and not response.cookies


@pytest.mark.parametrize(("code", "prefix"), LANGUAGE_PREFIXES)
def test_threat_list_shows_every_published_threat_in_the_language(client, code, prefix):
    response = client.get(f"{prefix}/signs/")

    assert response.status_code == 200
    for threat in Threat.objects.filter(is_published=True):
        assert escape(threat.texts[code]["name"]) in response.text
    assert _no_cookies(response)


@pytest.mark.parametrize(("code", "prefix"), LANGUAGE_PREFIXES)
def test_threat_detail_shows_the_threat_in_the_language(client, code, prefix):
    threat = Threat.objects.get(slug="modern-slavery")
    first_sign = threat.signs.first()

    response = client.get(f"{prefix}/signs/modern-slavery/")

    assert response.status_code == 200
    page = response.text
    assert escape(threat.texts[code]["name"]) in page
    assert escape(threat.texts[code]["dont"][0]) in page
    assert escape(first_sign.texts[code]) in page
    if code != "en":
        assert escape(first_sign.texts["en"]) not in page
    assert _no_cookies(response)


def test_threat_detail_has_exit_this_page_and_999(client):
    response = client.get("/signs/county-lines/")

    assert "Exit this page" in response.text
    assert "call 999" in response.text


def test_threat_detail_links_contacts_by_phone(client):
    response = client.get("/signs/modern-slavery/")

    assert 'href="tel:08000121700"' in response.text
    assert 'href="https://www.modernslaveryhelpline.org/"' in response.text


def test_threat_detail_points_to_the_specialist_helpline_at_its_threshold(client):
    response = client.get("/signs/modern-slavery/")

    assert (
        "If you have noticed 3 or more of these signs, contact Modern Slavery "
        "and Exploitation Helpline." in " ".join(response.text.split())
    )


def test_threat_detail_unpublished_threat_is_not_found(client):
    Threat.objects.filter(slug="cyber-crime").update(is_published=False)

    assert client.get("/signs/cyber-crime/").status_code == 404
    assert "Cyber crime" not in client.get("/signs/").text


def test_threat_detail_unknown_threat_is_not_found(client):
    assert client.get("/pl/signs/no-such-threat/").status_code == 404


def test_threat_detail_hides_unpublished_signs(client):
    threat = Threat.objects.get(slug="county-lines")
    WarningSignFactory(threat=threat, texts={"en": "Hidden sign"}, is_published=False)

    response = client.get("/signs/county-lines/")

    assert "Hidden sign" not in response.text


def test_threat_detail_missing_translation_falls_back_to_english(client):
    ThreatFactory(
        slug="new-threat",
        texts={
            "en": {
                "name": "New threat",
                "summary": "Only in English.",
                "do": ["Call 101."],
                "dont": ["Do not confront anyone."],
            },
            "pl": {"name": "Nowe zagrożenie"},
        },
    )

    response = client.get("/pl/signs/new-threat/")

    assert "Nowe zagrożenie" in response.text
    assert "Only in English." in response.text
    assert "Do not confront anyone." in response.text


def test_threat_detail_report_button_once_report_flow_exists(client, monkeypatch):
    monkeypatch.setattr(views, "reverse", lambda name: "/cy/report/")

    response = client.get("/cy/signs/county-lines/")

    assert 'href="/cy/report/?threat=county-lines"' in response.text


def test_threat_detail_no_report_button_without_report_flow(client, monkeypatch):
    def missing(name):
        raise NoReverseMatch(name)

    monkeypatch.setattr(views, "reverse", missing)

    response = client.get("/signs/county-lines/")

    assert "?threat=county-lines" not in response.text
    assert "govuk-button--start" not in response.text
