"""Agencies: the services that add and change them, and the pages administrators use."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hedgerow.accounts.models import Agency, AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.services.agencies import (
    AGENCY_NAME_TAKEN,
    agency_create,
    agency_update,
)
from hedgerow.accounts.tests.factories import (
    AgencyAreaFactory,
    AgencyFactory,
    InvitedUserFactory,
    UserFactory,
)
from hedgerow.accounts.views.agencies import AGENCY_ADDED, AGENCY_CHANGED
from hedgerow.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


LEEDS, BRADFORD = "E08000035", "E08000032"


def agency_form_data(**overrides):
    data = {
        "name": "Leeds Trading Standards",
        "kind": AgencyKind.TRADING_STANDARDS,
        "contact_email": "ts@leeds.example",
        "areas": LEEDS,
    }
    return {**data, **overrides}


def test_agency_create_records_areas_and_audits_initial_values(admin_client):
    # Act
    agency = agency_create(
        name="Leeds Trading Standards",
        kind=AgencyKind.TRADING_STANDARDS,
        contact_email="ts@leeds.example",
        local_authority_codes=[LEEDS],
        by=admin_client.user,
    )

    # Assert
    assert agency.local_authority_codes == [LEEDS]
    event = AuditEvent.objects.get(action=Action.CREATE, target_id=str(agency.pk))
    assert event.actor_id == admin_client.user.pk
    assert event.target_type == "accounts.agency"
    assert event.detail["changes"]["name"] == [None, "Leeds Trading Standards"]
    assert event.detail["changes"]["local_authority_codes"] == [None, [LEEDS]]


def test_agency_create_uppercases_and_removes_repeated_codes():
    agency = agency_create(
        name="West Yorkshire Police",
        kind=AgencyKind.POLICE,
        local_authority_codes=["e08000035", LEEDS, " E08000032 "],
        by=None,
    )

    assert agency.local_authority_codes == [BRADFORD, LEEDS]


def test_agency_create_rejects_invalid_code_naming_it():
    with pytest.raises(ValidationError) as raised:
        agency_create(
            name="Leeds Licensing",
            kind=AgencyKind.LICENSING,
            local_authority_codes=[LEEDS, "LEEDS1"],
            by=None,
        )

    assert "“LEEDS1” is not a local authority code" in raised.value.messages[0]
    assert not Agency.objects.filter(name="Leeds Licensing").exists()


def test_agency_create_rejects_duplicate_name_ignoring_case():
    AgencyFactory(name="Leeds Licensing")

    with pytest.raises(ValidationError) as raised:
        agency_create(name="leeds licensing", kind=AgencyKind.LICENSING, by=None)

    assert raised.value.messages == [
        str(AGENCY_NAME_TAKEN) % {"name": "leeds licensing"}
    ]


def test_agency_update_audits_old_and_new_values_of_changed_fields(admin_client):
    agency = AgencyFactory(name="Leeds Licensing", kind=AgencyKind.LICENSING)
    AgencyAreaFactory(agency=agency, local_authority_code=LEEDS)

    agency_update(
        agency=agency,
        name="Leeds City Council Licensing",
        kind=AgencyKind.LICENSING,
        contact_email=agency.contact_email,
        local_authority_codes=[LEEDS, BRADFORD],
        by=admin_client.user,
    )

    event = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(agency.pk))
    assert event.detail == {
        "changes": {
            "name": ["Leeds Licensing", "Leeds City Council Licensing"],
            "local_authority_codes": [[LEEDS], [BRADFORD, LEEDS]],
        }
    }


def test_agency_update_without_changes_records_nothing():
    agency = AgencyFactory(name="Leeds Licensing", kind=AgencyKind.LICENSING)

    agency_update(
        agency=agency,
        name=agency.name,
        kind=agency.kind,
        contact_email=agency.contact_email,
        by=None,
    )

    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_agency_list_shows_kind_areas_and_active_staff(staff_client):
    agency = AgencyFactory(name="Bradford Licensing", kind=AgencyKind.LICENSING)
    AgencyAreaFactory(agency=agency, local_authority_code=BRADFORD)
    UserFactory.create_batch(2, agency=agency)
    InvitedUserFactory(agency=agency)
    UserFactory(agency=agency, is_active=False, deactivated_at="2026-01-01T00:00Z")
    client = staff_client(Role.OFFICER)

    response = client.get(reverse("partnership:agency_list"))

    row = _row_containing(response.content.decode(), "Bradford Licensing")
    assert "Licensing" in row
    assert BRADFORD in row
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in row
    assert "Add an agency" not in response.content.decode()


def test_agency_list_offers_administrators_to_add_an_agency(admin_client):
    response = admin_client.get(reverse("partnership:agency_list"))

    assert "Add an agency" in response.content.decode()


def test_agency_detail_shows_staff_to_coordinators(staff_client):
    agency = AgencyFactory()
    UserFactory(agency=agency, full_name="Dinah Officer")
    client = staff_client(Role.COORDINATOR)

    response = client.get(reverse("partnership:agency_detail", args=[agency.pk]))

    assert "Dinah Officer" in response.content.decode()


def test_agency_detail_hides_staff_from_officers(staff_client):
    agency = AgencyFactory()
    UserFactory(agency=agency, full_name="Dinah Officer")
    client = staff_client(Role.OFFICER)

    response = client.get(reverse("partnership:agency_detail", args=[agency.pk]))

    assert response.status_code == 200
    assert "Dinah Officer" not in response.content.decode()


def test_agency_create_view_adds_agency_and_shows_it(admin_client):
    url = reverse("partnership:agency_create")

    response = admin_client.post(
        url, agency_form_data(areas="e08000035, E08000032"), follow=True
    )

    agency = Agency.objects.get(name="Leeds Trading Standards")
    assert agency.local_authority_codes == [BRADFORD, LEEDS]
    assert response.redirect_chain[-1][0] == reverse(
        "partnership:agency_detail", args=[agency.pk]
    )
    assert str(AGENCY_ADDED) in response.content.decode()


def test_agency_create_view_names_the_bad_code(admin_client):
    url = reverse("partnership:agency_create")

    response = admin_client.post(url, agency_form_data(areas="E08000035 X123"))

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "“X123” is not a local authority code" in response.content.decode()
    assert not Agency.objects.filter(name="Leeds Trading Standards").exists()


def test_agency_create_view_explains_a_taken_name(admin_client):
    AgencyFactory(name="Leeds Trading Standards")
    url = reverse("partnership:agency_create")

    response = admin_client.post(url, agency_form_data())

    expected = str(AGENCY_NAME_TAKEN) % {"name": "Leeds Trading Standards"}
    assert expected in response.content.decode()
    assert Agency.objects.filter(name="Leeds Trading Standards").count() == 1


def test_agency_edit_view_shows_current_details_and_saves_changes(admin_client):
    agency = AgencyFactory(name="Leeds Licensing", kind=AgencyKind.LICENSING)
    AgencyAreaFactory(agency=agency, local_authority_code=LEEDS)
    url = reverse("partnership:agency_edit", args=[agency.pk])

    form_page = admin_client.get(url)
    response = admin_client.post(
        url, agency_form_data(name="Leeds Licensing", areas="E08000032"), follow=True
    )

    assert 'value="E08000035"' in form_page.content.decode()
    agency.refresh_from_db()
    assert agency.kind == AgencyKind.TRADING_STANDARDS
    assert agency.local_authority_codes == [BRADFORD]
    assert str(AGENCY_CHANGED) in response.content.decode()


def _row_containing(html: str, text: str) -> str:
    """The table row (<tr>…</tr>) of a page that contains `text`."""
    rows = html.split("<tr")
    return next(row for row in rows if text in row)
