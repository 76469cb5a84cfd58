"""Writes to the warning-signs catalogue: installing the shipped content, and edits.

Coordinators own the catalogue once it is installed: installing again only adds
what is missing, unless `replace=True` puts the shipped text back. Every edit is
recorded in the audit trail with the fields and languages it changed.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.core.caches import clears
from hedgerow.intelligence.api.open311_catalogue import CATALOGUE
from hedgerow.intelligence.catalogue.shipped import ShippedCatalogue, catalogue_load
from hedgerow.intelligence.models import Contact, Threat, WarningSign

CATALOGUE_TARGET_TYPE = "intelligence.catalogue"
INSTALL_PURPOSE = "Install the shipped warning-signs catalogue"
EDIT_PURPOSE = "Edit the warning-signs catalogue"
ENGLISH_REQUIRED = "Enter the English text: the other languages fall back to it"

Texts = dict[str, Any]


@dataclass
class CatalogueInstallResult:
    """What an install created, and what it put back to the shipped text."""

    contacts_created: list[str] = field(default_factory=list)
    threats_created: list[str] = field(default_factory=list)
    signs_created: list[str] = field(default_factory=list)
    contacts_replaced: list[str] = field(default_factory=list)
    threats_replaced: list[str] = field(default_factory=list)
    signs_replaced: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(asdict(self).values())


@clears(CATALOGUE)
@transaction.atomic
def catalogue_install(
    *,
    actor: Any = None,
    replace: bool = False,
    catalogue: ShippedCatalogue | None = None,
) -> CatalogueInstallResult:
    """Create the shipped contacts, threats and signs that are missing.

    Rows that already exist keep the coordinators' edits unless `replace` is
    True. Signs coordinators added themselves are never removed.
    """
    catalogue = catalogue or catalogue_load()
    result = CatalogueInstallResult()
    contacts = {
        data["slug"]: _install_contact(data, replace, result)
        for data in catalogue.contacts
    }
    for data in catalogue.threats:
        threat = _install_threat(data, contacts, replace, result)
        for position, sign in enumerate(data["signs"], start=1):
            _install_sign(threat, sign, position * 10, replace, result)
    if result.changed:
        audit_record(
            actor=actor,
            action=Action.UPDATE if replace else Action.CREATE,
            target_type=CATALOGUE_TARGET_TYPE,
            purpose=INSTALL_PURPOSE,
            detail=asdict(result),
            actor_label="" if actor else "system",
        )
    return result


def _install_contact(
    data: dict[str, Any], replace: bool, result: CatalogueInstallResult
) -> Contact:
    values = {key: data.get(key, "") for key in ("name", "description", "phone", "url")}
    values["order"] = data.get("order", 100)
    contact = Contact.objects.filter(slug=data["slug"]).first()
    if contact is None:
        result.contacts_created.append(data["slug"])
        return Contact.objects.create(slug=data["slug"], **values)
    if replace and _assign(contact, values):
        contact.save()
        result.contacts_replaced.append(contact.slug)
    return contact


def _install_threat(
    data: dict[str, Any],
    contacts: dict[str, Contact],
    replace: bool,
    result: CatalogueInstallResult,
) -> Threat:
    specialist = data.get("specialist_contact")
    values = {
        "texts": data["texts"],
        "specialist_contact": contacts[specialist] if specialist else None,
        "helpline_threshold": data.get("helpline_threshold"),
        "sources": data.get("sources", ""),
        "order": data.get("order", 100),
    }
    shipped_contacts = [contacts[slug] for slug in data.get("contacts", [])]
    threat = Threat.objects.filter(slug=data["slug"]).first()
    if threat is None:
        threat = Threat.objects.create(slug=data["slug"], **values)
        threat.contacts.set(shipped_contacts)
        result.threats_created.append(threat.slug)
    elif replace:
        changed = _assign(threat, {**values, "is_published": True})
        if {c.pk for c in threat.contacts.all()} != {c.pk for c in shipped_contacts}:
            threat.contacts.set(shipped_contacts)
            changed.append("contacts")
        if changed:
            threat.save()
            result.threats_replaced.append(threat.slug)
    return threat


def _install_sign(
    threat: Threat,
    data: dict[str, Any],
    order: int,
    replace: bool,
    result: CatalogueInstallResult,
) -> None:
    name = f"{threat.slug}/{data['slug']}"
    values = {"texts": data["texts"], "order": order, "is_published": True}
    sign = WarningSign.objects.filter(threat=threat, slug=data["slug"]).first()
    if sign is None:
        WarningSign.objects.create(threat=threat, slug=data["slug"], **values)
        result.signs_created.append(name)
    elif replace and _assign(sign, values):
        sign.save()
        result.signs_replaced.append(name)


@clears(CATALOGUE)
@transaction.atomic
def threat_update(
    *,
    threat: Threat,
    by: Any,
    texts: dict[str, Texts],
    contacts: list[Contact],
    specialist_contact: Contact | None,
    helpline_threshold: int | None,
    is_published: bool,
    order: int,
) -> Threat:
    """Change a threat's text in each language and where it sends people."""
    _require_english(texts, ("name", "summary", "do", "dont"))
    languages = _changed_languages(threat.texts, texts)
    fields = _assign(
        threat,
        {
            "texts": texts,
            "specialist_contact": specialist_contact,
            "helpline_threshold": helpline_threshold,
            "is_published": is_published,
            "order": order,
        },
    )
    threat.save()
    if {c.pk for c in threat.contacts.all()} != {c.pk for c in contacts}:
        threat.contacts.set(contacts)
        fields.append("contacts")
    _audit_edit(by, Action.UPDATE, threat, fields, languages)
    return threat


