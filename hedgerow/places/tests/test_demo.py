"""The demo places: loaded once, each inside the LSOA it claims, with flags."""

import io

import pytest

from hedgerow.accounts.demo import load_demo_partnership
from hedgerow.geography.demo import load_demo_geography
from hedgerow.places.demo import DEMO_PLACES, load_demo_places
from hedgerow.places.models import Place, PlaceFlag

pytestmark = pytest.mark.django_db


def test_demo_places_load_once_inside_their_lsoas():
    load_demo_partnership(io.StringIO())
    load_demo_geography(io.StringIO())
    out = io.StringIO()

    load_demo_places(out)
    load_demo_places(out)

    assert f"Demo places: {len(DEMO_PLACES)} created" in out.getvalue()
    assert f"0 created, {len(DEMO_PLACES)} already there" in out.getvalue()
    assert Place.objects.count() == len(DEMO_PLACES)
    for spec in DEMO_PLACES:
        place = Place.objects.select_related("lsoa", "agency").get(address=spec.address)
        assert place.lsoa is not None, spec.address
        assert place.lsoa.code == spec.lsoa
        assert place.agency.name == spec.agency
    assert PlaceFlag.objects.count() == sum(len(spec.flags) for spec in DEMO_PLACES)
    kinds = {spec.kind for spec in DEMO_PLACES}
    assert {"car_wash", "nail_bar", "farm", "hmo", "takeaway"} <= kinds


def test_demo_places_wait_for_the_partnership():
    out = io.StringIO()

    load_demo_places(out)

    assert "load the demo partnership first" in out.getvalue()
    assert not Place.objects.exists()
