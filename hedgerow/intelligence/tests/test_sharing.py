"""Sharing a sanitised copy: nothing identifying leaves; it is a recorded disclosure."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.models import LawfulBasis, SharedReport
from hedgerow.intelligence.services.sharing import (
    REMOVED,
    SHARE_TO_OWN_AGENCY,
    SHARE_TO_ROUTED_AGENCY,
    redact,
    report_share,
    sanitised_draft,
)
from hedgerow.intelligence.tests.triage_factories import (
    LsoaFactory,
    ReportPhotoFactory,
    routed_report,
)

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Young lads at 14 Elm Street all night. Ring me on 07700 900123 or email "
    "jo.bloggs@example.com, or see https://example.com/video. "
    "I'm Jo Bloggs from next door."
)


@pytest.fixture
def police():
    return AgencyFactory(name="West Yorkshire Police")


@pytest.fixture
def council():
    return AgencyFactory(name="Leeds City Council")


@pytest.fixture
def report(police):
    return routed_report(
        police,
        description=DESCRIPTION,
        location_description="Outside 14 Elm Street (call 0113 496 0000)",
        postcode="LS8 5AN",
        lsoa=LsoaFactory(),
        contact_consent=True,
        contact_name="Jo Bloggs",
        contact_phone="07700 900123",
        contact_email="jo.bloggs@example.com",
    )


@pytest.mark.parametrize(
    ("text", "removed"),
    [
        ("mail a.b+c@mail.example.org now", "a.b+c@mail.example.org"),
        ("call +44 7700 900123 today", "+44 7700 900123"),
        ("call 0113-496-0000 today", "0113-496-0000"),
        ("see www.example.com/x today", "www.example.com/x"),
    ],
)
def test_redact_removes_contact_details(text, removed):
    result = redact(text)

    assert removed not in result.text
    assert REMOVED in result.text
    assert result.removed == [removed]


def test_redact_leaves_dates_and_house_numbers():
    text = "On 12/03/2025 at 14 Elm Street, about 20 people"

    assert redact(text).text == text


def test_redact_removes_reporter_name_as_whole_words_only():
    result = redact("Al saw it. It always happens.", extra=["Al"])

    assert result.text == f"{REMOVED} saw it. It always happens."


def test_sanitised_draft_removes_everything_identifying(report):
    draft = sanitised_draft(report)

    for secret in (
        "07700 900123",
        "jo.bloggs@example.com",
        "Jo Bloggs",
        "0113 496 0000",
    ):
        assert secret not in draft.summary
        assert secret not in draft.location
    assert "https://example.com/video" not in draft.summary
    assert "14 Elm Street" in draft.location
    assert "LS8 5AN" in draft.location
    assert set(draft.removed) >= {"07700 900123", "jo.bloggs@example.com", "Jo Bloggs"}


def test_report_share_creates_copy_with_its_own_reference(report, police, council):
    officer = UserFactory(agency=police)
    photo = ReportPhotoFactory(report=report)
    draft = sanitised_draft(report)

    shared = report_share(
        report=report,
        by=officer,
        to_agency=council,
        purpose="Joint licensing visit",
        lawful_basis=LawfulBasis.CDA_S115,
        location=draft.location,
        when=draft.when,
        summary=draft.summary,
        photo_ids=[photo.pk],
    )

    assert shared.reference.startswith("SH-")
    assert report.reference.removeprefix("HR-") not in shared.reference
    assert (shared.from_agency, shared.to_agency) == (police, council)
    assert (shared.threat, shared.lsoa) == (report.threat, report.lsoa)
    assert list(shared.photos.all()) == [photo]


def test_report_share_records_disclosure(report, police, council):
    officer = UserFactory(agency=police)
    draft = sanitised_draft(report)

    report_share(
        report=report,
        by=officer,
        to_agency=council,
        purpose="Joint licensing visit",
        lawful_basis=LawfulBasis.CDA_S115,
        location=draft.location,
        when=draft.when,
        summary=draft.summary,
    )

    event = AuditEvent.objects.get(action=Action.DISCLOSE)
    assert event.purpose == "Joint licensing visit"
    assert event.recipient == "Leeds City Council"
    assert event.detail["lawful_basis"] == "cda_s115"
    assert event.actor_id == officer.pk
    assert event.target_id == str(report.pk)


@pytest.mark.parametrize(
    "summary",
    [
        "Call them on 07700 900123",
        "Reported by Jo Bloggs",
        "Write to jo.bloggs@example.com",
    ],
)
def test_report_share_refuses_copy_that_still_identifies(
    report, police, council, summary
):
    with pytest.raises(ValidationError) as error:
        report_share(
            report=report,
            by=UserFactory(agency=police),
            to_agency=council,
            purpose="Visit",
            lawful_basis=LawfulBasis.CDA_S115,
            location="Elm Street",
            when="Ongoing",
            summary=summary,
        )

    assert "still contains contact details" in error.value.messages[0]
    assert not SharedReport.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.DISCLOSE).exists()


def test_report_share_refuses_own_or_routed_agency(report, police):
    officer = UserFactory(agency=police)
    also_routed = AgencyFactory()
    report.routings.create(agency=also_routed, routed_at=report.submitted_at)
    fields = {
        "purpose": "x",
        "lawful_basis": LawfulBasis.CDA_S115,
        "location": "Elm Street",
        "when": "Ongoing",
        "summary": "Busy at night",
    }

    with pytest.raises(ValidationError) as own:
        report_share(report=report, by=officer, to_agency=police, **fields)
    with pytest.raises(ValidationError) as routed:
        report_share(report=report, by=officer, to_agency=also_routed, **fields)

    assert own.value.messages == [str(SHARE_TO_OWN_AGENCY)]
    assert routed.value.messages == [str(SHARE_TO_ROUTED_AGENCY)]


# --- The pages -----------------------------------------------------------------


def share_url(report):
    return reverse("triage:share", args=[report.reference])


def choose(council):
    return {
        "step": "choose",
        "to_agency": council.pk,
        "purpose": "Joint licensing visit",
        "lawful_basis": "cda_s115",
    }


def test_share_step_one_needs_agency_purpose_and_basis(staff_client, police, report):
    officer = staff_client(Role.OFFICER, agency=police)

    response = officer.post(share_url(report), {"step": "choose"})

    page = response.content.decode()
    assert "Choose the agency to share with" in page
    assert "Enter the purpose of sharing" in page
    assert "Choose the lawful basis for sharing" in page


def test_share_step_one_does_not_offer_own_agency(
    staff_client, police, council, report
):
    officer = staff_client(Role.OFFICER, agency=police)

    page = officer.get(share_url(report)).content.decode()

    assert "Leeds City Council" in page
    assert f'value="{police.pk}"' not in page


def test_share_step_two_prefills_sanitised_copy(staff_client, police, council, report):
    officer = staff_client(Role.OFFICER, agency=police)

    page = officer.post(share_url(report), choose(council)).content.decode()

    assert "Check the copy before sharing" in page
    assert "Young lads at 14 Elm Street all night" in page
    assert "[removed]" in page
    # Shown once in the list of what was taken out, never in the editable copy.
    summary = page.split('name="summary"')[1].split("</textarea>")[0]
    assert "07700 900123" not in summary
    assert "jo.bloggs@example.com" not in summary
    assert not SharedReport.objects.exists()


def test_share_confirmed_creates_copy_and_second_agency_sees_only_it(
    staff_client, client, police, council, report
):
    photo = ReportPhotoFactory(report=report)
    officer = staff_client(Role.OFFICER, agency=police)
    review = {
        **choose(council),
        "step": "review",
        "location": "Elm Street, LS8",
        "when": "Ongoing",
        "summary": "Young lads at a house all night.",
        "photos": [photo.pk],
    }

    response = officer.post(share_url(report), review)

    assert response.status_code == 302
    shared = SharedReport.objects.get()
    assert shared.summary == "Young lads at a house all night."
    # The receiving agency: the copy and its photo, never the original.
    client.logout()
    partner = staff_client(Role.OFFICER, agency=council)
    listing = partner.get(reverse("triage:shared_list")).content.decode()
    assert shared.reference in listing
    copy = partner.get(reverse("triage:shared_detail", args=[shared.reference]))
    page = copy.content.decode()
    assert "Young lads at a house all night." in page
    assert "Joint licensing visit" in page
    for secret in (
        "Jo Bloggs",
        "07700 900123",
        "jo.bloggs@example.com",
        report.reference,
    ):
        assert secret not in page
    photo_url = reverse("triage:shared_photo", args=[shared.reference, photo.pk])
    assert partner.get(photo_url).status_code == 200
    original = reverse("triage:report_detail", args=[report.reference])
    assert partner.get(original).status_code == 404
    assert (
        partner.get(
            reverse("triage:report_photo", args=[report.reference, photo.pk])
        ).status_code
        == 404
    )
    assert AuditEvent.objects.filter(
        action=Action.VIEW,
        target_type="intelligence.sharedreport",
        actor_id=partner.user.pk,
    ).exists()


def test_share_review_refuses_contact_details_typed_back(
    staff_client, police, council, report
):
    officer = staff_client(Role.OFFICER, agency=police)
    review = {
        **choose(council),
        "step": "review",
        "location": "Elm Street",
        "when": "Ongoing",
        "summary": "Ring 07700 900123",
    }

    response = officer.post(share_url(report), review)

    assert "still contains contact details" in response.content.decode()
    assert not SharedReport.objects.exists()


def test_shared_photo_not_included_is_not_found(staff_client, police, council, report):
    photo = ReportPhotoFactory(report=report)
    shared = report_share(
        report=report,
        by=UserFactory(agency=police),
        to_agency=council,
        purpose="Visit",
        lawful_basis=LawfulBasis.CDA_S115,
        location="Elm Street",
        when="Ongoing",
        summary="Busy at night",
    )
    partner = staff_client(Role.OFFICER, agency=council)

    response = partner.get(
        reverse("triage:shared_photo", args=[shared.reference, photo.pk])
    )

    assert response.status_code == 404
