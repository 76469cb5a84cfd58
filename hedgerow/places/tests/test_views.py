"""The places pages as officers and analysts use them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.audit.models import AuditEvent
from hedgerow.geography.tests.factories import LsoaFactory
from hedgerow.intelligence.models import Routing, Status
from hedgerow.intelligence.tests.factories import ReportFactory, ThreatFactory
from hedgerow.places.models import FlagKind, Place, PlaceKind, Visibility
from hedgerow.places.tests.factories import PlaceFactory, PlaceFlagFactory

pytestmark = pytest.mark.django_db

LIST = reverse("places:place_list")
CREATE = reverse("places:place_create")


def valid_place(**changes) -> dict:
    return {
        "name": "Sparkle Hand Car Wash",
        "address": "Unit 3, Kirkstall Road\nLeeds",
        "postcode": "ls4 2ab",
        "uprn": "",
        "kind": PlaceKind.CAR_WASH,
        "latitude": "",
        "longitude": "",
        "visibility": Visibility.PARTNERSHIP,
        **changes,
    }


@pytest.fixture
def officer(staff_client):
    return staff_client(Role.OFFICER)


def test_adding_a_place_locates_it_and_shows_its_local_authority(officer):
    lsoa = LsoaFactory(name="Leeds 111A", local_authority_name="Leeds")
    longitude, latitude = LsoaFactory.centre(lsoa)

    response = officer.post(
        CREATE, valid_place(latitude=f"{latitude}", longitude=f"{longitude}")
    )

    place = Place.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("places:place_detail", args=[place.pk])
    page = officer.get(response["Location"]).content.decode()
    assert "Place added to the register" in page
    assert f"Leeds 111A ({lsoa.code})" in page
    assert "Leeds (E08000035)" in page
    assert "LS4 2AB" in page
    assert place.agency == officer.user.agency


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": "NOT A CODE"}, "Enter a real postcode, like LS1 1UR"),
        ({"uprn": "UPRN-1"}, "A UPRN is up to 12 digits, like 100021234567"),
        ({"latitude": "53.8"}, "Enter both a latitude and a longitude, or neither"),
        ({"latitude": "north", "longitude": "-1.5"}, "Enter the latitude as a number"),
        (
            {"latitude": "55.95", "longitude": "-3.19"},
            "The point must be in England or Wales",
        ),
        ({"address": ""}, "Enter the address or a description"),
        ({"kind": ""}, "Choose the kind of place"),
    ],
)
def test_bad_input_shows_an_error_summary_and_saves_nothing(officer, changes, message):
    response = officer.post(CREATE, valid_place(**changes))

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert 'class="govuk-error-summary"' in page
    assert not Place.objects.exists()


def test_changing_a_place_keeps_its_agency_and_is_audited(officer):
    place = PlaceFactory(agency=officer.user.agency, kind=PlaceKind.SHOP)
    url = reverse("places:place_edit", args=[place.pk])
    assert "Sparkle Hand Car Wash" in officer.get(url).content.decode()

    response = officer.post(
        url, valid_place(kind=PlaceKind.TAKEAWAY, name="Golden Fry")
    )

    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.kind, place.name) == (PlaceKind.TAKEAWAY, "Golden Fry")
    assert AuditEvent.objects.filter(
        action="update", target_type="places.place", target_id=str(place.pk)
    ).exists()


def test_search_by_postcode_name_or_address_and_filter(staff_client):
    client = staff_client(Role.ANALYST)
    bradford = LsoaFactory(
        local_authority_code="E08000032", local_authority_name="Bradford"
    )
    wash = PlaceFactory(name="Idle Valet Centre", postcode="BD10 0TF", lsoa=bradford)
    nails = PlaceFactory(
        name="Glamour Nails", kind=PlaceKind.NAIL_BAR, address="Park Row Arcade"
    )
    PlaceFlagFactory(place=nails, visibility=Visibility.PARTNERSHIP)

    def names(**query) -> set[str]:
        response = client.get(LIST, query)
        return {p.name for p in response.context["page"].object_list}

    assert names() == {wash.name, nails.name}
    assert names(q="bd10 0tf") == {wash.name}
    assert names(q="bd100tf") == {wash.name}
    assert names(q="glamour") == {nails.name}
    assert names(q="park row") == {nails.name}
    assert names(kind=PlaceKind.NAIL_BAR) == {nails.name}
    assert names(flag=FlagKind.SUSPECTED_MODERN_SLAVERY) == {nails.name}
    assert names(local_authority="E08000032") == {wash.name}
    assert names(q="nowhere") == set()
    assert AuditEvent.objects.filter(
        action="search", target_type="places.place"
    ).count()


def test_a_flag_the_agency_cannot_see_does_not_filter_the_list(staff_client):
    client = staff_client(Role.OFFICER)
    place = PlaceFactory()
    PlaceFlagFactory(place=place, kind=FlagKind.WEAPONS)  # the other agency's own

    response = client.get(LIST, {"flag": FlagKind.WEAPONS})

    assert list(response.context["page"].object_list) == []
    assert "No places match this search." in response.content.decode()


def test_the_list_is_paginated(staff_client):
    client = staff_client(Role.ANALYST)
    PlaceFactory.create_batch(30)

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert "30 places" in first.content.decode()
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5


def test_the_detail_shows_visible_flags_and_the_timeline_and_is_audited(officer):
    agency = officer.user.agency
    place = PlaceFactory(name="Eastside Hand Car Wash")
    PlaceFlagFactory(
        place=place,
        agency=agency,
        raised_by=UserFactory(agency=agency),
        kind=FlagKind.STAFF_SAFETY,
        note="Dogs loose on the forecourt",
    )
    PlaceFlagFactory(place=place, note="Another agency's private note")
    PlaceFlagFactory(
        place=place,
        kind=FlagKind.ILLICIT_GOODS,
        note="Shared with everyone",
        visibility=Visibility.PARTNERSHIP,
    )
    threat = ThreatFactory(texts={"en": {"name": "Modern slavery"}})
    ours = ReportFactory(place=place, threat=threat, status=Status.IN_PROGRESS)
    Routing.objects.create(report=ours, agency=agency, routed_at=timezone.now())
    theirs = ReportFactory(place=place, threat=threat)
    Routing.objects.create(
        report=theirs, agency=AgencyFactory(), routed_at=timezone.now()
    )

    response = officer.get(reverse("places:place_detail", args=[place.pk]))

    page = response.content.decode()
    assert "Dogs loose on the forecourt" in page
    assert "Shared with everyone" in page
    assert "Another agency&#x27;s private note" not in page
    assert "Another agency" not in page
    assert ours.reference in page
    assert "Modern slavery" in page
    assert "In progress" in page
    assert theirs.reference not in page
    assert reverse("triage:report_detail", args=[ours.reference]) in page
    event = AuditEvent.objects.get(action="view", target_type="places.place")
    assert event.target_id == str(place.pk)
    assert event.detail["reports_shown"] == [ours.reference]


def test_raising_and_clearing_a_flag(officer):
    place = PlaceFactory(agency=officer.user.agency)
    raise_url = reverse("places:flag_raise", args=[place.pk])

    missing = officer.post(raise_url, {"note": "no kind", "visibility": "agency"})
    assert "Choose a flag" in missing.content.decode()
    response = officer.post(
        raise_url,
        {"kind": FlagKind.SUSPECTED_CUCKOOING, "note": "", "visibility": "agency"},
    )
    assert response.status_code == 302
    flag = place.flags.get()
    clear_url = reverse("places:flag_clear", args=[place.pk, flag.pk])

    blank = officer.post(clear_url, {"reason": ""})
    assert "Enter why the flag is being cleared" in blank.content.decode()
    officer.post(clear_url, {"reason": "Tenant moved out; door secured"})

    flag.refresh_from_db()
    assert not flag.is_active
    page = officer.get(reverse("places:place_detail", args=[place.pk])).content
    assert "Tenant moved out; door secured" in page.decode()
    assert "No active flags that you can see." in page.decode()


def test_staff_pages_work_in_welsh(staff_client):
    client = staff_client(Role.ANALYST)

    response = client.get("/cy" + LIST)

    assert response.status_code == 200
