"""Coordinators editing the warning-signs catalogue, and who may not."""

import pytest
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.forms import signs as forms
from hedgerow.intelligence.forms.signs import ContactForm, ThreatForm, WarningSignForm
from hedgerow.intelligence.models import Contact, Threat, WarningSign
from hedgerow.intelligence.services.catalogue import catalogue_install

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalogue():
    catalogue_install()


@pytest.fixture
def coordinator(staff_client):
    return staff_client(Role.COORDINATOR)


def _post_data(initial):
    """The form's starting values as a browser would send them back."""
    data = {}
    for name, value in initial.items():
        if value is True:
            data[name] = "on"
        elif value is None or value is False:
            continue
        elif isinstance(value, list):
            data[name] = [item.pk for item in value]
        elif isinstance(value, Contact):
            data[name] = value.pk
        else:
            data[name] = value
    return data


def _threat_data(threat, **changes):
    return {**_post_data(ThreatForm.initial_for(threat)), **changes}


def _manage_urls():
    threat = Threat.objects.get(slug="county-lines")
    return [
        reverse("signs:manage_list"),
        reverse("signs:manage_threat", args=[threat.slug]),
        reverse("signs:manage_sign_add", args=[threat.slug]),
        reverse("signs:manage_sign_edit", args=[threat.slug, threat.signs.first().pk]),
        reverse("signs:manage_contact_add"),
        reverse("signs:manage_contact_edit", args=["crimestoppers"]),
    ]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ANALYST])
def test_manage_pages_forbidden_to_officers_and_analysts(staff_client, role):
    client = staff_client(role)
    for url in _manage_urls():
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_manage_pages_send_the_public_to_sign_in(client):
    for url in _manage_urls():
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_manage_pages_open_for_coordinators(coordinator):
    for url in _manage_urls():
        assert coordinator.get(url).status_code == 200, url


def test_manage_list_shows_hidden_threats_and_contacts(coordinator):
    Threat.objects.filter(slug="cyber-crime").update(is_published=False)

    response = coordinator.get(reverse("signs:manage_list"))

    assert "Cyber crime" in response.text
    assert "Hidden" in response.text
    assert "Crimestoppers" in response.text


def test_manage_threat_welsh_edit_shows_publicly_and_is_audited(coordinator, client):
    threat = Threat.objects.get(slug="county-lines")
    url = reverse("signs:manage_threat", args=[threat.slug])

    response = coordinator.post(url, _threat_data(threat, name_cy="Llinellau sirol"))

    assert response.status_code == 302
    assert "Llinellau sirol" in client.get("/cy/signs/county-lines/").text
    event = AuditEvent.objects.get(
        target_type="intelligence.threat", target_id=str(threat.pk)
    )
    assert event.action == Action.UPDATE
    assert event.actor_id == coordinator.user.pk
    assert event.detail == {"fields": ["texts"], "languages": ["cy"]}


def test_manage_threat_one_item_per_line(coordinator, client):
    threat = Threat.objects.get(slug="county-lines")
    data = _threat_data(threat, do_en="Call 101.\n\n  Tell Crimestoppers.  \n")

    coordinator.post(reverse("signs:manage_threat", args=[threat.slug]), data)

    threat.refresh_from_db()
    assert threat.texts["en"]["do"] == ["Call 101.", "Tell Crimestoppers."]


def test_manage_threat_unpublish_hides_it(coordinator, client):
    threat = Threat.objects.get(slug="county-lines")
    data = _threat_data(threat)
    del data["is_published"]

    coordinator.post(reverse("signs:manage_threat", args=[threat.slug]), data)

    assert client.get("/signs/county-lines/").status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name_en": ""}, forms.ENTER_NAME),
        ({"do_en": "   "}, forms.ENTER_DO),
        ({"specialist_contact": "", "helpline_threshold": "3"}, None),
        ({"helpline_threshold": ""}, forms.CONTACT_WITHOUT_THRESHOLD),
        ({"name_pl": "x" * 121}, "Name in Polish must be 120 characters or fewer"),
        ({"dont_en": "\n".join(["Do not."] * 11)}, None),
        ({"order": ""}, "Enter a number for the order"),
    ],
)
def test_manage_threat_bad_input_shows_errors_and_saves_nothing(
    coordinator, changes, message
):
    threat = Threat.objects.get(slug="modern-slavery")
    before = (threat.texts, threat.helpline_threshold)

    response = coordinator.post(
        reverse("signs:manage_threat", args=[threat.slug]),
        _threat_data(threat, **changes),
    )

    assert response.status_code == 200
    assert "There is a problem" in response.text
    if message:
        assert str(message) in response.text
    threat.refresh_from_db()
    assert (threat.texts, threat.helpline_threshold) == before
    assert not AuditEvent.objects.filter(target_type="intelligence.threat").exists()


