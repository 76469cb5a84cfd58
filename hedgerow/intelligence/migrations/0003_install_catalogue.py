"""Install the shipped warning-signs catalogue, so a fresh install has it.

A frozen copy of the install logic using historical models: it must keep working
when the live models and services change. It only adds what is missing, so it
never overwrites what coordinators have edited; reversing it keeps the content.
`hedgerow load_signs_catalogue` installs content shipped after this migration.
"""

import json
from pathlib import Path

from django.db import migrations

CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "catalogue"


def _read(path):
    return json.loads(path.read_text(encoding="utf-8"))


def install_catalogue(apps, schema_editor):
    Contact = apps.get_model("intelligence", "Contact")
    Threat = apps.get_model("intelligence", "Threat")
    WarningSign = apps.get_model("intelligence", "WarningSign")

    contacts = {}
    for data in _read(CATALOGUE_DIR / "contacts.json"):
        contacts[data["slug"]], _ = Contact.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data.get("name", {}),
                "description": data.get("description", {}),
                "phone": data.get("phone", ""),
                "url": data.get("url", ""),
                "order": data.get("order", 100),
            },
        )
    for path in sorted((CATALOGUE_DIR / "threats").glob("*.json")):
        data = _read(path)
        specialist = data.get("specialist_contact")
        threat, created = Threat.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "texts": data.get("texts", {}),
                "specialist_contact": contacts.get(specialist),
                "helpline_threshold": data.get("helpline_threshold"),
                "sources": data.get("sources", ""),
                "order": data.get("order", 100),
            },
        )
        if created:
            threat.contacts.set(
                [contacts[slug] for slug in data.get("contacts", []) if slug in contacts]
            )
        for position, sign in enumerate(data.get("signs", []), start=1):
            WarningSign.objects.get_or_create(
                threat=threat,
                slug=sign["slug"],
                defaults={"texts": sign.get("texts", {}), "order": position * 10},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("intelligence", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(install_catalogue, migrations.RunPython.noop),
    ]
