"""The shipped warning-signs catalogue: its content, and installing it."""

import copy
import importlib
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.catalogue.shipped import (
    LANGUAGES,
    catalogue_load,
    catalogue_validate,
)
from hedgerow.intelligence.management.commands.load_signs_catalogue import (
    NOTHING_TO_DO,
)
from hedgerow.intelligence.models import Contact, Threat, WarningSign
from hedgerow.intelligence.services.catalogue import (
    CATALOGUE_TARGET_TYPE,
    catalogue_install,
)
from hedgerow.intelligence.tests.factories import WarningSignFactory

REQUIRED_THREATS = {
    "county-lines",
    "modern-slavery",
    "child-sexual-exploitation",
    "child-criminal-exploitation",
    "fraud-and-scams",
    "illicit-goods",
    "firearms-and-weapons",
    "cyber-crime",
    "organised-theft-and-rural-crime",
    "money-laundering",
}
# The real numbers, checked against each organisation's own website.
REAL_NUMBERS = {
    "emergency-999": "999",
    "police-101": "101",
    "crimestoppers": "0800 555 111",
    "fearless": "",
    "modern-slavery-helpline": "08000 121 700",
    "report-fraud": "0300 123 2040",
    "nspcc": "0808 800 5000",
    "childline": "0800 1111",
    "citizens-advice-consumer": "0808 223 1133",
}


@pytest.fixture
def shipped():
    return catalogue_load()


def test_catalogue_load_covers_every_required_threat(shipped):
    assert {threat["slug"] for threat in shipped.threats} >= REQUIRED_THREATS


def test_catalogue_load_every_threat_has_5_to_15_signs_in_four_languages(shipped):
    for threat in shipped.threats:
        assert 5 <= len(threat["signs"]) <= 15, threat["slug"]
        for sign in threat["signs"]:
            assert all(sign["texts"][code].strip() for code in LANGUAGES)
        for code in LANGUAGES:
            text = threat["texts"][code]
            assert text["name"], (threat["slug"], code)
            assert text["summary"], (threat["slug"], code)
            assert 3 <= len(text["do"]) <= 6
            assert 3 <= len(text["dont"]) <= 5


def test_catalogue_load_contacts_have_the_real_numbers(shipped):
    numbers = {contact["slug"]: contact["phone"] for contact in shipped.contacts}
    assert numbers == REAL_NUMBERS


def test_catalogue_load_modern_slavery_points_to_helpline_at_three_signs(shipped):
    slavery = next(t for t in shipped.threats if t["slug"] == "modern-slavery")
    assert slavery["specialist_contact"] == "modern-slavery-helpline"
    assert slavery["helpline_threshold"] == 3


def test_catalogue_validate_missing_translation_names_the_entry(shipped):
    broken = copy.deepcopy(shipped)
    county_lines = next(t for t in broken.threats if t["slug"] == "county-lines")
    del county_lines["signs"][0]["texts"]["ro"]

    with pytest.raises(ValidationError) as error:
        catalogue_validate(broken)

    assert error.value.messages == [
        "threat county-lines: sign many-visitors: the text is missing in ro"
    ]


def test_catalogue_validate_too_few_signs(shipped):
    broken = copy.deepcopy(shipped)
    broken.threats[0]["signs"] = broken.threats[0]["signs"][:4]

    with pytest.raises(ValidationError) as error:
        catalogue_validate(broken)

    assert "has 4 signs, not 5 to 15" in error.value.messages[0]


def test_catalogue_validate_unknown_contact(shipped):
    broken = copy.deepcopy(shipped)
    broken.threats[0]["contacts"].append("ghostbusters")

    with pytest.raises(ValidationError) as error:
        catalogue_validate(broken)

    assert error.value.messages == [
        "threat county-lines: unknown contact 'ghostbusters'"
    ]


@pytest.mark.django_db
def test_migration_installs_the_catalogue_into_an_empty_database():
    Threat.objects.all().delete()
    Contact.objects.all().delete()
    migration = importlib.import_module(
        "hedgerow.intelligence.migrations.0003_install_catalogue"
    )

    migration.install_catalogue(apps, None)

    slavery = Threat.objects.get(slug="modern-slavery")
    assert slavery.specialist_contact.slug == "modern-slavery-helpline"
    assert slavery.signs.count() == 14
    assert Threat.objects.count() == 10
    assert Contact.objects.count() == 9


@pytest.mark.django_db
def test_catalogue_install_twice_creates_nothing_the_second_time():
    catalogue_install()
    counts = (
        Contact.objects.count(),
        Threat.objects.count(),
        WarningSign.objects.count(),
    )

    result = catalogue_install()

    assert not result.changed
    assert counts == (
        Contact.objects.count(),
        Threat.objects.count(),
        WarningSign.objects.count(),
    )


@pytest.mark.django_db
def test_catalogue_install_recreates_what_is_missing_and_audits_it():
    catalogue_install()
    Threat.objects.filter(slug="firearms-and-weapons").delete()

    result = catalogue_install()

    assert result.threats_created == ["firearms-and-weapons"]
    assert len(result.signs_created) == 9
    assert Threat.objects.get(slug="firearms-and-weapons").contacts.count() == 4
    event = AuditEvent.objects.get(target_type=CATALOGUE_TARGET_TYPE)
    assert event.action == Action.CREATE
    assert event.detail["threats_created"] == ["firearms-and-weapons"]


@pytest.mark.django_db
def test_catalogue_install_keeps_coordinators_edits():
    catalogue_install()
    threat = Threat.objects.get(slug="county-lines")
    threat.texts["cy"]["name"] = "Llinellau sirol"
    threat.is_published = False
    threat.save()

    catalogue_install()

    threat.refresh_from_db()
    assert threat.texts["cy"]["name"] == "Llinellau sirol"
    assert not threat.is_published


@pytest.mark.django_db
def test_catalogue_install_replace_restores_shipped_text_and_keeps_added_signs():
    catalogue_install()
    threat = Threat.objects.get(slug="county-lines")
    threat.texts["en"]["name"] = "Drug lines"
    threat.save()
    added = WarningSignFactory(threat=threat, slug="added-by-coordinator")

    result = catalogue_install(replace=True)

    threat.refresh_from_db()
    assert threat.texts["en"]["name"] == "County lines and cuckooing"
    assert result.threats_replaced == ["county-lines"]
    assert WarningSign.objects.filter(pk=added.pk).exists()


@pytest.mark.django_db
def test_load_signs_catalogue_prints_what_it_created():
    catalogue_install()
    Contact.objects.filter(slug="fearless").delete()
    out = StringIO()

    call_command("load_signs_catalogue", stdout=out)

    assert "Contacts created (1): fearless" in out.getvalue()
    assert Contact.objects.filter(slug="fearless").exists()


@pytest.mark.django_db
def test_load_signs_catalogue_up_to_date_says_so():
    catalogue_install()
    out = StringIO()

    call_command("load_signs_catalogue", stdout=out)

    assert out.getvalue().strip() == NOTHING_TO_DO


@pytest.mark.django_db
def test_load_signs_catalogue_replace_puts_shipped_text_back():
    catalogue_install()
    Contact.objects.filter(slug="nspcc").update(phone="0000")
    out = StringIO()

    call_command("load_signs_catalogue", "--replace", stdout=out)

    assert Contact.objects.get(slug="nspcc").phone == "0808 800 5000"
    assert "Contacts replaced (1): nspcc" in out.getvalue()
