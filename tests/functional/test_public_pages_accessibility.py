"""Every public page a resident meets, in each of the four languages, passes axe-core.

The start page, the warning signs, one threat, the report flow's start page and
its first two questions, follow-up, the privacy notice and the accessibility
statement: each checked with axe-core (no serious or critical violation), marked
with the language it is in, and none of them sets a cookie.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hedgerow.intelligence.models import Threat
from hedgerow.intelligence.services.catalogue import catalogue_install

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THREAT = "county-lines"


def in_language(language: str, text: str) -> str:
    """The page's text for this English text in `language` (else English)."""
    with translation.override(language):
        return gettext(text)


@pytest.fixture
def threat() -> Threat:
    # A transactional test database is flushed between tests, taking the
    # catalogue the data migration installed with it.
    if not Threat.objects.filter(slug=THREAT).exists():
        catalogue_install()
    return Threat.objects.get(slug=THREAT)


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ro"])
def test_public_pages_are_accessible_in_every_language(
    page, live_server, assert_accessible, threat, language
):
    prefix = "" if language == "en" else f"/{language}"
    base = f"{live_server.url}{prefix}"
    name = threat.texts[language]["name"]
    sign = threat.signs.filter(is_published=True).first().texts[language]

    def check(expected_url: str | None = None) -> None:
        assert page.locator("html").get_attribute("lang") == language
        if expected_url:
            assert page.url == f"{base}{expected_url}"
        assert_accessible(page)

    for path in ("/", "/signs/", f"/signs/{THREAT}/"):
        response = page.goto(f"{base}{path}")
        assert response.status == 200
        check(path)
    # The threat page is in the language asked for, from the catalogue.
    assert page.get_by_role("heading", level=1).inner_text() == name

    # The report flow's start page and its first two questions.
    page.goto(f"{base}/report/")
    check("/report/")
    page.get_by_role("button", name=in_language(language, "Start now")).click()
    check()
    assert page.get_by_label(name).is_visible()
    page.get_by_label(name).check()
    page.get_by_role("button", name=in_language(language, "Continue")).click()
    check()
    assert page.get_by_label(sign).is_visible()

    for path in ("/report/follow-up/", "/privacy/", "/accessibility/"):
        response = page.goto(f"{base}{path}")
        assert response.status == 200
        check(path)

    assert len(assert_accessible.visited) == 9
    assert page.context.cookies() == []