def test_manage_threat_threshold_without_contact_message(coordinator):
    threat = Threat.objects.get(slug="county-lines")

    response = coordinator.post(
        reverse("signs:manage_threat", args=[threat.slug]),
        _threat_data(threat, helpline_threshold="2"),
    )

    assert str(forms.THRESHOLD_WITHOUT_CONTACT) in response.text


def test_manage_sign_add_shows_publicly_and_is_audited(coordinator, client):
    url = reverse("signs:manage_sign_add", args=["county-lines"])
    data = {
        "text_en": "Bikes left outside all night",
        "text_ro": "Biciclete",
        "order": 5,
    }

    response = coordinator.post(url, {**data, "is_published": "on"})

    assert response.status_code == 302
    sign = WarningSign.objects.get(slug="bikes-left-outside-all-night")
    assert sign.texts == {"en": "Bikes left outside all night", "ro": "Biciclete"}
    assert "Bikes left outside all night" in client.get("/pl/signs/county-lines/").text
    event = AuditEvent.objects.get(target_type="intelligence.warningsign")
    assert event.action == Action.CREATE


def test_manage_sign_add_without_english_is_refused(coordinator):
    url = reverse("signs:manage_sign_add", args=["county-lines"])
    count = WarningSign.objects.count()

    response = coordinator.post(url, {"text_cy": "Beiciau", "order": 5})

    assert str(forms.ENTER_SIGN) in response.text
    assert WarningSign.objects.count() == count


def test_manage_sign_edit_unpublish_hides_it(coordinator, client):
    sign = WarningSign.objects.get(threat__slug="county-lines", slug="strong-smells")
    data = _post_data(WarningSignForm.initial_for(sign))
    del data["is_published"]

    coordinator.post(
        reverse("signs:manage_sign_edit", args=["county-lines", sign.pk]), data
    )

    assert sign.texts["en"] not in client.get("/signs/county-lines/").text
    event = AuditEvent.objects.get(target_type="intelligence.warningsign")
    assert event.detail == {"fields": ["is_published"], "languages": []}


def test_manage_sign_edit_of_another_threat_is_not_found(coordinator):
    sign = WarningSign.objects.filter(threat__slug="cyber-crime").first()
    url = reverse("signs:manage_sign_edit", args=["county-lines", sign.pk])

    assert coordinator.get(url).status_code == 404


def test_manage_contact_edit_shows_publicly_and_is_audited(coordinator, client):
    contact = Contact.objects.get(slug="crimestoppers")
    data = _post_data(ContactForm.initial_for(contact))
    data["description_pl"] = "Zadzwoń anonimowo."

    response = coordinator.post(
        reverse("signs:manage_contact_edit", args=[contact.slug]), data
    )

    assert response.status_code == 302
    assert "Zadzwoń anonimowo." in client.get("/pl/signs/county-lines/").text
    event = AuditEvent.objects.get(target_type="intelligence.contact")
    assert event.detail == {"fields": ["description"], "languages": ["pl"]}


def test_manage_contact_add_creates_it_and_audits(coordinator):
    data = {
        "name_en": "Local Trading Standards",
        "phone": "0113 000 0000",
        "order": 95,
    }

    response = coordinator.post(reverse("signs:manage_contact_add"), data)

    assert response.status_code == 302
    contact = Contact.objects.get(slug="local-trading-standards")
    assert contact.phone == "0113 000 0000"
    assert AuditEvent.objects.get(target_type="intelligence.contact").action == (
        Action.CREATE
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "", "url": ""}, forms.PHONE_OR_WEBSITE),
        ({"phone": "call us"}, forms.PHONE_INVALID),
        ({"name_en": ""}, forms.ENTER_CONTACT_NAME),
        ({"url": "not a website"}, "Enter a valid URL."),
    ],
)
def test_manage_contact_add_bad_input(coordinator, changes, message):
    data = {"name_en": "Helpline", "phone": "0800 000 000", "order": 1, **changes}
    count = Contact.objects.count()

    response = coordinator.post(reverse("signs:manage_contact_add"), data)

    assert response.status_code == 200
    assert str(message) in response.text
    assert Contact.objects.count() == count
