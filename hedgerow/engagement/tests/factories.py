"""Factories for community events, their age bands, documents and insights."""

import datetime

import factory
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.engagement.models import (
    AgeBand,
    Event,
    EventAttendance,
    EventDocument,
    EventKind,
    Insight,
)

# The smallest real files of each kind with a magic number.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20 + b"\xff\xd9"


class EventFactory(factory.django.DjangoModelFactory):
    """A World Café held a fortnight ago, recorded by a coordinator."""

    class Meta:
        model = Event

    kind = EventKind.WORLD_CAFE
    title = factory.Sequence(lambda n: f"World Café {n}")
    held_on = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=14)
    )
    venue = "Community centre"
    attendance = 40
    created_by = factory.SubFactory(UserFactory, role=Role.COORDINATOR)


class EventAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventAttendance

    event = factory.SubFactory(EventFactory)
    band = AgeBand.AGED_25_44
    count = 10


class EventDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventDocument

    event = factory.SubFactory(EventFactory)
    name = "agenda.pdf"
    content = PDF_BYTES
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    added_at = factory.LazyFunction(timezone.now)
    added_by = factory.SelfAttribute("event.created_by")


class InsightFactory(factory.django.DjangoModelFactory):
    """A quotable insight from Table 1; pass `themes=[...]` to set its themes."""

    class Meta:
        model = Insight
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    table_label = "Table 1"
    text = factory.Sequence(lambda n: f"Residents at table {n} talked about the flats.")
    is_quotable = True
    recorded_by = factory.SelfAttribute("event.created_by")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
