"""The places services: locating, validating, finding again, flags; all audited."""

import pytest
from django.core.exceptions import ValidationError

from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.audit.models import AuditEvent
from hedgerow.geography.tests.factories import LsoaFactory
from hedgerow.places.models import FlagKind, Place, PlaceKind, Visibility
from hedgerow.places.services import (
    POINT_NEEDS_BOTH,
    POINT_OUTSIDE,
    place_create,
    place_find_or_create,
    place_flag_clear,
    place_flag_raise,
    place_update,
)
from hedgerow.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def audit_actions(target) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            target_type=f"places.{target._meta.model_name}", target_id=str(target.pk)
        )
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_a_place_is_located_to_its_lsoa_with_a_tidy_postcode():
    lsoa = LsoaFactory()
    longitude, latitude = LsoaFactory.centre(lsoa)
    user = UserFactory()

    place = place_create(
        user=user,
        address="  Unit 3, Kirkstall Road\nLeeds ",
        postcode="ls4 2ab",
        kind=PlaceKind.CAR_WASH,
        latitude=latitude,
        longitude=longitude,
    )

    assert place.lsoa == lsoa
    assert place.postcode == "LS4 2AB"
    assert place.address == "Unit 3, Kirkstall Road\nLeeds"
    assert place.agency == user.agency
    assert place.created_by == user
    assert audit_actions(place) == ["create"]


def test_moving_the_point_moves_the_lsoa_and_is_audited():
    first, second = LsoaFactory(), LsoaFactory()
    user = UserFactory()
    place = place_create(
        user=user,
        address="Flat 2, Moor Road",
        kind=PlaceKind.HOUSE_OR_FLAT,
        latitude=LsoaFactory.centre(first)[1],
        longitude=LsoaFactory.centre(first)[0],
    )

    longitude, latitude = LsoaFactory.centre(second)
    place_update(
        place=place,
        user=user,
        address="Flat 2, Moor Road",
        kind=PlaceKind.HMO,
        latitude=latitude,
        longitude=longitude,
    )

    place.refresh_from_db()
    assert place.lsoa == second
    assert place.kind == PlaceKind.HMO
    assert audit_actions(place) == ["create", "update"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"postcode": "LS99 ZZZZ"}, "postcode", "Enter a real postcode, like LS1 1UR"),
        ({"uprn": "12AB"}, "uprn", "A UPRN is up to 12 digits, like 100021234567"),
        ({"latitude": 53.8}, "longitude", str(POINT_NEEDS_BOTH)),
        ({"latitude": 55.95, "longitude": -3.19}, "latitude", str(POINT_OUTSIDE)),
        ({"latitude": 48.85, "longitude": 2.35}, "latitude", str(POINT_OUTSIDE)),
        (
            {"address": "   "},
            "address",
            "Enter the address or a description of the place",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(fields, field, message):
    values = {"address": "1 High Street", "kind": PlaceKind.SHOP, **fields}

    with pytest.raises(ValidationError) as error:
        place_create(user=UserFactory(), **values)

    assert message in error.value.message_dict[field]
    assert not Place.objects.exists()
    assert not AuditEvent.objects.filter(target_type="places.place").exists()


def test_find_or_create_finds_by_uprn_or_by_postcode_and_address():
    user = UserFactory()
    by_uprn = PlaceFactory(agency=user.agency, uprn="100021234567", postcode="")
    by_address = PlaceFactory(
        address="Unit 7, Thackley Old Road\nBradford", postcode="BD10 0TF"
    )
    common = {"kind": PlaceKind.OTHER, "latitude": None, "longitude": None}

    found = place_find_or_create(
        user=user, address="anything", postcode="", uprn="100021234567", **common
    )
    assert found == by_uprn
    found = place_find_or_create(
        user=user,
        address="unit 7 thackley old road, bradford",
        postcode="bd100tf",
        **common,
    )
    assert found == by_address
    assert Place.objects.count() == 2


def test_find_or_create_never_matches_another_agencys_private_place():
    user = UserFactory()
    hidden = PlaceFactory(visibility=Visibility.AGENCY, address="9 Mill Lane")

    place = place_find_or_create(
        user=user,
        address="9 Mill Lane",
        postcode=hidden.postcode,
        kind=PlaceKind.HOUSE_OR_FLAT,
        latitude=None,
        longitude=None,
    )

    assert place != hidden
    assert place.agency == user.agency
    assert place.kind == PlaceKind.HOUSE_OR_FLAT
    assert audit_actions(place) == ["create"]


def test_flags_are_raised_and_cleared_once_with_a_reason():
    place = PlaceFactory()
    user = UserFactory(agency=place.agency)

    flag = place_flag_raise(
        place=place, user=user, kind=FlagKind.ILLICIT_GOODS, note="Seized vapes"
    )
    assert flag.agency == user.agency
    assert flag.visibility == Visibility.AGENCY
    assert flag.is_active

    with pytest.raises(ValidationError):
        place_flag_clear(flag=flag, user=user, reason="  ")
    place_flag_clear(flag=flag, user=user, reason="Premises closed down")
    flag.refresh_from_db()
    assert not flag.is_active
    assert flag.cleared_reason == "Premises closed down"
    with pytest.raises(ValidationError, match="already been cleared"):
        place_flag_clear(flag=flag, user=user, reason="Again")
    assert audit_actions(flag) == ["create", "update"]
