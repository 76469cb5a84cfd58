"""English and Welsh: the language is chosen by the address alone (docs/adr/0006)."""

import importlib.util
import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return unescape(response.content.decode())


def alternate_links(response) -> dict[str, str]:
    """The language navigation's links to this page in other languages: {code: href}."""
    links = re.findall(
        r"<a [^>]*govuk-language-navigation__link[^>]*>", page_text(response)
    )
    found = {}
    for link in links:
        assert 'rel="alternate"' in link
        hreflang = re.search(r'hreflang="([^"]+)"', link).group(1)
        found[hreflang] = re.search(r'href="([^"]+)"', link).group(1)
    return found


def test_welsh_start_page_is_in_welsh(client):
    response = client.get("/cy/")

    text = page_text(response)
    assert response.status_code == 200
    assert '<html lang="cy"' in text
    assert response.headers["Content-Language"] == "cy"
    assert "Neidio i'r prif gynnwys" in text
    assert "Datganiad hygyrchedd" in text
    assert "Accessibility statement" not in text


def test_english_start_page_is_in_english(client):
    response = client.get("/")

    assert '<html lang="en"' in page_text(response)
    assert "Skip to main content" in page_text(response)


def test_english_page_links_to_the_same_page_in_welsh(client):
    response = client.get("/privacy/")

    assert alternate_links(response) == {
        "cy": "/cy/privacy/",
        "pl": "/pl/privacy/",
        "ro": "/ro/privacy/",
    }
    current = (
        '<span class="govuk-language-navigation__text" aria-current="true" lang="en">'
    )
    assert f"{current}English</span>" in page_text(response)


def test_welsh_page_links_to_the_same_page_in_english(client):
    response = client.get("/cy/")

    assert alternate_links(response) == {"en": "/", "pl": "/pl/", "ro": "/ro/"}


def test_welsh_privacy_notice_links_back_to_english_privacy_notice(client):
    assert alternate_links(client.get("/cy/privacy/"))["en"] == "/privacy/"


def test_changing_language_sets_no_cookie(client):
    client.get("/")
    response = client.get("/cy/")

    assert not response.cookies
    assert not client.cookies


def test_browser_asking_for_welsh_still_gets_english_at_english_address(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="cy")

    assert '<html lang="en"' in page_text(response)
    assert response.headers["Content-Language"] == "en"


def test_browser_asking_for_english_still_gets_welsh_at_welsh_address(client):
    response = client.get("/cy/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert '<html lang="cy"' in page_text(response)


def test_language_cookie_is_ignored(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    response = client.get("/")

    assert '<html lang="en"' in page_text(response)


def test_language_switching_view_is_not_offered(client):
    response = client.post("/i18n/setlang/", {"language": "cy"})

    assert response.status_code == 404
    assert not response.cookies


def test_page_not_found_in_welsh_is_in_welsh(client):
    response = client.get("/cy/no-such-page/")

    text = page_text(response)
    assert response.status_code == 404
    assert '<html lang="cy"' in text
    assert "Heb ddod o hyd i'r dudalen" in text


def test_staff_languages_are_english_and_welsh_public_adds_polish_and_romanian():
    assert settings.HEDGEROW_STAFF_LANGUAGES == ["en", "cy"]
    assert [code for code, _name in settings.LANGUAGES] == ["en", "cy", "pl", "ro"]


# scripts/check_translations.py: `make check` fails on incomplete Welsh.

CHECKER_PATH = Path(__file__).resolve().parents[3] / "scripts" / "check_translations.py"
WELSH_PLURALS = (
    "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : "
    "(n==6) ? 4 : 5;"
)


@pytest.fixture
def checker(tmp_path, monkeypatch):
    """The translation checker, pointed at a locale folder under tmp_path."""
    spec = importlib.util.spec_from_file_location("check_translations", CHECKER_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(module, "LOCALE_DIR", tmp_path / "locale")
    return module


def write_catalogue(tmp_path, *entries: polib.POEntry) -> Path:
    po = polib.POFile()
    po.metadata = {"Language": "cy", "Plural-Forms": WELSH_PLURALS}
    for entry in entries:
        po.append(entry)
    path = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    return path


def test_translation_check_passes_complete_compiled_catalogue(
    checker, tmp_path, capsys
):
    write_catalogue(tmp_path, polib.POEntry(msgid="Sign in", msgstr="Mewngofnodi"))
    checker.main(["--compile"])

    assert checker.main([]) == 0
    assert "complete" in capsys.readouterr().out


def test_translation_check_fails_on_untranslated_entry(checker, tmp_path, capsys):
    write_catalogue(tmp_path, polib.POEntry(msgid="Sign out", msgstr=""))
    checker.main(["--compile"])

    assert checker.main([]) == 1
    assert "msgid 'Sign out' is not translated" in capsys.readouterr().err


def test_translation_check_fails_on_fuzzy_entry(checker, tmp_path, capsys):
    fuzzy = polib.POEntry(msgid="Menu", msgstr="Dewislen", flags=["fuzzy"])
    write_catalogue(tmp_path, fuzzy)
    checker.main(["--compile"])

    assert checker.main([]) == 1
    assert "msgid 'Menu' is marked fuzzy" in capsys.readouterr().err


def test_translation_check_fails_on_lost_placeholder(checker, tmp_path, capsys):
    entry = polib.POEntry(msgid="Welcome, %(name)s", msgstr="Croeso, %(enw)s")
    write_catalogue(tmp_path, entry)
    checker.main(["--compile"])

    assert checker.main([]) == 1
    assert "placeholders ['%(enw)s'] in the translation" in capsys.readouterr().err


def test_translation_check_fails_on_missing_welsh_plural_forms(
    checker, tmp_path, capsys
):
    entry = polib.POEntry(
        msgid="%(count)s agency",
        msgid_plural="%(count)s agencies",
        msgstr_plural={0: "%(count)s asiantaeth", 1: "%(count)s asiantaeth"},
    )
    write_catalogue(tmp_path, entry)
    checker.main(["--compile"])

    assert checker.main([]) == 1
    assert "has 2 plural forms, needs 6" in capsys.readouterr().err


def test_translation_check_fails_when_compiled_file_is_missing(
    checker, tmp_path, capsys
):
    write_catalogue(tmp_path, polib.POEntry(msgid="Sign in", msgstr="Mewngofnodi"))

    assert checker.main([]) == 1
    assert "django.mo is missing" in capsys.readouterr().err


def test_translation_check_fails_when_compiled_file_is_stale(checker, tmp_path, capsys):
    path = write_catalogue(
        tmp_path, polib.POEntry(msgid="Sign in", msgstr="Mewngofnodi")
    )
    checker.main(["--compile"])
    po = polib.pofile(str(path))
    po[0].msgstr = "Mewngofnodi nawr"
    po.save()

    assert checker.main([]) == 1
    assert "django.mo is out of date" in capsys.readouterr().err
