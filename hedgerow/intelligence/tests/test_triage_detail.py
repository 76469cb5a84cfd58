"""One report's page and photos: all that was reported, need to know, reads audited."""

import pytest
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.models import Message, MessageKind
from hedgerow.intelligence.tests.factories import ThreatFactory, WarningSignFactory
from hedgerow.intelligence.tests.triage_factories import (
    LsoaFactory,
    ReportPhotoFactory,
    jpeg_bytes,
    routed_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory()


@pytest.fixture
def officer(staff_client, agency):
    return staff_client(Role.OFFICER, agency=agency)


def detail(client, report):
    return client.get(reverse("triage:report_detail", args=[report.reference]))


def test_report_detail_shows_everything_reported(officer, agency):
    threat = ThreatFactory()
    sign = WarningSignFactory(threat=threat, texts={"en": "Windows blacked out"})
    lsoa = LsoaFactory(name="Leeds 111B", local_authority_name="Leeds")
    report = routed_report(
        agency,
        threat=threat,
        lsoa=lsoa,
        description="Men dropped off in a van at 6am",
        location_description="Car wash, Roundhay Road",
        postcode="LS8 5AN",
    )
    report.signs.set([sign])
    Message.objects.create(
        report=report,
        kind=MessageKind.REPORTER_UPDATE,
        text="They came back today",
        created_at=report.submitted_at,
    )

    page = detail(officer, report).content.decode()

    for text in (
        threat.name,
        "Windows blacked out",
        "Men dropped off in a van at 6am",
        "Car wash, Roundhay Road",
        "LS8 5AN",
        "Leeds 111B",
        lsoa.code,
        "They came back today",
        agency.name,
    ):
        assert text in page


def test_report_detail_view_is_audited_for_triage(officer, agency):
    report = routed_report(agency)

    detail(officer, report)

    event = AuditEvent.objects.get(action=Action.VIEW)
    assert (event.target_type, event.target_id) == (
        "intelligence.report",
        str(report.pk),
    )
    assert event.purpose == "triage"
    assert event.actor_id == officer.user.pk


def test_report_detail_shows_contact_details_given_with_consent(officer, agency):
    report = routed_report(
        agency,
        contact_consent=True,
        contact_name="Sam Reporter",
        contact_email="sam@example.com",
    )

    page = detail(officer, report).content.decode()

    assert "Sam Reporter" in page
    assert "sam@example.com" in page


def test_report_detail_says_reporter_is_anonymous_without_consent(officer, agency):
    report = routed_report(agency)

    page = detail(officer, report).content.decode()

    assert "The reporter chose to stay anonymous" in page


def test_report_detail_of_another_agencys_report_is_not_found(officer):
    report = routed_report(AgencyFactory())

    response = detail(officer, report)

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=Action.VIEW).exists()


def test_report_detail_shows_escalation_when_life_at_risk(officer, agency):
    report = routed_report(agency, risk_to_life=True)

    page = detail(officer, report).content.decode()

    assert "Call 999, or your police force control room, now" in page
    assert "safeguarding referral" in page


def test_report_photo_is_served_and_audited(officer, agency):
    report = routed_report(agency)
    photo = ReportPhotoFactory(report=report)

    response = officer.get(
        reverse("triage:report_photo", args=[report.reference, photo.pk])
    )

    assert response.status_code == 200
    assert response.content == jpeg_bytes()
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=Action.VIEW)
    assert event.detail == {"part": f"photo {photo.pk}"}


def test_report_photo_of_another_report_is_not_found(officer, agency):
    report = routed_report(agency)
    elsewhere = ReportPhotoFactory(report=routed_report(AgencyFactory()))

    response = officer.get(
        reverse("triage:report_photo", args=[report.reference, elsewhere.pk])
    )

    assert response.status_code == 404
