"""Factories for tactics and disruptions."""

import datetime

import factory
from django.utils import timezone

from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.disruptions.models import Disruption, Impact, Strand, Tactic
from hedgerow.networks.tests.factories import GroupFactory


class TacticFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tactic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"tactic-{n}")
    name = factory.Sequence(lambda n: f"Tactic {n}")
    usual_strand = Strand.PURSUE


class DisruptionFactory(factory.django.DjangoModelFactory):
    """A minor Pursue disruption against a group, by the recorder's own agency."""

    class Meta:
        model = Disruption

    occurred_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=7)
    )
    agency = factory.SubFactory(AgencyFactory)
    tactic = factory.SubFactory(TacticFactory)
    strand = Strand.PURSUE
    group = factory.SubFactory(GroupFactory)
    impact = Impact.MINOR
    rationale = "Supply from the address stopped for a fortnight."
    recording_agency = factory.SelfAttribute("agency")
    recorded_by = factory.SubFactory(
        UserFactory, agency=factory.SelfAttribute("..recording_agency")
    )
