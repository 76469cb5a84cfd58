"""The group pages: recording, members, panel, harm scoring and who sees what."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.networks.models import (
    HarmAssessment,
    Membership,
    OrganisedCrimeGroup,
    PanelSeat,
    ScoringMatrix,
)
from hedgerow.networks.scoring import DEFAULT_MATRIX
from hedgerow.networks.selectors import harm_overview, quarter_start
from hedgerow.networks.tests.factories import (
    GroupFactory,
    MembershipFactory,
    PanelSeatFactory,
    SubjectFactory,
    verified,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    return AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)


@pytest.fixture
def officer(staff_client, police):
    return staff_client(Role.OFFICER, agency=police)


def harm_form(score: int, likelihood: str, **changes) -> dict:
    data = {f"harm_{d['slug']}": str(score) for d in DEFAULT_MATRIX["harm_dimensions"]}
    data |= {
        "assessed_on": timezone.localdate().isoformat(),
        "likelihood": likelihood,
        "confidence": "medium",
        "organisational_position": "partial",
        "rationale": "Two corroborated reports of county lines supply.",
    }
    return data | changes


def test_group_recorded_through_the_form_seats_the_lead_on_the_panel(officer, police):
    response = officer.post(
        reverse("networks:group_create"),
        {
            "name": "Harehills Line",
            "status": "active",
            "summary": "Supplies crack cocaine into Harehills.",
            "lead_agency": police.pk,
            "local_authority_codes": "e08000035",
        },
    )
    group = OrganisedCrimeGroup.objects.get(name="Harehills Line")
    assert response.status_code == 302
    assert group.local_authority_codes == ["E08000035"]
    assert PanelSeat.objects.filter(group=group, agency=police).exists()
    page = officer.get(reverse("networks:group_detail", args=[group.pk]))
    assert "Harehills Line" in page.text
    assert AuditEvent.objects.filter(
        action=Action.VIEW, target_id=str(group.pk)
    ).exists()


def test_group_with_an_unknown_lsoa_shows_an_error_and_saves_nothing(officer, police):
    response = officer.post(
        reverse("networks:group_create"),
        {
            "name": "Nowhere Crew",
            "status": "active",
            "lead_agency": police.pk,
            "lsoa_codes": "E0199999X",
        },
    )
    assert response.status_code == 200
    assert "These LSOA codes are not known: E0199999X" in response.text
    assert not OrganisedCrimeGroup.objects.filter(name="Nowhere Crew").exists()


def test_member_added_and_removed(officer, police):
    group = GroupFactory(lead_agency=police)
    subject = SubjectFactory(agency=police, name="Dale Hinds")
    response = officer.post(
        reverse("networks:group_member_add", args=[group.pk]),
        {"subject": subject.pk, "role": "principal"},
    )
    assert response.status_code == 302
    page = officer.get(reverse("networks:group_detail", args=[group.pk]))
    assert "Dale Hinds" in page.text
    assert "Principal" in page.text
    membership = Membership.objects.get(group=group, subject=subject)
    officer.post(
        reverse("networks:group_member_remove", args=[group.pk, membership.pk])
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_same_member_twice_is_refused(officer, police):
    membership = MembershipFactory(
        group=GroupFactory(lead_agency=police), subject=SubjectFactory(agency=police)
    )
    response = officer.post(
        reverse("networks:group_member_add", args=[membership.group_id]),
        {"subject": membership.subject_id, "role": "peripheral"},
    )
    assert "already a member" in response.text
    assert Membership.objects.filter(group=membership.group).count() == 1


def test_panel_seat_added_and_lead_cannot_be_removed(officer, police):
    group = GroupFactory(lead_agency=police)
    lead_seat = PanelSeatFactory(group=group, agency=police)
    council = AgencyFactory(name="Leeds Licensing", kind=AgencyKind.LICENSING)
    officer.post(
        reverse("networks:group_panel_add", args=[group.pk]), {"agency": council.pk}
    )
    seat = PanelSeat.objects.get(group=group, agency=council)
    officer.post(reverse("networks:group_panel_remove", args=[group.pk, lead_seat.pk]))
    assert PanelSeat.objects.filter(pk=lead_seat.pk).exists()
    officer.post(reverse("networks:group_panel_remove", args=[group.pk, seat.pk]))
    assert not PanelSeat.objects.filter(pk=seat.pk).exists()


def test_harm_assessment_gives_the_band_and_shows_in_history_and_overview(
    officer, police
):
    group = GroupFactory(lead_agency=police)
    url = reverse("networks:group_harm_assess", args=[group.pk])
    preview = officer.post(url, harm_form(8, "constant") | {"preview": "1"})
    # Weighted harm 8 × 6.5 = 52, times "constant" (4) = 208: high.
    assert "Band: high" in preview.text
    assert "risk 208" in preview.text
    assert not HarmAssessment.objects.exists()
    officer.post(url, harm_form(8, "constant"))
    assessment = HarmAssessment.objects.get(group=group)
    assert (assessment.band, assessment.risk_score) == ("high", 208.0)
    history = officer.get(reverse("networks:group_harm_history", args=[group.pk]))
    assert "Two corroborated reports" in history.text
    overview = harm_overview(user=verified(officer.user), today=timezone.localdate())
    high = next(row for row in overview["rows"] if row["band"] == "high")
    assert high["this_quarter"] == 1


def test_overview_compares_this_quarter_with_last(officer, police):
    today = timezone.localdate()
    last_quarter = quarter_start(today) - datetime.timedelta(days=1)
    group = GroupFactory(lead_agency=police)
    for on, band in ((last_quarter, "low"), (today, "high")):
        HarmAssessment.objects.create(
            group=group,
            matrix=ScoringMatrix.objects.get(is_current=True),
            matrix_definition=DEFAULT_MATRIX,
            assessed_on=on,
            harm_scores={},
            likelihood="rare",
            confidence="low",
            organisational_position="partial",
            harm_total=1,
            risk_score=1,
            band=band,
            rationale="x",
            assessed_by=officer.user,
        )
    rows = {
        row["band"]: row
        for row in harm_overview(user=verified(officer.user), today=today)["rows"]
    }
    assert (rows["high"]["this_quarter"], rows["high"]["last_quarter"]) == (1, 0)
    assert (rows["low"]["this_quarter"], rows["low"]["last_quarter"]) == (0, 1)
    page = officer.get(reverse("networks:group_list"))
    assert "this quarter against last" in page.text


def test_unscored_dimension_shows_an_error_and_saves_nothing(officer, police):
    group = GroupFactory(lead_agency=police)
    data = harm_form(3, "frequent")
    del data["harm_physical"]
    response = officer.post(
        reverse("networks:group_harm_assess", args=[group.pk]), data
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not HarmAssessment.objects.exists()


def test_partner_on_the_panel_sees_members_masked_without_a_share(staff_client, police):
    council = AgencyFactory(name="Leeds Licensing", kind=AgencyKind.LICENSING)
    group = GroupFactory(lead_agency=police)
    PanelSeatFactory(group=group, agency=police)
    PanelSeatFactory(group=group, agency=council)
    MembershipFactory(
        group=group, subject=SubjectFactory(agency=police, name="Dale Hinds")
    )
    partner = staff_client(Role.ANALYST, agency=council)
    page = partner.get(reverse("networks:group_detail", args=[group.pk]))
    assert page.status_code == 200
    assert "Dale Hinds" not in page.text
    assert "details not shared with your agency" in page.text


def test_partner_off_the_panel_gets_403(staff_client, police):
    group = GroupFactory(lead_agency=police)
    council = AgencyFactory(name="Leeds Licensing", kind=AgencyKind.LICENSING)
    partner = staff_client(Role.ANALYST, agency=council)
    assert (
        partner.get(reverse("networks:group_detail", args=[group.pk])).status_code
        == 403
    )
    assert (
        partner.get(reverse("networks:group_detail", args=[99999])).status_code == 404
    )


def test_group_list_filter_is_audited(officer, police):
    GroupFactory(lead_agency=police, name="Dormant Crew", status="dormant")
    page = officer.get(reverse("networks:group_list"), {"status": "dormant"})
    assert "Dormant Crew" in page.text
    assert AuditEvent.objects.filter(
        action=Action.SEARCH, target_type="networks.organisedcrimegroup"
    ).exists()


def test_group_edit_changes_details_and_is_audited(officer, police):
    group = GroupFactory(lead_agency=police, name="Old Name")
    response = officer.post(
        reverse("networks:group_edit", args=[group.pk]),
        {"name": "New Name", "status": "disrupted", "lead_agency": police.pk},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.status) == ("New Name", "disrupted")
    assert AuditEvent.objects.filter(
        action=Action.UPDATE, target_id=str(group.pk)
    ).exists()


def test_coordinator_may_read_but_not_record_groups(staff_client, police):
    coordinator = staff_client(Role.COORDINATOR, agency=police)
    assert coordinator.get(reverse("networks:group_list")).status_code == 200
    assert coordinator.get(reverse("networks:group_create")).status_code == 403