@clears(CATALOGUE)
@transaction.atomic
def warning_sign_create(
    *, threat: Threat, by: Any, texts: Texts, order: int, is_published: bool
) -> WarningSign:
    """Add a warning sign to a threat, with a short name made from its English."""
    _require_english({"en": {"text": texts.get("en")}}, ("text",))
    taken = set(threat.signs.values_list("slug", flat=True))
    sign = WarningSign.objects.create(
        threat=threat,
        slug=_unique_slug(texts["en"], taken, max_length=80),
        texts=texts,
        order=order,
        is_published=is_published,
    )
    _audit_edit(by, Action.CREATE, sign, ["texts"], sorted(texts))
    return sign


@clears(CATALOGUE)
@transaction.atomic
def warning_sign_update(
    *, sign: WarningSign, by: Any, texts: Texts, order: int, is_published: bool
) -> WarningSign:
    """Change a warning sign's text, order or whether the public sees it."""
    _require_english({"en": {"text": texts.get("en")}}, ("text",))
    languages = _changed_languages(sign.texts, texts)
    fields = _assign(
        sign, {"texts": texts, "order": order, "is_published": is_published}
    )
    sign.save()
    _audit_edit(by, Action.UPDATE, sign, fields, languages)
    return sign


@clears(CATALOGUE)
@transaction.atomic
def contact_create(
    *, by: Any, name: Texts, description: Texts, phone: str, url: str, order: int
) -> Contact:
    """Add somewhere else to go for help."""
    _require_english({"en": {"name": name.get("en")}}, ("name",))
    taken = set(Contact.objects.values_list("slug", flat=True))
    contact = Contact.objects.create(
        slug=_unique_slug(name["en"], taken, max_length=60),
        name=name,
        description=description,
        phone=phone,
        url=url,
        order=order,
    )
    languages = sorted(set(name) | set(description))
    _audit_edit(by, Action.CREATE, contact, ["name", "description"], languages)
    return contact


@clears(CATALOGUE)
@transaction.atomic
def contact_update(
    *,
    contact: Contact,
    by: Any,
    name: Texts,
    description: Texts,
    phone: str,
    url: str,
    order: int,
) -> Contact:
    """Change a contact's name, description, number, website or order."""
    _require_english({"en": {"name": name.get("en")}}, ("name",))
    languages = sorted(
        set(_changed_languages(contact.name, name))
        | set(_changed_languages(contact.description, description))
    )
    fields = _assign(
        contact,
        {
            "name": name,
            "description": description,
            "phone": phone,
            "url": url,
            "order": order,
        },
    )
    contact.save()
    _audit_edit(by, Action.UPDATE, contact, fields, languages)
    return contact


def _assign(instance: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; return the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _changed_languages(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return sorted(
        code for code in set(old) | set(new) if old.get(code) != new.get(code)
    )


def _require_english(texts: dict[str, Any], keys: tuple[str, ...]) -> None:
    english = texts.get("en") or {}
    if not all(english.get(key) for key in keys):
        raise ValidationError(ENGLISH_REQUIRED)


def _unique_slug(text: str, taken: set[str], *, max_length: int) -> str:
    base = (slugify(text)[: max_length - 4].strip("-")) or "item"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _audit_edit(
    by: Any,
    action: Action,
    target: models.Model,
    fields: list[str],
    languages: list[str],
) -> None:
    audit_record(
        actor=by,
        action=action,
        target=target,
        purpose=EDIT_PURPOSE,
        detail={"fields": sorted(fields), "languages": languages},
    )
