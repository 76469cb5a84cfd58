"""Factories for subjects, links and groups, and staff as the selectors see them."""

import factory

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.networks.models import (
    Link,
    LinkKind,
    MemberRole,
    Membership,
    OrganisedCrimeGroup,
    PanelSeat,
    Subject,
    SubjectKind,
)


def verified(user):
    """A user as a request sees them after both factors (is_verified is per request)."""
    user.is_verified = lambda: True
    return user


def staff(role=Role.OFFICER, kind=AgencyKind.POLICE, agency=None):
    agency = agency or AgencyFactory(kind=kind)
    return verified(UserFactory(role=role, agency=agency))


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject

    kind = SubjectKind.PERSON
    name = factory.Faker("name", locale="en_GB")
    agency = factory.SubFactory(AgencyFactory)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisedCrimeGroup

    name = factory.Sequence(lambda n: f"Group {n}")
    lead_agency = factory.SubFactory(AgencyFactory)


class PanelSeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelSeat

    group = factory.SubFactory(GroupFactory)
    agency = factory.SubFactory(AgencyFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    subject = factory.SubFactory(SubjectFactory)
    role = MemberRole.SIGNIFICANT


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Link

    source = factory.SubFactory(SubjectFactory)
    target = factory.SubFactory(SubjectFactory)
    kind = LinkKind.ASSOCIATE
    information_source = "Intelligence log 123"
    source_evaluation = "2"
    intelligence_assessment = "B"
    handling_code = "P"
    agency = factory.SelfAttribute("source.agency")
