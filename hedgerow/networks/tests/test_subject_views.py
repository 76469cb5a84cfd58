"""The subject pages: recording each kind, search, links and sharing."""

import pytest
from django.urls import reverse

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.networks.models import Link, Subject, SubjectShare
from hedgerow.networks.tests.factories import SubjectFactory
from hedgerow.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    return AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)


@pytest.fixture
def officer(staff_client, police):
    return staff_client(Role.OFFICER, agency=police)


def test_person_recorded_with_aliases_and_vulnerability(officer):
    response = officer.post(
        reverse("networks:subject_create", args=["person"]),
        {
            "name": "Kyle Marsh",
            "aliases": "K\nKM",
            "date_of_birth": "2009-04-01",
            "nationality": "GB",
            "vulnerabilities": ["child", "criminal_exploitation"],
        },
    )
    subject = Subject.objects.get(name="Kyle Marsh")
    assert response.status_code == 302
    assert subject.aliases == ["K", "KM"]
    page = officer.get(reverse("networks:subject_detail", args=[subject.pk]))
    assert "Vulnerable: safeguard before acting." in page.text


def test_vehicle_form_asks_only_vehicle_questions(officer):
    page = officer.get(reverse("networks:subject_create", args=["vehicle"]))
    assert "Registration" in page.text
    assert "Date of birth" not in page.text
    officer.post(
        reverse("networks:subject_create", args=["vehicle"]),
        {"name": "Black Audi", "registration": "yx19 abc"},
    )
    assert Subject.objects.get(name="Black Audi").registration == "YX19ABC"


def test_subject_without_a_name_shows_an_error_and_saves_nothing(officer):
    response = officer.post(
        reverse("networks:subject_create", args=["phone"]),
        {"phone_number": "07700900123"},
    )
    assert "There is a problem" in response.text
    assert not Subject.objects.exists()


def test_unknown_kind_is_404(officer):
    assert (
        officer.get(reverse("networks:subject_create", args=["boat"])).status_code
        == 404
    )


def test_search_finds_by_alias_and_is_audited_with_the_query(officer, police):
    SubjectFactory(agency=police, name="Dale Hinds", aliases=["Tiny"])
    SubjectFactory(agency=police, name="Someone Else")
    page = officer.get(reverse("networks:subject_list"), {"q": "tiny"})
    assert "Dale Hinds" in page.text
    assert "Someone Else" not in page.text
    event = AuditEvent.objects.get(action=Action.SEARCH, target_type="networks.subject")
    assert event.purpose == "Subject search: tiny"


def test_link_recorded_with_grading_and_shown_on_both_subjects(officer, police):
    dale = SubjectFactory(agency=police, name="Dale Hinds")
    kyle = SubjectFactory(agency=police, name="Kyle Marsh")
    officer.post(
        reverse("networks:subject_link_create", args=[dale.pk]),
        {
            "target": kyle.pk,
            "kind": "associate",
            "information_source": "Stop search 22/1234",
            "source_evaluation": "2",
            "intelligence_assessment": "B",
            "handling_code": "P",
        },
    )
    link = Link.objects.get(source=dale, target=kyle)
    page = officer.get(reverse("networks:subject_detail", args=[kyle.pk]))
    assert "Dale Hinds" in page.text
    assert link.grading in page.text
    assert AuditEvent.objects.filter(
        action=Action.VIEW, target_id=str(kyle.pk)
    ).exists()


def test_share_needs_a_purpose_then_partner_sees_the_subject(officer, police, client):
    dale = SubjectFactory(agency=police, name="Dale Hinds")
    council = AgencyFactory(name="Leeds Licensing", kind=AgencyKind.LICENSING)
    url = reverse("networks:subject_share", args=[dale.pk])
    response = officer.post(url, {"agency": council.pk, "purpose": ""})
    assert response.status_code == 200
    assert not SubjectShare.objects.exists()
    officer.post(url, {"agency": council.pk, "purpose": "Licence review of the shop"})
    assert SubjectShare.objects.filter(subject=dale, agency=council).exists()
    assert AuditEvent.objects.filter(
        action=Action.DISCLOSE, recipient="Leeds Licensing"
    ).exists()


def test_partner_without_a_share_gets_404(staff_client, police):
    dale = SubjectFactory(agency=police)
    council = AgencyFactory(name="Leeds Licensing", kind=AgencyKind.LICENSING)
    partner = staff_client(Role.ANALYST, agency=council)
    assert (
        partner.get(reverse("networks:subject_detail", args=[dale.pk])).status_code
        == 404
    )


def test_premises_is_linked_to_a_place_in_the_register(officer):
    place = PlaceFactory(name="Sparkle Hand Car Wash")
    officer.post(
        reverse("networks:subject_create", args=["premises"]),
        {"name": "Car wash on Kirkstall Road", "place": place.pk},
    )
    subject = Subject.objects.get(name="Car wash on Kirkstall Road")
    assert subject.place == place
    page = officer.get(reverse("networks:subject_detail", args=[subject.pk]))
    assert "Sparkle Hand Car Wash" in page.text
