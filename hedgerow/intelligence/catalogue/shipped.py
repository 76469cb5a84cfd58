"""Read and check the shipped catalogue files before anything reaches the database.

A mistake in the JSON (a missing translation, too few signs, an unknown contact)
is reported naming the file and entry, so it is fixed before release rather than
showing a half-translated page to the public.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

CATALOGUE_DIR = Path(__file__).resolve().parent
CONTACTS_FILE = CATALOGUE_DIR / "contacts.json"
THREATS_DIR = CATALOGUE_DIR / "threats"

LANGUAGES = ("en", "cy", "pl", "ro")
THREAT_TEXT_KEYS = ("name", "summary", "do", "dont")
MIN_SIGNS, MAX_SIGNS = 5, 15
MIN_DO, MAX_DO = 3, 6
MIN_DONT, MAX_DONT = 3, 5
# Path segments the signs URLs already use: a threat cannot be called this.
RESERVED_SLUGS = frozenset({"manage", "contacts"})


@dataclass(frozen=True)
class ShippedCatalogue:
    """The contacts and threats (each with its signs) as read from the files."""

    contacts: list[dict[str, Any]]
    threats: list[dict[str, Any]]


def catalogue_load(directory: Path = CATALOGUE_DIR) -> ShippedCatalogue:
    """Read every catalogue file and validate it; raises ValidationError if wrong."""
    contacts = _read(directory / "contacts.json")
    threats = [_read(path) for path in sorted((directory / "threats").glob("*.json"))]
    catalogue = ShippedCatalogue(contacts=contacts, threats=threats)
    catalogue_validate(catalogue)
    return catalogue


def catalogue_validate(catalogue: ShippedCatalogue) -> None:
    """Check every entry; the error lists each problem with where it is."""
    problems: list[str] = []
    contact_slugs = set()
    for contact in catalogue.contacts:
        problems += _contact_problems(contact)
        contact_slugs.add(contact.get("slug"))
    threat_slugs: set[str] = set()
    for threat in catalogue.threats:
        slug = threat.get("slug", "?")
        if slug in threat_slugs:
            problems.append(f"threat {slug}: the slug is used twice")
        threat_slugs.add(slug)
        problems += [f"threat {slug}: {p}" for p in _threat_problems(threat)]
        problems += [
            f"threat {slug}: unknown contact {c!r}"
            for c in [*threat.get("contacts", []), threat.get("specialist_contact")]
            if c is not None and c not in contact_slugs
        ]
    if problems:
        raise ValidationError(problems)


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ValidationError(f"{path.name}: cannot read it ({error})") from error


def _contact_problems(contact: dict[str, Any]) -> list[str]:
    slug = contact.get("slug") or "?"
    problems = [
        f"contact {slug}: {field} is missing in {language}"
        for field in ("name", "description")
        for language in LANGUAGES
        if not str(contact.get(field, {}).get(language, "")).strip()
    ]
    if not contact.get("phone") and not contact.get("url"):
        problems.append(f"contact {slug}: needs a phone number or a website")
    return problems


def _threat_problems(threat: dict[str, Any]) -> list[str]:
    problems = []
    if not threat.get("slug") or threat["slug"] in RESERVED_SLUGS:
        problems.append("the slug is missing or reserved")
    texts = threat.get("texts", {})
    for language in LANGUAGES:
        problems += _threat_text_problems(texts.get(language) or {}, language)
        # A translation with a missing or extra step has drifted from the English.
        problems += [
            f"{key} in {language} has a different number of items from English"
            for key in ("do", "dont")
            if len((texts.get(language) or {}).get(key, []))
            != len((texts.get("en") or {}).get(key, []))
        ]
    signs = threat.get("signs", [])
    if not MIN_SIGNS <= len(signs) <= MAX_SIGNS:
        problems.append(f"has {len(signs)} signs, not {MIN_SIGNS} to {MAX_SIGNS}")
    sign_slugs = [sign.get("slug") for sign in signs]
    if len(set(sign_slugs)) != len(sign_slugs) or not all(sign_slugs):
        problems.append("every sign needs its own slug")
    problems += [
        f"sign {sign.get('slug')}: the text is missing in {language}"
        for sign in signs
        for language in LANGUAGES
        if not str(sign.get("texts", {}).get(language, "")).strip()
    ]
    threshold = threat.get("helpline_threshold")
    if (threshold is None) != (threat.get("specialist_contact") is None):
        problems.append("a specialist contact and a threshold go together")
    return problems


def _threat_text_problems(text: dict[str, Any], language: str) -> list[str]:
    problems = [
        f"{key} is missing in {language}"
        for key in ("name", "summary")
        if not str(text.get(key, "")).strip()
    ]
    for key, low, high in (("do", MIN_DO, MAX_DO), ("dont", MIN_DONT, MAX_DONT)):
        items = [item for item in text.get(key, []) if str(item).strip()]
        if not low <= len(items) <= high:
            problems.append(f"{key} has {len(items)} items in {language}")
    return problems
