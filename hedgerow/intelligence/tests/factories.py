"""Factories for the intelligence app: the signs catalogue, reports and routing."""

import hashlib

import factory
from django.utils import timezone

from hedgerow.intelligence.models import (
    Contact,
    Report,
    RoutingRule,
    Threat,
    WarningSign,
)
from hedgerow.intelligence.models.reports import Channel, LocationKind, WhenKind


def _threat_texts(n: int) -> dict:
    return {
        "en": {
            "name": f"Threat {n}",
            "summary": f"What threat {n} is.",
            "do": ["Call 999 in an emergency"],
            "dont": ["Do not confront anyone"],
        }
    }


class ContactFactory(factory.django.DjangoModelFactory):
    """Somewhere else to go for help."""

    class Meta:
        model = Contact
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"contact-{n}")
    name = factory.Sequence(lambda n: {"en": f"Helpline {n}"})
    description = factory.LazyFunction(lambda: {"en": "Call for advice."})
    phone = "0800 555 111"
    url = "https://example.org/"
    order = factory.Sequence(lambda n: n)


class ThreatFactory(factory.django.DjangoModelFactory):
    """A published threat with English text only."""

    class Meta:
        model = Threat
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"threat-{n}")
    texts = factory.Sequence(_threat_texts)
    is_published = True
    order = factory.Sequence(lambda n: n)


class WarningSignFactory(factory.django.DjangoModelFactory):
    """A published warning sign with English text only."""

    class Meta:
        model = WarningSign

    threat = factory.SubFactory(ThreatFactory)
    slug = factory.Sequence(lambda n: f"sign-{n}")
    texts = factory.Sequence(lambda n: {"en": f"Warning sign {n}"})
    order = factory.Sequence(lambda n: n)
    is_published = True


class ReportFactory(factory.django.DjangoModelFactory):
    """A report submitted online just now, about something still happening."""

    class Meta:
        model = Report

    reference = factory.Sequence(lambda n: f"HR-{n:06d}")
    secret_hash = factory.Sequence(
        lambda n: hashlib.sha256(f"s{n}".encode()).hexdigest()
    )
    channel = Channel.WEB
    submitted_at = factory.LazyFunction(timezone.now)
    location_kind = LocationKind.PLACE
    location_description = "Outside the car wash on the high street"
    when_kind = WhenKind.ONGOING
    description = "Several young people coming and going at all hours."


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    """An active rule for any threat, anywhere; pass agencies=[...] to set them."""

    class Meta:
        model = RoutingRule
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Routing rule {n}")
    threat = None

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies.set(extracted)
