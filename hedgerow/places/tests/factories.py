"""Factories for places and flags (the triage tests use them too)."""

import factory

from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.places.models import FlagKind, Place, PlaceFlag, PlaceKind, Visibility


class PlaceFactory(factory.django.DjangoModelFactory):
    """A partnership-visible car wash with no point (so no LSOA) unless given."""

    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Sparkle Hand Car Wash {n}")
    address = factory.Sequence(lambda n: f"Unit {n}, Kirkstall Road\nLeeds")
    postcode = "LS4 2AB"
    kind = PlaceKind.CAR_WASH
    agency = factory.SubFactory(AgencyFactory)
    visibility = Visibility.PARTNERSHIP


class PlaceFlagFactory(factory.django.DjangoModelFactory):
    """An active flag raised by the place's own agency, visible to it alone."""

    class Meta:
        model = PlaceFlag

    place = factory.SubFactory(PlaceFactory)
    kind = FlagKind.SUSPECTED_MODERN_SLAVERY
    note = "Workers seen sleeping in the back office."
    agency = factory.LazyAttribute(lambda o: o.place.agency)
    visibility = Visibility.AGENCY
    raised_by = factory.SubFactory(
        UserFactory, agency=factory.SelfAttribute("..agency")
    )
